import { wordIndex } from './word-index.ts';

/**
 * Units: the money units (元 with a multiplier), the multipliers that may follow
 * an Arabic number (万, 亿, 百万 …) and the units of counted quantities.
 */

/** Money units as printed in text and table headers, with their power of ten relative to 元. */
export const MONEY_UNITS = {
  元: 0,
  圆: 0,
  十元: 1,
  百元: 2,
  千元: 3,
  万元: 4,
  十万元: 5,
  百万元: 6,
  千万元: 7,
  亿元: 8,
  万亿元: 12,
} as const;
export type MoneyUnit = keyof typeof MONEY_UNITS;

export function isMoneyUnit(unit: string): unit is MoneyUnit {
  return Object.hasOwn(MONEY_UNITS, unit);
}

/**
 * Multipliers after an Arabic number, longest first, with the condition on
 * what follows: 千 and 百 only before 元 (so 千米, 千克, 百分 stay out), 兆 never
 * (兆瓦 is megawatt).
 */
export const MULTIPLIERS: readonly (readonly [word: string, exponent: number, onlyBeforeYuan: boolean])[] = [
  ['万亿', 12, false],
  ['千万', 7, false],
  ['百万', 6, false],
  ['十万', 5, false],
  ['亿', 8, false],
  ['万', 4, false],
  ['千', 3, true],
  ['百', 2, true],
];

/** Units of counted things, longest first so that 人次 wins over 人 and 个月 over 个. */
export const QUANTITY_UNITS: readonly string[] = [
  '台（套）',
  '台(套)',
  '个工作日',
  '平方公里',
  '平方米',
  '立方米',
  '人/次',
  '人次',
  '户次',
  '批次',
  '车次',
  '架次',
  '个月',
  '工作日',
  '小时',
  '分钟',
  '分',
  '公里',
  '千米',
  '千克',
  '公斤',
  '公顷',
  '台套',
  '周岁',
  '个',
  '人',
  '户',
  '家',
  '所',
  '份',
  '条',
  '次',
  '辆',
  '台',
  '套',
  '项',
  '件',
  '名',
  '天',
  '日',
  '月',
  '年',
  '周',
  '岁',
  '亩',
  '米',
  '吨',
  '张',
  '册',
  '本',
  '篇',
  '场',
  '期',
  '间',
  '座',
  '处',
  '块',
  '宗',
  '例',
  '床',
  '支',
  '批',
  '类',
  '种',
  '部',
];

/** The unit a quantity carries when printed as `台（套）` etc.: the parenthesis style is normalised. */
export function canonicalQuantityUnit(unit: string): string {
  return unit === '台(套)' ? '台（套）' : unit;
}

const QUANTITY_INDEX = wordIndex(QUANTITY_UNITS.map((u) => [u, u] as const));
const MULTIPLIER_INDEX = wordIndex(MULTIPLIERS.map((m) => [m[0], m] as const));

/** The quantity unit that starts at `pos`, longest first. */
export function quantityUnitAt(s: string, pos: number): string | null {
  return QUANTITY_INDEX.startingAt(s, pos)?.[0] ?? null;
}

/** The multiplier that starts at `pos`, longest first: [word, exponent, onlyBeforeYuan]. */
export function multiplierAt(s: string, pos: number): (typeof MULTIPLIERS)[number] | null {
  return MULTIPLIER_INDEX.startingAt(s, pos)?.[1] ?? null;
}
