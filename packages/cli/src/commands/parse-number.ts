import { scanNumbers, type NumberExpression } from '@budget-ingest/cn-numerals';

/**
 * `budget-ingest parse-number TEXT…`: for each argument, one JSON line per
 * number expression found in it, so a data team can see why a figure came out
 * as it did. Money values are yuan with two decimals, dates ISO, ranges carry
 * low/high; `before` holds the words in front of the figure.
 *
 *   $ budget-ingest parse-number '基本支出126.15万元' '≥95%'
 *   {"arg":0,"text":"126.15万元","start":4,"end":12,"value":"1261500.00","unit":"元","kind":"money","op":null,"approx":false,"before":"基本支出"}
 *   {"arg":1,"text":"≥95%","start":0,"end":4,"value":"95","unit":"%","kind":"percent","op":">=","approx":false,"before":""}
 *
 * An argument without any number gives one line with kind null, so every
 * argument shows up in the output.
 */
export function parseNumberCommand(texts: readonly string[], write: (line: string) => void): void {
  texts.forEach((text, arg) => {
    const found = scanNumbers(text);
    if (found.length === 0) {
      write(JSON.stringify({ arg, input: text, text: null, kind: null, value: null }));
      return;
    }
    for (const e of found) write(JSON.stringify(toLine(arg, e)));
  });
}

function toLine(arg: number, e: NumberExpression): Record<string, unknown> {
  const line: Record<string, unknown> = {
    arg,
    text: e.text,
    start: e.start,
    end: e.end,
    value: e.value,
    unit: e.unit,
    kind: e.kind,
    op: e.op,
    approx: e.approx,
  };
  if (e.low !== null || e.high !== null) {
    line.low = e.low;
    line.high = e.high;
  }
  if (e.kind === 'change') line.measure = e.measure;
  if (e.printedUnit !== null && e.printedUnit !== e.unit) line.printedUnit = e.printedUnit;
  line.before = e.before;
  return line;
}
