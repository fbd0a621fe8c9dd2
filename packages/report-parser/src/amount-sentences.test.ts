import { describe, expect, it } from 'vitest';
import { heading, numberBlocks, paragraph, type Block } from '@budget-ingest/doc-model';
import { readAmountSentences } from './amount-sentences.ts';
import { toTextUnits } from './text-units.ts';
import type { RejectedFigure } from './trace.ts';
import type { ReportKind } from './types.ts';

function read(blocks: Block[], kind: ReportKind = 'department_performance_self_evaluation', fiscalYear = 2021) {
  const numbered = numberBlocks(blocks);
  return readAmountSentences(
    toTextUnits(
      numbered,
      numbered.map((_, i) => i),
    ),
    { fiscalYear, kind },
  ).map((c) => [c.item, c.phase, c.fiscal_year, c.yuan]);
}

describe('readAmountSentences', () => {
  it('gives figures of an earlier year that year, and carries the phase through the sentence', () => {
    const text = '县医保局于 2019 年 3 月成立，2020 年，县医保局年度财政拨款预算金额共 6507.02 万元，其中基本支出预算金额为 115.7 万元，项目支出为 6391.32 万元。2020 年度部门决算情况，县医保局年度部门决算共 9422.85 万元，其中基本支出 124.07 万元。';
    expect(read([paragraph(text)])).toEqual([
      ['fiscal_appropriation', 'budget_initial', 2020, '65070200.00'],
      ['basic_expenditure', 'budget_initial', 2020, '1157000.00'],
      ['project_expenditure', 'budget_initial', 2020, '63913200.00'],
      ['total_expenditure', 'actual', 2020, '94228500.00'],
      ['basic_expenditure', 'actual', 2020, '1240700.00'],
    ]);
  });

  it('gives one amount per phase when a sentence states several phases of one item, a printed 0.00 included', () => {
    const text = '“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，其中：因公出国（境）费决算为0.00万元。';
    expect(read([paragraph(text)], 'department_final_accounts', 2024)).toEqual([
      ['three_public_expenditure', 'budget_initial', 2024, '9500.00'],
      ['three_public_expenditure', 'actual', 2024, '0.00'],
      ['overseas_travel', 'actual', 2024, '0.00'],
    ]);
    const other = '一般公共预算财政拨款支出年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%。';
    expect(read([paragraph(other)], 'department_final_accounts', 2024)).toEqual([
      ['general_public_budget', 'budget_initial', 2024, '0.00'],
      ['general_public_budget', 'budget_adjusted', 2024, '3210200.00'],
      ['general_public_budget', 'actual', 2024, '3078200.00'],
    ]);
    // 支出 after an item whose label said 收入 is the total 支出, not a further phase of that item.
    const flows = '2024年度财政拨款收入年初预算为500万元，支出决算为480万元。';
    expect(read([paragraph(flows)], 'department_final_accounts', 2024)).toEqual([
      ['fiscal_appropriation', 'budget_initial', 2024, '5000000.00'],
      ['total_expenditure', 'actual', 2024, '4800000.00'],
    ]);
    // A phase already stated for the item is not stated again; a 其中 list names its own items.
    const worded = '2024年度机关运行经费调整后预算为12万元，决算数为10.5万元，执行数为10.5万元；其中：决算为3万元。';
    expect(read([paragraph(worded)], 'department_final_accounts', 2024)).toEqual([
      ['agency_operating_expenditure', 'budget_adjusted', 2024, '120000.00'],
      ['agency_operating_expenditure', 'actual', 2024, '105000.00'],
    ]);
  });

  it('reads the 政府采购 total from its sentence, not the parts bought', () => {
    const text = '2017年我部门政府采购预算总金额为3742.4万元。其中拟购买货物525.4万元；拟购买工程500万元。';
    expect(read([paragraph(text)], 'department_budget', 2017)).toEqual([['government_procurement', 'budget_initial', 2017, '37424000.00']]);
  });

  it('reads the report year for 本年度 and skips changes', () => {
    const text = '本年度，县医保局年度部门决算共 1949.98 万元。与2020年相比，部门决算共增加100万元。';
    expect(read([paragraph(text)])).toEqual([['total_expenditure', 'actual', 2021, '19499800.00']]);
  });

  it('takes the item of a phase-only label from its section heading, and keeps sub-fund breakdowns out', () => {
    const blocks = [heading('政府性基金预算支出情况', { numbering: '三、' }), paragraph('2023年度政府性基金预算财政拨款收入28.04万元；支出28.04万元，其中基本支出0.00万元，项目支出28.04万元。'), paragraph('年初预算为0.00万元，支出决算为28.04万元。')];
    expect(read(blocks, 'department_performance_self_evaluation', 2023)).toEqual([
      ['government_fund_budget', 'actual', 2023, '280400.00'],
      ['government_fund_budget', 'budget_initial', 2023, '0.00'],
    ]);
  });

  it('takes no item from the section for a phase word inside a project statement', () => {
    const blocks = [heading('项目支出绩效情况', { numbering: '（二）' }), paragraph('三是离休干部医药费专项，预算50.00万元，实际支出36.04万元。')];
    expect(read(blocks, 'department_performance_self_evaluation', 2023)).toEqual([]);
  });

  it('reads a printed 0 as an amount of 0.00', () => {
    expect(read([paragraph('2022年“三公”经费支出中，因公出国(境)费支出决算0万元，占0%。')], 'department_final_accounts', 2022)).toEqual([['overseas_travel', 'actual', 2022, '0.00']]);
  });

  it('does not read the entries of a 公用经费 list as headline amounts', () => {
    expect(read([paragraph('公用经费29.03万元，主要包括：办公费5.84万元、公务接待费1.4万元。')], 'department_final_accounts', 2022)).toEqual([['public_expenditure', 'actual', 2022, '290300.00']]);
  });

  it('treats 支出 in a budget as budgeted spending', () => {
    expect(read([paragraph('2017年公务接待费支出185.72万元。')], 'department_budget', 2017)).toEqual([['official_reception', 'budget_initial', 2017, '1857200.00']]);
  });

  describe('tells explain why it passed a figure over', () => {
    function passedOver(text: string): [string, readonly string[], string][] {
      const numbered = numberBlocks([paragraph(text)]);
      const rejected: RejectedFigure[] = [];
      readAmountSentences(toTextUnits(numbered, [0]), { fiscalYear: 2023, kind: 'department_final_accounts', reject: (r) => rejected.push(r) });
      return rejected.map((r) => [r.reason, r.items, `${r.label}${r.figure}`]);
    }

    it('a change word: the difference is not an amount', () => {
      expect(passedOver('与2022年度相比，一般公共预算财政拨款支出减少63.14万元。')).toEqual([['change-word', ['general_public_budget'], '一般公共预算财政拨款支出减少63.14万元']]);
    });

    it('the items of an out-of-scope fund, and the bare 支出 of a sentence about it', () => {
      expect(passedOver('2023年度政府性基金预算财政拨款收入28.04万元；支出28.04万元，其中基本支出0.00万元，项目支出28.04万元。')).toEqual([
        ['out-of-scope-fund', ['total_expenditure'], '支出28.04万元'],
        ['out-of-scope-fund', ['basic_expenditure'], '基本支出0.00万元'],
        ['out-of-scope-fund', ['project_expenditure'], '项目支出28.04万元'],
      ]);
    });

    it('a bare 支出 of money the sentence named, and a label that names no item', () => {
      expect(passedOver('医疗救助专项基金共5650000元，支出4765720.27元。')).toEqual([
        ['no-item', [], '医疗救助专项基金共5650000元'],
        ['named-money', ['total_expenditure'], '支出4765720.27元'],
      ]);
    });
  });
});
