/**
 * Cross-table agreement rules are spec entries (specs/table-agreements.ts):
 * the check runs exactly the entries it is given, so a rule is added or
 * removed as data.
 */
import { describe, expect, it } from 'vitest';
import { readStandardTables } from '../standard-tables/index.ts';
import { TABLE_AGREEMENTS } from '../specs/table-agreements.ts';
import { checkAgreement } from './table-checks.ts';
import { doc, expenditureTable, summaryTable } from '../../test/sample-tables.ts';

const tables = (blocks: ReturnType<typeof doc>) => readStandardTables(blocks, { fiscalYear: 2022, kind: 'department_final_accounts' }).tables;

describe('checkAgreement follows the agreement specs', () => {
  const disagreeing = tables(doc(summaryTable({ expenditure: '2,500.00' }), expenditureTable()));

  it('reports a summary total that the 支出表 does not print under the spec’s rule', () => {
    expect(checkAgreement(disagreeing).map((f) => f.rule)).toContain('table-agreement-total-expenditure');
  });

  it('checks nothing that is not an entry', () => {
    expect(checkAgreement(disagreeing, [])).toEqual([]);
    const withoutTotal = TABLE_AGREEMENTS.filter((a) => !(a.kind === 'figure' && a.what === '本年支出合计'));
    expect(checkAgreement(disagreeing, withoutTotal).map((f) => f.message).filter((m) => m.startsWith('本年支出合计'))).toEqual([]);
  });

  it('runs a new entry given as data', () => {
    const consistent = tables(doc(summaryTable(), expenditureTable()));
    expect(checkAgreement(consistent)).toEqual([]);
    // A made-up rule: the summary's 本年收入合计 against the 支出表's 基本支出 (2,433.38 vs 1,830.24).
    const extra = [{ kind: 'figure' as const, rule: 'table-agreement-total-income' as const, what: '试验', a: { table: 'summary' as const, row: { label: [/^本年收入合计$/] }, column: 'main' as const }, b: { table: 'expenditure' as const, row: 'grand_total' as const, column: { role: 'basic' as const } } }];
    expect(checkAgreement(consistent, extra).map((f) => f.message)).toEqual([expect.stringMatching(/^试验：/)]);
  });
});
