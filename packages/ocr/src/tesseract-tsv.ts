/**
 * Tesseract's TSV output → words with pixel boxes, confidences and the
 * box of the line each sits on: the engine already decided which words
 * share a line, and giving them the line's top and height keeps a small "，"
 * or a tall "（" from looking like another line or font size to the line and
 * paragraph steps.
 */
export interface PixelWord {
  readonly text: string;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  /** 0–1. */
  readonly confidence: number;
  /** Top and height of the line the word is on, in pixels. */
  readonly lineTop: number;
  readonly lineHeight: number;
  /** 1-based image of a multi-image run (a list of cell crops). */
  readonly image: number;
}

export function parseTesseractTsv(tsv: string): PixelWord[] {
  const words: PixelWord[] = [];
  const lineBoxes = new Map<string, { top: number; height: number }>();
  for (const row of tsv.split('\n').slice(1)) {
    const f = row.split('\t');
    if (f.length < 12) continue;
    const [level, image, block, par, line, , left, top, width, height, conf] = f.map(Number) as number[];
    const key = `${image}/${block}/${par}/${line}`;
    if (level === 4) lineBoxes.set(key, { top: top!, height: height! });
    if (level !== 5) continue;
    const text = f.slice(11).join('\t').trim();
    if (text === '' || conf! < 0) continue;
    words.push({ text, left: left!, top: top!, width: width!, height: height!, confidence: Math.round(Math.max(0, Math.min(100, conf!)) * 10) / 1000, lineTop: lineBoxes.get(key)?.top ?? top!, lineHeight: lineBoxes.get(key)?.height ?? height!, image: image! });
  }
  return words;
}
