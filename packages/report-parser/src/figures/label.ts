/**
 * The label of a figure: the words right before it, back to a clause stop or
 * the figure before it. Readers differ only in which characters end a label,
 * so the stop sets are data here, named for what they are used for.
 */

export const LABEL_STOPS = {
  /** A clause of running text: ",;、。" (the default). */
  clause: ',;、。，；',
  /** A clause, or a colon that introduces a list ("支出:一般公共服务支出…"). */
  clauseOrColon: ',;、。:，；：',
  /** A list entry, also cut at an opening parenthesis ("…（其中：…" leaves the entry's own name). */
  listEntry: ',;、。(，；（',
  /** A statement's clause, where 、 joins names inside it ("年初预算为…、支出决算为…" stays one clause). */
  statement: ',;。，；',
  /** A short name inside a sentence the checks compare (no ; or 。: a check reads one sentence). */
  name: ',、:，：',
} as const;
export type LabelStops = keyof typeof LABEL_STOPS;

/** The words after the last stop character of `raw` ("" when it ends with one). */
export function labelOf(raw: string, stops: LabelStops = 'clause'): string {
  const set = LABEL_STOPS[stops];
  for (let i = raw.length - 1; i >= 0; i--) if (set.includes(raw[i]!)) return raw.slice(i + 1);
  return raw;
}

export interface Labelled<F> {
  readonly figure: F;
  /** The text between the previous figure taken and this one. */
  readonly raw: string;
  /** The label: `raw` after its last stop. */
  readonly label: string;
}

/**
 * The figures a reader takes, each with the text since the previous one it took
 * and its label: a reader that keeps only money figures labels them against
 * each other, not against a year or a percentage in between.
 */
export function labelled<F extends { readonly start: number; readonly end: number }>(text: string, figures: readonly F[], stops: LabelStops = 'clause'): Labelled<F>[] {
  let prevEnd = 0;
  return figures.map((figure) => {
    const raw = text.slice(prevEnd, figure.start);
    prevEnd = figure.end;
    return { figure, raw, label: labelOf(raw, stops) };
  });
}
