import { toDec, type DecimalInput } from './decimal.ts';

/**
 * Numbers back to Chinese: `formatChineseNumeral(1005)` → 一千零五,
 * `formatChineseNumeral('3.14')` → 三点一四, `formatMoneyUppercase('12345.67')`
 * → 壹万贰仟叁佰肆拾伍元陆角柒分. Above 亿 the sections are 万亿 and 亿亿
 * (10^16 → 一亿亿), which `parseChineseNumeral` reads back.
 */
export interface FormatOptions {
  /** Financial uppercase digits and units (壹 贰 … 拾 佰 仟). Default false. */
  readonly uppercase?: boolean;
}

const LOWER_DIGITS = '零一二三四五六七八九';
const UPPER_DIGITS = '零壹贰叁肆伍陆柒捌玖';
const LOWER_UNITS = ['', '十', '百', '千'];
const UPPER_UNITS = ['', '拾', '佰', '仟'];

function bigUnit(k: number): string {
  return (k % 2 === 1 ? '万' : '') + '亿'.repeat(Math.floor(k / 2));
}

function formatSection(group: string, upper: boolean): string {
  const digits = upper ? UPPER_DIGITS : LOWER_DIGITS;
  const units = upper ? UPPER_UNITS : LOWER_UNITS;
  let out = '';
  let zero = false;
  for (let i = 0; i < 4; i++) {
    const d = group.charCodeAt(i) - 48;
    if (d === 0) {
      if (out !== '') zero = true;
      continue;
    }
    if (zero) out += digits[0];
    zero = false;
    out += digits[d]! + units[3 - i]!;
  }
  return out;
}

/** Non-negative integer digits → Chinese. */
function formatIntegerDigits(raw: string, upper: boolean): string {
  const digits = raw.replace(/^0+/, '');
  if (digits === '') return upper ? UPPER_DIGITS[0]! : LOWER_DIGITS[0]!;
  const padded = digits.padStart(Math.ceil(digits.length / 4) * 4, '0');
  const count = padded.length / 4;
  let out = '';
  let pendingZero = false;
  for (let g = 0; g < count; g++) {
    const group = padded.slice(g * 4, g * 4 + 4);
    const k = count - 1 - g;
    if (group === '0000') {
      if (out !== '') pendingZero = true;
      continue;
    }
    if (out !== '' && (pendingZero || group.charCodeAt(0) === 48)) out += upper ? UPPER_DIGITS[0] : LOWER_DIGITS[0];
    out += formatSection(group, upper) + bigUnit(k);
    pendingZero = false;
  }
  if (!upper && out.startsWith('一十')) out = out.slice(1);
  return out;
}

/** A number in Chinese numerals: 1005 → 一千零五, 10^16 → 一亿亿, -3.14 → 负三点一四. */
export function formatChineseNumeral(value: DecimalInput, options: FormatOptions = {}): string {
  const upper = options.uppercase === true;
  const d = toDec(value);
  const [intPart, fracPart] = d.abs().toFixed().split('.');
  let out = formatIntegerDigits(intPart!, upper);
  if (fracPart !== undefined) {
    const digits = upper ? UPPER_DIGITS : LOWER_DIGITS;
    out += '点';
    for (const ch of fracPart) out += digits[ch.charCodeAt(0) - 48];
  }
  return d.isNegative() && !d.isZero() ? `负${out}` : out;
}

/**
 * An amount of yuan in financial uppercase, rounded half up to 分:
 * 12345.67 → 壹万贰仟叁佰肆拾伍元陆角柒分, 300000 → 叁拾万元整, 1.05 → 壹元零伍分.
 */
export function formatMoneyUppercase(yuan: DecimalInput): string {
  const d = toDec(yuan).toDecimalPlaces(2);
  const [intPart, frac = '00'] = d.abs().toFixed(2).split('.');
  const jiao = frac.charCodeAt(0) - 48;
  const fen = frac.charCodeAt(1) - 48;
  const hasInt = /[1-9]/.test(intPart!);
  let out = hasInt ? `${formatIntegerDigits(intPart!, true)}元` : '';
  if (jiao === 0 && fen === 0) out = hasInt ? `${out}整` : '零元整';
  else {
    if (jiao > 0) out += `${UPPER_DIGITS[jiao]}角`;
    else if (hasInt) out += UPPER_DIGITS[0];
    if (fen > 0) out += `${UPPER_DIGITS[fen]}分`;
  }
  return d.isNegative() && !d.isZero() ? `负${out}` : out;
}
