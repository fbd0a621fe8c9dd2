import { COMPARED, EMITTED, figuresIn, indicatorFigure, moneyIn, yearsIn, type Figure } from '@budget-ingest/report-parser';

/**
 * `budget-ingest parse-number TEXT…`: for each argument, one JSON line per
 * figure the parser's figure layer yields for it — the same figures, labels
 * and money rules the readers use — so a data team can see why a figure came
 * out as it did. `value` is exact (money in yuan with two decimals); `label`
 * is the clause before the figure; `emitted` says whether the readers that
 * emit amounts take it as money (approximations and bounds are not amounts),
 * `compared` whether the checks do; `year` is the year the readers take from
 * the figure (2023年, 二〇二三年, the end of 2023至2025年), else null.
 *
 *   $ budget-ingest parse-number '基本支出126.15万元' '≥95%'
 *   {"arg":0,"text":"126.15万元","start":4,"end":12,"kind":"money","value":"1261500.00","unit":"元","printedUnit":"万元","scale":2,"approx":false,"op":null,"label":"基本支出","emitted":true,"compared":true}
 *   {"arg":1,"text":"≥95%","start":0,"end":4,"kind":"percent","value":"95","unit":"%","printedUnit":"%","scale":0,"approx":false,"op":">=","label":"","emitted":false,"compared":false}
 *
 * An argument without any number gives one line with kind null, so every
 * argument shows up in the output.
 *
 * With `--indicator`, each argument is read as an indicator table's target or
 * actual cell instead, one line each: the value, unit, op and approx the
 * indicator readers take (value null: not one figure, the cell stays text).
 *
 *   $ budget-ingest parse-number --indicator '100万人次以上' '达标'
 *   {"arg":0,"input":"100万人次以上","text":"100万人次以上","value":"1000000","unit":"人次","op":">=","approx":false}
 *   {"arg":1,"input":"达标","text":null,"value":null,"unit":null,"op":null,"approx":false}
 */
export function parseNumberCommand(texts: readonly string[], write: (line: string) => void, options: { readonly indicator?: boolean } = {}): void {
  if (options.indicator) {
    texts.forEach((input, arg) => {
      const read = indicatorFigure(input);
      write(JSON.stringify({ arg, input, text: read.figure?.text ?? null, value: read.value?.toFixed() ?? null, unit: read.unit, op: read.op, approx: read.approx }));
    });
    return;
  }
  texts.forEach((text, arg) => {
    const found = figuresIn(text);
    if (found.length === 0) {
      write(JSON.stringify({ arg, input: text, text: null, kind: null, value: null }));
      return;
    }
    const emitted = new Set(moneyIn(text, EMITTED).map((f) => f.end));
    const compared = new Set(moneyIn(text, COMPARED).map((f) => f.end));
    const years = yearsIn(text);
    for (const f of found) {
      const year = years.find((y) => y.end > f.start && y.end <= f.end)?.year ?? null;
      write(JSON.stringify({ ...toLine(arg, f, emitted.has(f.end), compared.has(f.end)), year }));
    }
  });
}

function toLine(arg: number, f: Figure, emitted: boolean, compared: boolean): Record<string, unknown> {
  return {
    arg,
    text: f.text,
    start: f.start,
    end: f.end,
    kind: f.kind,
    value: f.iso ?? (f.value === null ? null : f.kind === 'money' ? f.value.toFixed(2) : f.value.toString()),
    unit: f.unit,
    printedUnit: f.printedUnit,
    scale: f.scale,
    approx: f.approx,
    op: f.op,
    label: f.label,
    emitted,
    compared,
  };
}
