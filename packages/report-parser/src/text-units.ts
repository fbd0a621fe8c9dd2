/**
 * The running text of one report as the readers see it: one unit per
 * paragraph or heading, normalised, with its page and section path. A figure
 * whose unit went to the next paragraph (split by a page break) is joined
 * back; a paragraph printed twice is marked as a duplicate.
 */
import { toTextGrid, type Block, type TableBlock } from '@budget-ingest/doc-model';
import { TABLE_NOTE_OPENER } from './genre/report-words.ts';
import { sectionPaths, parseNumbering, type SectionHeading } from './sections.ts';
import { COMPARED, moneyIn, yearsIn } from './figures/index.ts';
import { isTocEntry, normaliseText } from './text.ts';

export interface TextUnit {
  /** Normalised text, leading numbering removed. */
  readonly text: string;
  /** The text as printed (for source_text). */
  readonly printed: string;
  readonly page: number | null;
  /** Position of the block in the document. */
  readonly position: number;
  readonly sections: readonly SectionHeading[];
  /** True when the same paragraph was printed before. */
  readonly duplicate: boolean;
}

export function toTextUnits(blocks: readonly Block[], positions: readonly number[]): TextUnit[] {
  const own = positions.map((p) => blocks[p]!);
  const paths = sectionPaths(own);
  const seen = new Set<string>();
  const units: TextUnit[] = [];
  own.forEach((block, i) => {
    if (block.kind === 'table') {
      // A note in a row of its own is running text (注：机关运行经费…).
      for (const printed of tableNotes(block)) units.push({ text: normaliseText(printed), printed, page: block.pageEnd ?? block.page, position: positions[i]!, sections: paths[i]!, duplicate: false });
      return;
    }
    const printed = block.kind === 'heading' ? `${block.numbering ?? ''}${block.text}` : block.text;
    if (isTocEntry(printed)) return;
    let text = normaliseText(printed);
    const numbering = parseNumbering(text);
    if (numbering) text = numbering.rest;
    if (text.length === 0) return;
    const prev = units[units.length - 1];
    if (prev && continues(prev.text, text)) {
      units[units.length - 1] = { ...prev, text: prev.text + text, printed: `${prev.printed}${printed}` };
      return;
    }
    const key = text.replace(/^[一二三四五六七八九十\d]+[、.]/, '');
    const duplicate = key.length >= 20 && seen.has(key);
    seen.add(key);
    units.push({ text, printed, page: block.page, position: positions[i]!, sections: paths[i]!, duplicate });
  });
  return units;
}

/** The notes a table prints in rows of their own: one non-empty cell (however merged) that opens with 注 / 说明 / 备注. */
function tableNotes(block: TableBlock): string[] {
  const out: string[] = [];
  for (const row of toTextGrid(block)) {
    const cells = [...new Set(row.map((c) => c.trim()).filter((c) => c !== ''))];
    if (cells.length === 1 && TABLE_NOTE_OPENER.test(normaliseText(cells[0]!))) out.push(cells[0]!);
  }
  return out;
}

/**
 * True when a paragraph continues the one before it, split by a page or line
 * break the extractor took for a paragraph end: a figure whose unit went to the
 * next line ("…为85" / "万元"), or a sentence cut before its figure or its
 * 类/款/项 marker ("…年初预算为" / "161.62万元，…"; "…行政单位离退休" / "（项）。…").
 */
function continues(prev: string, next: string): boolean {
  const unitOpensNext = /^(亿元|万元|元|亿|万)/.test(next);
  if (unitOpensNext && /\d$/.test(prev)) return true;
  if (/[。;!?:]$/.test(prev)) return false;
  return /^\((类|款|项)\)/.test(next) || moneyIn(next, COMPARED)[0]?.start === 0;
}

/** Year context: the last "20xx年" before `pos` that is not a comparison (与2021年相比, 较2021年). */
export function yearBefore(text: string, pos: number): number | null {
  let year: number | null = null;
  for (const y of yearsIn(text)) {
    if (y.end > pos) break;
    const after = text.slice(y.end, y.end + 3);
    if (y.compared || /^(相比|同期|比|增|减|以来)/.test(after)) continue;
    // A year inside an aside that closed before the figure ((含2023年转列…项目5个)) is not the figure's.
    if (insideClosedAside(text, y.start, pos)) continue;
    year = y.year;
  }
  return year;
}

/** True when `at` is inside parentheses that close before `pos`. */
function insideClosedAside(text: string, at: number, pos: number): boolean {
  const open = text.lastIndexOf('(', at);
  if (open < 0 || text.lastIndexOf(')', at) > open) return false;
  const close = text.indexOf(')', at);
  return close >= 0 && close < pos;
}
