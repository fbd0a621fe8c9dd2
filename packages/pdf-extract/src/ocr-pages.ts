/**
 * Pages without a usable text layer, read by the OCR engine handed in: up to
 * its slots at once, each page on its own (a page the engine cannot read, or
 * that runs out of time, becomes an `ocr-page-failed` warning and stays empty;
 * the other pages and the document go on). Each reading becomes the same raw
 * page the text layer gives, so tables, lines and paragraphs are found by the
 * same steps; blocks built from it are then marked `ocr: true` with the
 * engine's mean confidence over their words.
 */
import { pushAll, type Block, type BBox, type ExtractionWarning, type PageInfo, type PageOcrInfo, type TableBlock } from '@budget-ingest/doc-model';
import type { OcrWord, PageOcr } from './page-ocr.ts';
import type { RawPage } from './types.ts';

/**
 * A page whose text layer has fewer characters is read by OCR: a scan has
 * none, or a stamped page number or a file name its scanner printed on it.
 * The OCR reading replaces a text layer only where it found at least that
 * many characters more: a text page that merely holds little text keeps it.
 */
export const MIN_TEXT_LAYER_CHARS = 20;

export interface OcrRead {
  readonly raw: RawPage;
  readonly info: PageOcrInfo;
  readonly words: readonly OcrWord[];
}

export async function ocrPages(
  ocr: PageOcr,
  pages: readonly PageInfo[],
  textChars: readonly number[],
): Promise<{ pages: Map<number, OcrRead>; warnings: ExtractionWarning[] }> {
  const out = new Map<number, OcrRead>();
  const warnings: ExtractionWarning[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < pages.length; i = next++) {
      const p = pages[i]!;
      try {
        const r = await ocr.readPage(p.number, p.width, p.height);
        const chars = r.words.reduce((n, w) => n + w.text.length, 0);
        const layer = textChars[p.number - 1] ?? 0;
        // A page with some text of its own keeps it unless OCR found a page's worth more (a scan under a stamped header).
        if (layer === 0 ? chars > 0 : chars >= layer + MIN_TEXT_LAYER_CHARS) {
          const confidence = r.words.length === 0 ? 0 : round3(r.words.reduce((s, w) => s + w.confidence, 0) / r.words.length);
          out.set(p.number, {
            raw: {
              number: p.number,
              width: p.width,
              height: p.height,
              rotation: p.rotation,
              turn: 0,
              runs: r.words.map((w) => ({ text: w.text, x0: w.x0, y0: w.y0, x1: w.x1, y1: w.y1, size: w.size, horizontal: true })),
              segments: r.segments,
            },
            info: { engine: r.engine, confidence, words: r.words.length, skewDegrees: r.skewDegrees, dpi: r.dpi },
            words: r.words,
          });
        }
      } catch (err) {
        warnings.push({ code: 'ocr-page-failed', message: `page ${p.number} could not be read by OCR: ${(err as Error | undefined)?.message ?? String(err)}`, page: p.number });
      }
      ocr.onPage?.(++done, pages.length, p.number);
    }
  };
  await Promise.all(Array.from({ length: Math.min(ocr.slots, pages.length) }, worker));
  warnings.sort((a, b) => (a.page ?? 0) - (b.page ?? 0));
  return { pages: out, warnings };
}

/** Marks the blocks on OCR pages `ocr: true` with the mean confidence of the words inside them (and of each table cell). */
export function withOcrConfidence(blocks: readonly Block[], reads: ReadonlyMap<number, OcrRead>): Block[] {
  return blocks.map((b): Block => {
    if (b.kind !== 'table') {
      const read = b.page === null ? undefined : reads.get(b.page);
      if (!read) return b;
      return { ...b, text: b.text.replace(RULE_MARKS, ''), ocr: true, confidence: meanIn(read.words, b.bbox) ?? read.info.confidence };
    }
    let any = false;
    const all: number[] = [];
    const rows = b.rows.map((row) =>
      row.map((c) => {
        const read = c.page === null ? undefined : reads.get(c.page);
        if (!read) return c;
        any = true;
        const inside = wordsIn(read.words, c.bbox);
        if (inside.length === 0) return c;
        pushAll(all, inside.map((w) => w.confidence));
        return { ...c, text: cleanOcrCellText(c.text), confidence: mean(inside.map((w) => w.confidence)) };
      }),
    );
    if (!any) return b;
    const table: TableBlock = { ...b, rows, ocr: true, confidence: all.length > 0 ? mean(all) : (reads.get(b.page ?? -1)?.info.confidence ?? 0) };
    return table;
  });
}

/** What a ruling the image step left a trace of reads as: this genre prints none of these characters. */
const RULE_MARKS = /[|｜¦]/g;
/** Marks the engine reads from a cell's border or speckle at the edge of a cell: no cell of a form starts or ends with them. */
const EDGE_NOISE = /^[\s“”"'‘’`,，.。、:;·_~^*]+|[\s“”"'‘’`,，.。、:;·_~^*-]+$/gu;

/** An OCR cell's text without ruling traces and edge noise ("648.01," → "648.01", ".346.26" → "346.26"). */
export function cleanOcrCellText(text: string): string {
  return text.replace(RULE_MARKS, ' ').replace(/\s+/g, ' ').trim().replace(EDGE_NOISE, '');
}

function wordsIn(words: readonly OcrWord[], box: BBox | undefined): OcrWord[] {
  if (!box) return [];
  return words.filter((w) => {
    const x = (w.x0 + w.x1) / 2;
    const y = (w.y0 + w.y1) / 2;
    return x >= box[0] - 1 && x <= box[2] + 1 && y >= box[1] - 1 && y <= box[3] + 1;
  });
}

function meanIn(words: readonly OcrWord[], box: BBox | undefined): number | null {
  const inside = wordsIn(words, box);
  return inside.length === 0 ? null : mean(inside.map((w) => w.confidence));
}

function mean(xs: readonly number[]): number {
  return round3(xs.reduce((s, x) => s + x, 0) / xs.length);
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
