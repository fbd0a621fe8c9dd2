import { Decimal } from 'decimal.js';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  amountItem,
  amountPhase,
  amounts,
  correctedAmounts,
  correctedExpenditureLines,
  correctedIndicators,
  correctionAction,
  corrections,
  expenditureLines,
  indicators,
  lineClassification,
  reportKeys,
  type CorrectionRow,
  type Db,
} from '@budget-ingest/db';
import { amountKey, lineKey } from '@budget-ingest/publications';

/** An indicator's key inside its publication (the same expression as the value_keys view of migration 0012). */
export const indicatorKey = (i: { readonly level1: string | null; readonly level2: string | null; readonly level3: string }) =>
  `indicator|${i.level1 ?? ''}|${i.level2 ?? ''}|${i.level3}`;

/** Money units a reviewer may type a corrected amount in, as multiples of a yuan. */
export const MONEY_UNITS = { 元: '1', 千元: '1000', 万元: '10000', 亿元: '100000000' } as const;

const decimalText = z
  .string()
  .trim()
  .transform((s) => s.replace(/[,，\s]/g, ''))
  .pipe(z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal number such as 1234.56'));
const year = z.coerce.number().int().min(1949).max(2200);
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** POST /api/corrections: what a reviewer may send (JSON or the report page's form). */
export const correctionInputSchema = z
  .object({
    report_id: z.coerce.number().int().positive(),
    target: z.enum(['amount', 'line', 'indicator']),
    action: z.enum(correctionAction.enumValues),
    /** The value's key (value_key of the corrected_* views); not for `add`. */
    value_key: z.preprocess(blankToUndefined, z.string().max(2000).optional()),
    value: z.preprocess(blankToUndefined, decimalText.optional()),
    /** Money: 元 (default), 千元, 万元, 亿元. An indicator: its unit as printed (%, 人次 …). */
    unit: z.preprocess(blankToUndefined, z.string().trim().max(20).optional()),
    phase: z.preprocess(blankToUndefined, z.enum(amountPhase.enumValues).optional()),
    fiscal_year: z.preprocess(blankToUndefined, year.optional()),
    note: z.preprocess(blankToUndefined, z.string().max(4000).optional()),
    // A value the parser missed (`add`): what it is.
    item: z.preprocess(blankToUndefined, z.enum(amountItem.enumValues).optional()),
    classification: z.preprocess(blankToUndefined, z.enum(lineClassification.enumValues).optional()),
    path: z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.split('/').map((p) => p.trim())) : v), z.array(z.string().min(1).max(200)).max(5).optional()),
    code: z.preprocess(blankToUndefined, z.string().regex(/^\d{3,7}$/).optional()),
    level1: z.preprocess(blankToUndefined, z.string().max(200).optional()),
    level2: z.preprocess(blankToUndefined, z.string().max(200).optional()),
    level3: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  })
  .superRefine((c, ctx) => {
    const need = (field: keyof typeof c, why: string) => {
      if (c[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: why });
    };
    if (c.action !== 'add') need('value_key', `${c.action} needs the value's value_key`);
    if (c.action === 'correct' && c.value === undefined && c.phase === undefined && c.fiscal_year === undefined && c.unit === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'correct needs a new value, phase, year or unit' });
    }
    if (c.action === 'add') {
      need('value', 'add needs the value');
      const required: Readonly<Record<typeof c.target, readonly (keyof typeof c)[]>> = {
        amount: ['item', 'phase', 'fiscal_year'],
        line: ['classification', 'path', 'phase', 'fiscal_year'],
        indicator: [],
      };
      for (const field of required[c.target]) need(field, `an added ${c.target} needs its ${field}`);
      if (c.target === 'indicator') need('level3', 'an added indicator needs its 三级指标');
    }
    if (c.target !== 'indicator' && c.unit !== undefined && c.value === undefined) ctx.addIssue({ code: 'custom', path: ['unit'], message: 'a unit goes with the value typed in it' });
    if (c.target !== 'indicator' && c.unit !== undefined && !(c.unit in MONEY_UNITS)) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: `a money unit: ${Object.keys(MONEY_UNITS).join(', ')}` });
    }
  });
export type CorrectionInput = z.infer<typeof correctionInputSchema>;

/** A correction that cannot be made: its report or value does not exist, or its value is not exact to the fen. */
export class CorrectionError extends Error {
  override readonly name = 'CorrectionError';
  constructor(
    message: string,
    readonly status: 400 | 404,
  ) {
    super(message);
  }
}

/** Yuan, exact to the fen, of a figure typed in `unit`; a figure finer than a fen is refused, never rounded. */
export function toYuan(value: string, unit: string | undefined): string {
  const yuan = new Decimal(value).times(MONEY_UNITS[(unit ?? '元') as keyof typeof MONEY_UNITS]);
  if (!yuan.times(100).isInteger()) throw new CorrectionError(`${value} ${unit ?? '元'} is not a whole number of fen`, 400);
  return yuan.toFixed(2);
}

/**
 * Records a reviewer's correction of a value of a report. The value is named by its stable
 * key inside the report's publication, and what it was as parsed is kept with it, so the
 * correction survives reparse and shows what it changed. Returns the stored row.
 */
export async function recordCorrection(db: Db, input: CorrectionInput, reviewer: string): Promise<CorrectionRow> {
  const key = (await db.select().from(reportKeys).where(eq(reportKeys.reportId, input.report_id)).limit(1))[0];
  if (!key) throw new CorrectionError(`no report ${input.report_id}`, 404);
  const { identity, valueKey, oldValue } = input.action === 'add' ? addedIdentity(input) : await parsedValue(db, input, input.value_key!);
  const newValue = input.action === 'correct' || input.action === 'add' ? newValueOf(input, oldValue) : null;
  const [row] = await db
    .insert(corrections)
    .values({ publicationKey: key.publicationKey, target: input.target, valueKey, identity, action: input.action, oldValue, newValue, note: input.note ?? null, reviewer })
    .returning();
  return row!;
}

type Fields = Record<string, unknown>;

/** The parsed value a correction names, from the report's own rows (not the corrected view: old_value is what the parser read). */
async function parsedValue(db: Db, input: CorrectionInput, valueKey: string): Promise<{ identity: Fields; valueKey: string; oldValue: Fields | null }> {
  const missing = () => new CorrectionError(`report ${input.report_id} has no ${input.target} ${valueKey}`, 404);
  if (input.target === 'amount') {
    const v = (await db.select({ id: correctedAmounts.id }).from(correctedAmounts).where(and(eq(correctedAmounts.reportId, input.report_id), eq(correctedAmounts.valueKey, valueKey))))[0];
    const row = v?.id ? (await db.select().from(amounts).where(eq(amounts.id, v.id)))[0] : undefined;
    if (!row) throw missing();
    return { identity: { item: row.item, phase: row.phase, fiscal_year: row.fiscalYear }, valueKey, oldValue: { yuan: row.yuan, phase: row.phase, fiscal_year: row.fiscalYear } };
  }
  if (input.target === 'line') {
    const v = (await db.select({ id: correctedExpenditureLines.id }).from(correctedExpenditureLines).where(and(eq(correctedExpenditureLines.reportId, input.report_id), eq(correctedExpenditureLines.valueKey, valueKey))))[0];
    const row = v?.id ? (await db.select().from(expenditureLines).where(eq(expenditureLines.id, v.id)))[0] : undefined;
    if (!row) throw missing();
    return {
      identity: { classification: row.classification, path: row.path, code: row.code, phase: row.phase, fiscal_year: row.fiscalYear },
      valueKey,
      oldValue: { yuan: row.yuan, budget_yuan: row.budgetYuan, phase: row.phase, fiscal_year: row.fiscalYear },
    };
  }
  const v = (await db.select({ id: correctedIndicators.id }).from(correctedIndicators).where(and(eq(correctedIndicators.reportId, input.report_id), eq(correctedIndicators.valueKey, valueKey))))[0];
  const row = v?.id ? (await db.select().from(indicators).where(eq(indicators.id, v.id)))[0] : undefined;
  if (!row) throw missing();
  return {
    identity: { level1: row.level1, level2: row.level2, level3: row.level3 },
    valueKey,
    oldValue: { actual_raw: row.actualRaw, actual_value: row.actualValue, actual_unit: row.actualUnit },
  };
}

/** The identity and key of a value the parser missed, from what the reviewer typed. */
function addedIdentity(input: CorrectionInput): { identity: Fields; valueKey: string; oldValue: null } {
  if (input.target === 'amount') {
    const identity = { item: input.item!, phase: input.phase!, fiscal_year: input.fiscal_year! };
    return { identity, valueKey: amountKey(identity), oldValue: null };
  }
  if (input.target === 'line') {
    const identity = { classification: input.classification!, path: input.path!, code: input.code ?? null, phase: input.phase!, fiscal_year: input.fiscal_year! };
    return { identity, valueKey: lineKey(identity), oldValue: null };
  }
  const identity = { level1: input.level1 ?? null, level2: input.level2 ?? null, level3: input.level3! };
  return { identity, valueKey: indicatorKey(identity), oldValue: null };
}

/** The value in force after a correction: the typed figure in yuan (money) or as printed (an indicator), and what was typed. */
function newValueOf(input: CorrectionInput, old: Fields | null): Fields {
  if (input.target === 'indicator') {
    const value = input.value ?? (old?.actual_value as string | null | undefined) ?? null;
    const unit = input.unit ?? (old?.actual_unit as string | null | undefined) ?? null;
    return {
      ...(input.action === 'add' ? { level1: input.level1 ?? null, level2: input.level2 ?? null, level3: input.level3 } : {}),
      actual_raw: value === null ? null : `${value}${unit ?? ''}`,
      actual_value: value === null ? null : new Decimal(value).toString(),
      actual_unit: unit,
    };
  }
  const entered = input.value ?? (old?.yuan as string | null | undefined) ?? null;
  return {
    ...(input.action === 'add' && input.target === 'amount' ? { item: input.item } : {}),
    ...(input.action === 'add' && input.target === 'line' ? { classification: input.classification, path: input.path, code: input.code ?? null } : {}),
    yuan: entered === null ? null : input.value === undefined ? entered : toYuan(entered, input.unit),
    phase: input.phase ?? old?.phase,
    fiscal_year: input.fiscal_year ?? old?.fiscal_year,
    ...(input.value !== undefined ? { entered: input.value, unit: input.unit ?? '元' } : {}),
  };
}
