/**
 * Figures printed inside a name, which a reader cuts off to keep the name: a
 * score after an indicator level's name ("产出指标(40分)"), an amount the
 * extractor glued to the front of a row label ("123.45一般公共服务支出"). The
 * figure's span says where to cut.
 */
import { figuresIn } from './figure.ts';

const OPEN = '(（';
const CLOSE = ')）';

/**
 * Where a score printed after a name begins ("产出指标(40分)" → 4, at its
 * bracket; "数量指标10分" → 4), or null when the name ends in no score.
 */
export function scoreSuffixAt(name: string): number | null {
  const f = figuresIn(name).at(-1);
  // A bound ("90分以上", "≥90分") belongs to the name it ends (a standard, 满意度90分以上): a score printed after a name is a plain figure.
  if (f === undefined || f.unit !== '分' || f.value === null || f.op !== null) return null;
  if (f.end === name.length) return f.start;
  const bracketed = f.end === name.length - 1 && CLOSE.includes(name[f.end]!) && f.start > 0 && OPEN.includes(name[f.start - 1]!);
  return bracketed ? f.start - 1 : null;
}

/**
 * Where the label starts after an amount glued to its front (a number with
 * decimals: "123.45一般公共服务支出" → 6, "-1,234.50其他" → 9), or 0 when none is.
 * A code (2010101) or a year has no decimals and stays part of the label.
 */
export function afterGluedAmount(label: string): number {
  if (!/^[-−]?\d/.test(label)) return 0;
  const f = figuresIn(label)[0];
  if (f === undefined || f.digitsAt !== 0 || f.decimals === 0) return 0;
  const end = f.digitsAt + f.number.length;
  return end < label.length ? end : 0;
}
