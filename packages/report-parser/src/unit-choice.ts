/**
 * A reading judged by the document's own arithmetic: a small table (a form's
 * money block) that states no money unit is read both in 元 and in 万元, and
 * the reading whose figures the running text restates (the same figure of the
 * same year, whatever its label) is kept. The choice and its evidence go to a
 * `money-unit-chosen` parse warning (stored, printed by `explain`); a table
 * the text restates in neither reading is not read, as before (a guess would
 * be wrong by 10 000).
 */
import { pushAll, type Block } from '@budget-ingest/doc-model';
import type { AmountCandidate } from './candidates.ts';
import { readAmountTables, statesUnit, type TableAmounts } from './amount-tables.ts';
import type { MoneyUnit } from './figures/index.ts';
import type { ParseWarning } from './types.ts';

const UNITS: readonly (readonly [MoneyUnit, string])[] = [
  ['wan', '万元'],
  ['yuan', '元'],
];

export function readUnitlessTables(blocks: readonly Block[], fiscalYear: number | null, text: readonly AmountCandidate[]): TableAmounts & { warnings: ParseWarning[] } {
  const out: TableAmounts & { warnings: ParseWarning[] } = { amounts: [], lines: [], warnings: [] };
  for (const block of blocks) {
    if (block.kind !== 'table' || statesUnit(block)) continue;
    const readings = UNITS.map(([unit, name]) => {
      const read = readAmountTables([block], fiscalYear, unit);
      const restated = read.amounts.filter((a) => text.some((t) => t.fiscal_year === a.fiscal_year && t.yuan === a.yuan));
      return { name, read, restated };
    });
    const [best, other] = [...readings].sort((a, b) => b.restated.length - a.restated.length);
    if (best!.restated.length === 0 || best!.restated.length === other!.restated.length) continue;
    pushAll(out.amounts, best!.read.amounts);
    pushAll(out.lines, best!.read.lines);
    const evidence = best!.restated.map((a) => `${a.item} ${a.yuan}`).join(', ');
    out.warnings.push({ code: 'money-unit-chosen', page: block.page, message: `a table without a money unit was read in ${best!.name}: ${best!.restated.length} of its figures are restated in the text in ${best!.name} (${evidence}), ${other!.restated.length} in ${other!.name}` });
  }
  return out;
}
