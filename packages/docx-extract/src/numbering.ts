import { attr, child, childElements, type XmlElement } from './xml.ts';

/**
 * Word's automatic numbering (numbering.xml) turned back into the text Word
 * prints: "一、", "（一）", "1.", "（1）". mammoth drops this text (its issue
 * #92), so headings numbered by Word would lose their numbers.
 */
export interface NumberingLevel {
  readonly start: number;
  readonly format: string;
  /** "%1、", "（%1）", "%1.%2." */
  readonly text: string;
  /** Level whose new item restarts this level (w:lvlRestart), default: any lower level. */
  readonly restartAfter: number | null;
  readonly legal: boolean;
  readonly suffix: 'tab' | 'space' | 'nothing';
}

export interface NumberingDefinitions {
  readonly abstracts: ReadonlyMap<string, ReadonlyMap<number, NumberingLevel>>;
  /** numId → abstractNumId and per-level overrides. */
  readonly nums: ReadonlyMap<string, { readonly abstractId: string; readonly startOverrides: ReadonlyMap<number, number>; readonly levelOverrides: ReadonlyMap<number, NumberingLevel> }>;
}

export const EMPTY_NUMBERING: NumberingDefinitions = { abstracts: new Map(), nums: new Map() };

export function readNumbering(root: XmlElement): NumberingDefinitions {
  const abstracts = new Map<string, Map<number, NumberingLevel>>();
  for (const abs of childElements(root, 'w:abstractNum')) {
    const id = attr(abs, 'w:abstractNumId');
    if (id === undefined) continue;
    abstracts.set(id, readLevels(abs));
  }
  const nums = new Map<string, { abstractId: string; startOverrides: Map<number, number>; levelOverrides: Map<number, NumberingLevel> }>();
  for (const num of childElements(root, 'w:num')) {
    const id = attr(num, 'w:numId');
    const abstractId = attr(child(num, 'w:abstractNumId'), 'w:val');
    if (id === undefined || abstractId === undefined) continue;
    const startOverrides = new Map<number, number>();
    const levelOverrides = new Map<number, NumberingLevel>();
    for (const o of childElements(num, 'w:lvlOverride')) {
      const ilvl = Number(attr(o, 'w:ilvl') ?? '0');
      const start = attr(child(o, 'w:startOverride'), 'w:val');
      if (start !== undefined) startOverrides.set(ilvl, Number(start));
      const lvl = child(o, 'w:lvl');
      if (lvl) levelOverrides.set(ilvl, readLevel(lvl));
    }
    nums.set(id, { abstractId, startOverrides, levelOverrides });
  }
  return { abstracts, nums };
}

function readLevels(abs: XmlElement): Map<number, NumberingLevel> {
  const levels = new Map<number, NumberingLevel>();
  for (const lvl of childElements(abs, 'w:lvl')) levels.set(Number(attr(lvl, 'w:ilvl') ?? '0'), readLevel(lvl));
  return levels;
}

function readLevel(lvl: XmlElement): NumberingLevel {
  const restart = attr(child(lvl, 'w:lvlRestart'), 'w:val');
  const suffix = attr(child(lvl, 'w:suff'), 'w:val');
  return {
    start: Number(attr(child(lvl, 'w:start'), 'w:val') ?? '1'),
    format: attr(child(lvl, 'w:numFmt'), 'w:val') ?? 'decimal',
    text: attr(child(lvl, 'w:lvlText'), 'w:val') ?? '',
    restartAfter: restart === undefined ? null : Number(restart) - 1,
    legal: child(lvl, 'w:isLgl') !== undefined,
    suffix: suffix === 'space' || suffix === 'nothing' ? suffix : 'tab',
  };
}

/**
 * Counts list items in document order, as Word does: lists that share an
 * abstract definition continue each other's counting unless a w:num restarts
 * a level with w:startOverride.
 */
export class NumberingCounter {
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly startedNums = new Set<string>();

  constructor(private readonly defs: NumberingDefinitions) {}

  /** True when numbering.xml defines the list (a bullet list is defined but prints no number). */
  isDefined(numId: string): boolean {
    const num = this.defs.nums.get(numId);
    return num !== undefined && this.defs.abstracts.has(num.abstractId);
  }

  /** The printed number of the next item at (numId, ilvl), or null when numbering is off or undefined. */
  next(numId: string, ilvl: number): { text: string; suffix: NumberingLevel['suffix'] } | null {
    if (numId === '0') return null;
    const num = this.defs.nums.get(numId);
    const abs = num ? this.defs.abstracts.get(num.abstractId) : undefined;
    if (!num || !abs) return null;
    const levelAt = (l: number): NumberingLevel | undefined => num.levelOverrides.get(l) ?? abs.get(l);
    const level = levelAt(ilvl);
    if (!level) return null;
    const counts = this.counters.get(num.abstractId) ?? [];
    if (!this.startedNums.has(numId)) {
      this.startedNums.add(numId);
      for (const [l, start] of num.startOverrides) counts[l] = start - 1;
    }
    counts[ilvl] = (counts[ilvl] ?? (levelAt(ilvl)?.start ?? 1) - 1) + 1;
    for (let l = ilvl + 1; l < 9; l++) {
      const deeper = levelAt(l);
      if (!deeper || deeper.restartAfter === null || deeper.restartAfter >= ilvl) counts[l] = undefined;
    }
    this.counters.set(num.abstractId, counts);
    if (level.format === 'none') return { text: level.text.replace(/%\d/g, ''), suffix: level.suffix };
    if (level.format === 'bullet') return null;
    const text = level.text.replace(/%(\d)/g, (_, d: string) => {
      const l = Number(d) - 1;
      const lv = levelAt(l);
      const value = counts[l] ?? lv?.start ?? 1;
      return formatNumber(value, level.legal && l !== ilvl ? 'decimal' : (lv?.format ?? 'decimal'));
    });
    return { text, suffix: level.suffix };
  }
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const TIAN_GAN = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];

/** One number in a Word numbering format (w:numFmt). Unknown formats fall back to decimal. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographLegalTraditional':
      return chineseCounting(n);
    case 'ideographDigital':
    case 'taiwaneseDigital':
    case 'japaneseDigitalTenThousand':
      return String(n)
        .split('')
        .map((d) => (d === '0' ? '〇' : CN_DIGITS[Number(d)]))
        .join('');
    case 'ideographTraditional':
      return TIAN_GAN[(n - 1) % 10] ?? String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : String(n);
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'upperLetter':
      return letters(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    default:
      return String(n);
  }
}

/** 1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五. */
export function chineseCounting(n: number): string {
  if (n <= 0 || n >= 100000 || !Number.isInteger(n)) return String(n);
  const units = ['', '十', '百', '千', '万'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i] ?? '';
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out) out += '零';
    zero = false;
    out += CN_DIGITS[d] + unit;
  });
  return out.startsWith('一十') ? out.slice(1) : out;
}

function letters(n: number): string {
  const c = String.fromCharCode(65 + ((n - 1) % 26));
  return c.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [v, s] of table) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}
