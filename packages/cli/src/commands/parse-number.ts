import { COMPARED, EMITTED, figuresIn, moneyIn, type Figure } from '@budget-ingest/report-parser';

/**
 * `budget-ingest parse-number TEXT…`: for each argument, one JSON line per
 * figure the parser's figure layer yields for it — the same figures, labels
 * and money rules the readers use — so a data team can see why a figure came
 * out as it did. `value` is exact (money in yuan with two decimals); `label`
 * is the clause before the figure; `emitted` says whether the readers that
 * emit amounts take it as money (approximations and bounds are not amounts),
 * `compared` whether the checks do.
 *
 *   $ budget-ingest parse-number '基本支出126.15万元' '≥95%'
 *   {"arg":0,"text":"126.15万元","start":4,"end":12,"kind":"money","value":"1261500.00","unit":"元","printedUnit":"万元","scale":2,"approx":false,"op":null,"label":"基本支出","emitted":true,"compared":true}
 *   {"arg":1,"text":"≥95%","start":0,"end":4,"kind":"percent","value":"95","unit":"%","printedUnit":"%","scale":0,"approx":false,"op":">=","label":"","emitted":false,"compared":false}
 *
 * An argument without any number gives one line with kind null, so every
 * argument shows up in the output.
 */
export function parseNumberCommand(texts: readonly string[], write: (line: string) => void): void {
  texts.forEach((text, arg) => {
    const found = figuresIn(text);
    if (found.length === 0) {
      write(JSON.stringify({ arg, input: text, text: null, kind: null, value: null }));
      return;
    }
    const emitted = new Set(moneyIn(text, EMITTED).map((f) => f.end));
    const compared = new Set(moneyIn(text, COMPARED).map((f) => f.end));
    for (const f of found) write(JSON.stringify(toLine(arg, f, emitted.has(f.end), compared.has(f.end))));
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
