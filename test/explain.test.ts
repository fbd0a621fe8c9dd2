import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AmountTrace } from '@budget-ingest/report-parser';
import { cli } from './support/cli.ts';

const docs = join(import.meta.dirname, 'fixtures/corpus/docs');

describe('explain', () => {
  // 芦淞's self-evaluation states 项目支出 141.28万元 in its text and 187.18 in its 基础数据表 (gold: the table's).
  it('shows the rule that chose a value and the reason each other statement was dropped', async () => {
    const run = await cli(['explain', join(docs, 'lusong-2023-perf.docx'), '--json']);
    expect(run.code).toBe(0);
    const traces = run.stdout.split('\n').map((l) => JSON.parse(l) as AmountTrace);
    const project = traces.find((t) => t.item === 'project_expenditure' && t.phase === 'actual' && t.fiscal_year === 2023)!;
    expect(project).toMatchObject({ yuan: '1871800.00', rule: 'table-over-text', read: { reader: 'amount-tables', spec: 'form_money', text: expect.stringContaining('187.18') } });
    expect(project.dropped).toContainEqual(expect.objectContaining({ yuan: '1412800.00', reader: 'amount-sentences', reason: 'lost-to-table-value', text: expect.stringContaining('141.28万元') }));
    const publicActual = traces.find((t) => t.item === 'public_expenditure' && t.phase === 'actual' && t.fiscal_year === 2023)!;
    expect(publicActual.dropped.map((d) => d.reason)).toEqual(['same-figure-restated']);
  }, 120_000);

  it('prints each amount with the text it read and the statements it dropped', async () => {
    const run = await cli(['explain', join(docs, 'lusong-2023-perf.docx')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/project_expenditure actual 2023 = 1871800\.00 {2}← amount-tables \[form_money\], table-over-text/);
    expect(run.stdout).toMatch(/dropped 1412800\.00 \(amount-sentences: 项目支出141\.28万元\) — lost-to-table-value/);
  }, 120_000);
});
