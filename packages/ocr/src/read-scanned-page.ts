/**
 * One scanned page, from the PDF to words and rulings in PDF points: poppler
 * renders it (colour, so a red seal can be dropped through the red channel),
 * the skew is found and turned back, paper and speckle are whitened, the
 * rulings are found and painted out. The ruled tables they make are read cell
 * by cell (each cell cut out, all of a page's cells in one engine run); the
 * rest of the page is read with the engine's own layout analysis. Each tool
 * runs as its own process under the page's deadline and memory ceiling.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toRuledGrids, type OcrPageReading, type OcrWord } from '@budget-ingest/pdf-extract';
import { blankBoxes, cropCell, hasInk, type Crop } from './cell-crops.ts';
import { findSkew, rotate } from './deskew.ts';
import { despeckle, whitenPaper } from './despeckle.ts';
import type { OcrEngine } from './find-engine.ts';
import { readNetpbm, toPgm, type GrayImage } from './gray-image.ts';
import { IMAGE_SETTINGS, type OcrSettings } from './ocr-settings.ts';
import { eraseRulings, findRulings } from './rulings.ts';
import { ToolError, runTool } from './run-tool.ts';
import { parseTesseractTsv, type PixelWord } from './tesseract-tsv.ts';

function groupByImage(words: readonly PixelWord[], n: number): PixelWord[][] {
  const out = Array.from({ length: n }, () => [] as PixelWord[]);
  for (const w of words) out[w.image - 1]?.push(w);
  return out;
}

const HAN = /[\u3400-\u9fff]/u;
/** What a cell of figures holds: digits, a decimal point, thousands separators, a percent sign, a sign, a slash. */
const FIGURES = /^[\d\s.,%+\-/]*\d[\d\s.,%+\-/]*$/;

/**
 * Cells the Chinese model read without a Han character (a cell of figures)
 * are read again by the Latin model, which reads this genre's digits and "%"
 * better: chi_sim takes "95%" for "9590" or "95%0", eng does not. The Latin
 * reading replaces the Chinese one where it is figures alone.
 */
async function rereadFigures(
  byCrop: PixelWord[][],
  cropPaths: readonly string[],
  listPath: string,
  files: string[],
  engine: OcrEngine,
  read: (path: string) => Promise<PixelWord[]>,
): Promise<void> {
  if (!engine.figureLanguage) return;
  const figureCells = byCrop.map((ws, i) => ({ ws, i })).filter(({ ws }) => ws.length > 0 && !ws.some((w) => HAN.test(w.text)) && ws.some((w) => /\d/.test(w.text)));
  if (figureCells.length === 0) return;
  files.push(listPath);
  await writeFile(listPath, figureCells.map(({ i }) => cropPaths[i]).join('\n') + '\n');
  const again = groupByImage(await read(listPath), figureCells.length);
  again.forEach((ws, k) => {
    const text = ws.map((w) => w.text).join(' ');
    if (ws.length > 0 && FIGURES.test(text)) byCrop[figureCells[k]!.i] = ws;
  });
}

/** Milliseconds of each step, summed over pages (the bench's breakdown). */
export interface OcrStageTimes {
  render: number;
  image: number;
  engine: number;
}

export async function readScannedPage(
  engine: OcrEngine,
  pdfPath: string,
  page: number,
  size: { readonly width: number; readonly height: number },
  settings: OcrSettings,
  workDir: string,
  times?: OcrStageTimes,
): Promise<OcrPageReading> {
  const deadline = Date.now() + settings.pageSeconds * 1000;
  const left = () => {
    const ms = deadline - Date.now();
    if (ms <= 0) throw new ToolError('timeout', `page ${page} took longer than OCR_PAGE_SECONDS (${settings.pageSeconds} s)`);
    return ms;
  };
  const base = join(workDir, `page-${page}`);
  const files: string[] = [`${base}.ppm`];
  const limits = { memoryMb: settings.pageMemoryMb, prlimit: engine.prlimit };
  // One thread per engine run: pages are read in parallel up to the slots instead, and OpenMP threads on a busy core only cost.
  const tesseract = async (input: string, psm: number, language = settings.language): Promise<PixelWord[]> => {
    const t = performance.now();
    const out = await runTool(engine.tesseract, [input, 'stdout', '-l', language, '--psm', String(psm), '--dpi', String(settings.dpi), 'tsv'], {
      ...limits,
      timeoutMs: left(),
      env: { PATH: engine.pathEnv, OMP_THREAD_LIMIT: '1' },
    });
    if (times) times.engine += performance.now() - t;
    return parseTesseractTsv(out.stdout.toString('utf8'));
  };
  const write = async (name: string, img: GrayImage): Promise<string> => {
    const path = `${base}-${name}.pgm`;
    files.push(path);
    await writeFile(path, toPgm(img));
    return path;
  };
  try {
    let t = performance.now();
    await runTool(engine.pdftoppm, ['-r', String(settings.dpi), '-f', String(page), '-l', String(page), '-singlefile', pdfPath, base], { ...limits, timeoutMs: left() });
    const img = readNetpbm(await readFile(`${base}.ppm`));
    await rm(`${base}.ppm`, { force: true });
    if (times) times.render += performance.now() - t;
    t = performance.now();
    const skewDegrees = findSkew(img, IMAGE_SETTINGS);
    const speck = Math.round(IMAGE_SETTINGS.speckMaxPt2 * (settings.dpi / 72) ** 2);
    const level = despeckle(whitenPaper(rotate(img, skewDegrees), IMAGE_SETTINGS.paperLevel), IMAGE_SETTINGS.darkThreshold, speck);
    const rulings = findRulings(level, settings.dpi, IMAGE_SETTINGS);
    const clean = eraseRulings(level, rulings);
    // Pixels ↔ points from the page's own size, so a PDF page of any size maps exactly.
    const sx = size.width / img.width;
    const sy = size.height / img.height;
    const segments = [...rulings.horizontal, ...rulings.vertical].map((s) => ({ x0: s.x0 * sx, y0: s.y0 * sy, x1: s.x1 * sx, y1: s.y1 * sy }));
    const grids = toRuledGrids(segments);
    const toPx = (b: readonly [number, number, number, number]) => ({ x0: b[0] / sx, y0: b[1] / sy, x1: b[2] / sx, y1: b[3] / sy });
    const crops: Crop[] = [];
    // The rulings are painted out already: a cell is cut at its borders, so a line of text printed against its top is kept whole.
    const inset = 0;
    for (const g of grids) for (const c of g.cells) {
      const crop = cropCell(clean, toPx(c.bbox), inset, IMAGE_SETTINGS.darkThreshold);
      if (crop) crops.push(crop);
    }
    const body = grids.length === 0 ? clean : blankBoxes(clean, grids.map((g) => toPx(g.bbox)));
    const bodyPath = hasInk(body, IMAGE_SETTINGS.darkThreshold) ? await write('body', body) : null;
    const cropPaths: string[] = [];
    for (const [i, c] of crops.entries()) cropPaths.push(await write(`cell-${i}`, c.image));
    let listPath: string | null = null;
    if (cropPaths.length > 0) {
      listPath = `${base}-cells.txt`;
      files.push(listPath);
      await writeFile(listPath, cropPaths.join('\n') + '\n');
    }
    if (times) times.image += performance.now() - t;
    const pixelWords: PixelWord[] = bodyPath ? await tesseract(bodyPath, 3) : [];
    // A cell is one block of text, maybe on several lines (psm 6).
    if (listPath) {
      const byCrop = groupByImage(await tesseract(listPath, 6), crops.length);
      await rereadFigures(byCrop, cropPaths, `${base}-figures.txt`, files, engine, (path) => tesseract(path, 6, engine.figureLanguage!));
      byCrop.forEach((ws, i) => {
        const c = crops[i]!;
        for (const w of ws) pixelWords.push({ ...w, left: w.left + c.offsetX, top: w.top + c.offsetY, lineTop: w.lineTop + c.offsetY });
      });
    }
    const words: OcrWord[] = pixelWords.map((w) => ({
      text: w.text,
      x0: w.left * sx,
      y0: w.lineTop * sy,
      x1: (w.left + w.width) * sx,
      y1: (w.lineTop + w.lineHeight) * sy,
      size: w.lineHeight * sy,
      confidence: w.confidence,
    }));
    return { words, segments, skewDegrees, engine: engine.name, dpi: settings.dpi };
  } finally {
    await Promise.all(files.map((f) => rm(f, { force: true })));
  }
}
