/**
 * The only module that touches pdfjs-dist: bytes in, positioned text runs and
 * ruling segments per page out. pdfjs types never leave this file.
 *
 * pdfjs-dist is pinned to 5.5.207: since 5.x `constructPath` carries
 * `[paintOp, [Float32Array of DrawOPS], minMax]` instead of separate op and
 * coordinate arrays, and `toSegments` reads that format.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ExtractError, maxOf, minOf } from '@budget-ingest/doc-model';
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Direction, DrawnPage, DrawnRun, Segment } from './types.ts';

type PdfjsModule = typeof Pdfjs;
type PdfDocument = Awaited<ReturnType<PdfjsModule['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;
type Matrix = [number, number, number, number, number, number];

/** Milliseconds spent per stage, summed over pages, for the bench (`PdfExtractOptions.stageTimes`). */
export interface StageTimes {
  textContent: number;
  operatorList: number;
  tablePass: number;
  modelBuild: number;
}

export interface PdfSource {
  readonly pageCount: number;
  readonly metadata: { title: string | null; author: string | null; producer: string | null; createdAt: string | null };
  readPage(pageNumber: number, opts: { rulings: boolean; stageTimes?: StageTimes | undefined }): Promise<DrawnPage>;
  destroy(): Promise<void>;
}

let pdfjsPromise: Promise<PdfjsModule> | undefined;
const nativePush = Array.prototype.push;

/**
 * Loads the legacy build (the modern one needs Node 22). Its bundled core-js
 * replaces the native `Array.prototype.push` with a spec-edge-case polyfill
 * that made extraction several times slower; every other polyfill it installs
 * only adds missing methods, so the native `push` is put back.
 */
function loadPdfjs(): Promise<PdfjsModule> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((mod) => {
    restoreNativePush();
    return mod;
  });
  return pdfjsPromise;
}

/** Called after the module and after its (in-thread) worker have loaded, since each bundles core-js. */
function restoreNativePush(): void {
  if (Array.prototype.push !== nativePush) Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, configurable: true, enumerable: false });
}

function pdfjsAssets(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return { cMapUrl: join(root, 'cmaps') + '/', standardFontDataUrl: join(root, 'standard_fonts') + '/' };
}

/** getDocument's parameters with the option our pdfjs patch adds. */
type PatchedDocumentParameters = Exclude<Parameters<PdfjsModule['getDocument']>[0], string | URL | ArrayBuffer | ArrayBufferView | undefined> & { operatorListWithoutGlyphs: boolean };

/** Opens a PDF; throws ExtractError `encrypted` or `corrupt` when pdfjs cannot. */
export async function openPdf(bytes: Uint8Array): Promise<PdfSource> {
  const pdfjs = await loadPdfjs();
  const params: PatchedDocumentParameters = {
    data: new Uint8Array(bytes),
    ...pdfjsAssets(),
    cMapPacked: true,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: 0,
    // The operator list is read for its paths alone: images are never drawn, so pdfjs need not
    // decode them (it drops every image over this many pixels; with 0, every image).
    maxImageSize: 0,
    // For the same reason no text is drawn: a text operator carries no glyphs and no glyph outline
    // is built (an option of our pdfjs patch, patches/README.md; the text comes from getTextContent).
    operatorListWithoutGlyphs: true,
  };
  const task = pdfjs.getDocument(params);
  let doc: PdfDocument;
  try {
    doc = await task.promise;
    restoreNativePush();
  } catch (err) {
    await task.destroy().catch(() => undefined);
    const name = (err as Error | undefined)?.name;
    if (name === 'PasswordException') throw new ExtractError('encrypted', 'the PDF is encrypted with a password and cannot be read', { cause: err });
    throw new ExtractError('corrupt', `not a readable PDF (truncated or damaged): ${(err as Error | undefined)?.message ?? String(err)}`, { cause: err });
  }
  const info = await doc.getMetadata().catch(() => null);
  const dict = (info?.info ?? {}) as Record<string, unknown>;
  const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  return {
    pageCount: doc.numPages,
    metadata: { title: str(dict.Title), author: str(dict.Author), producer: str(dict.Producer), createdAt: str(dict.CreationDate) },
    async readPage(pageNumber, opts) {
      const page = await doc.getPage(pageNumber);
      try {
        return await readPage(pdfjs, page, pageNumber, opts.rulings, opts.stageTimes);
      } finally {
        page.cleanup();
      }
    },
    async destroy() {
      await doc.destroy().catch(() => undefined);
    },
  };
}

async function readPage(pdfjs: PdfjsModule, page: PdfPage, number: number, rulings: boolean, times: StageTimes | undefined): Promise<DrawnPage> {
  const viewport = page.getViewport({ scale: 1 });
  const vt = viewport.transform as Matrix;
  const t0 = performance.now();
  const content = await page.getTextContent({ includeMarkedContent: false });
  const runs: DrawnRun[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const run = toRun(item.str, item.transform as Matrix, item.width, item.height, vt);
    if (run) runs.push(run);
  }
  const t1 = performance.now();
  const segments = rulings ? toSegments(pdfjs, await page.getOperatorList(), vt) : [];
  if (times) {
    times.textContent += t1 - t0;
    times.operatorList += performance.now() - t1;
  }
  return { number, width: viewport.width, height: viewport.height, rotation: page.rotate, runs, segments };
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** m1 applied after m2 (PDF order: concat m1 onto current m2). */
function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[1] * m2[2],
    m1[0] * m2[1] + m1[1] * m2[3],
    m1[2] * m2[0] + m1[3] * m2[2],
    m1[2] * m2[1] + m1[3] * m2[3],
    m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
    m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
  ];
}

function toRun(text: string, tm: Matrix, width: number, height: number, vt: Matrix): DrawnRun | null {
  // pdfjs gives width/height in page user space; the viewport at scale 1 only rotates and flips.
  const m = multiply(tm, vt);
  const scaleX = Math.hypot(m[0], m[1]);
  const scaleY = Math.hypot(m[2], m[3]);
  if (scaleX === 0 || scaleY === 0) return null;
  const size = height > 0 ? height : scaleY;
  const dx = m[0] / scaleX;
  const dy = m[1] / scaleX;
  const upX = m[2] / scaleY;
  const upY = m[3] / scaleY;
  const ox = m[4];
  const oy = m[5];
  const xs = [ox, ox + dx * width, ox + upX * size, ox + dx * width + upX * size];
  const ys = [oy, oy + dy * width, oy + upY * size, oy + dy * width + upY * size];
  return {
    text,
    x0: minOf(xs),
    y0: minOf(ys),
    x1: maxOf(xs),
    y1: maxOf(ys),
    size: Math.max(1, size),
    direction: directionOf(dx, dy),
  };
}

/** The reading direction of a unit baseline vector in display space (y down), to within about 6°. */
function directionOf(dx: number, dy: number): Direction | null {
  if (Math.abs(dy) <= 0.1) return dx > 0 ? 0 : 180;
  if (Math.abs(dx) <= 0.1) return dy > 0 ? 90 : 270;
  return null;
}

const THIN = 2.5;
const WHITE = new Set(['#ffffff', '#fff']);

interface GState {
  ctm: Matrix;
  lineWidth: number;
  fill: string;
  stroke: string;
}

/** Ruling segments from the operator list: stroked lines/rectangles and thin filled rectangles. */
export function toSegments(pdfjs: Pick<PdfjsModule, 'OPS'>, opList: { fnArray: number[]; argsArray: unknown[] }, vt: Matrix): Segment[] {
  const OPS = pdfjs.OPS;
  const strokeOps = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fillOps = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const out: Segment[] = [];
  let state: GState = { ctm: [1, 0, 0, 1, 0, 0], lineWidth: 1, fill: '#000000', stroke: '#000000' };
  const stack: GState[] = [];
  const { fnArray, argsArray } = opList;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push(state);
        state = { ...state };
        break;
      case OPS.restore:
        state = stack.pop() ?? state;
        break;
      case OPS.transform:
        state.ctm = multiply(args as Matrix, state.ctm);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push(state);
        state = { ...state };
        const m = args?.[0] as Matrix | null | undefined;
        if (Array.isArray(m) && m.length === 6) state.ctm = multiply(m, state.ctm);
        break;
      }
      case OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OPS.setLineWidth:
        state.lineWidth = typeof args?.[0] === 'number' ? args[0] : state.lineWidth;
        break;
      case OPS.setFillRGBColor:
        if (typeof args?.[0] === 'string') state.fill = args[0].toLowerCase();
        break;
      case OPS.setStrokeRGBColor:
        if (typeof args?.[0] === 'string') state.stroke = args[0].toLowerCase();
        break;
      case OPS.constructPath: {
        const paint = args?.[0] as number;
        const buf = (args?.[1] as unknown[] | undefined)?.[0];
        if (!(buf instanceof Float32Array) && !Array.isArray(buf)) break;
        const m = multiply(state.ctm, vt);
        const subpaths = toSubpaths(buf as ArrayLike<number>, m);
        if (strokeOps.has(paint) && !WHITE.has(state.stroke)) {
          const lw = state.lineWidth * Math.hypot(m[0], m[1]);
          if (lw <= 6) for (const sp of subpaths) strokeSegments(sp, out);
        }
        if (fillOps.has(paint) && !WHITE.has(state.fill)) {
          for (const sp of subpaths) thinRectSegment(sp, out);
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

type Point = [number, number];

function toSubpaths(buf: ArrayLike<number>, m: Matrix): { points: Point[]; closed: boolean }[] {
  const paths: { points: Point[]; closed: boolean }[] = [];
  let cur: { points: Point[]; closed: boolean } | null = null;
  for (let k = 0; k < buf.length; ) {
    const op = buf[k++];
    if (op === 0 || op === 1) {
      const p = apply(m, buf[k]!, buf[k + 1]!);
      k += 2;
      if (op === 0 || cur === null) {
        cur = { points: [p], closed: false };
        paths.push(cur);
      } else cur.points.push(p);
    } else if (op === 2) {
      // Curves are never ruling lines: end the subpath at the curve's end point.
      const p = apply(m, buf[k + 4]!, buf[k + 5]!);
      k += 6;
      cur = { points: [p], closed: false };
      paths.push(cur);
    } else if (op === 3) {
      const p = apply(m, buf[k + 2]!, buf[k + 3]!);
      k += 4;
      cur = { points: [p], closed: false };
      paths.push(cur);
    } else if (op === 4) {
      if (cur) cur.closed = true;
      cur = cur ? { points: [cur.points[0]!], closed: false } : null;
      if (cur) paths.push(cur);
    } else break;
  }
  return paths.filter((p) => p.points.length > 1);
}

function strokeSegments(sp: { points: Point[]; closed: boolean }, out: Segment[]): void {
  const pts = sp.closed ? [...sp.points, sp.points[0]!] : sp.points;
  for (let i = 1; i < pts.length; i++) {
    const [ax, ay] = pts[i - 1]!;
    const [bx, by] = pts[i]!;
    if (Math.abs(ay - by) <= 0.5 && Math.abs(ax - bx) > 0.5) out.push({ x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: (ay + by) / 2, y1: (ay + by) / 2 });
    else if (Math.abs(ax - bx) <= 0.5 && Math.abs(ay - by) > 0.5) out.push({ x0: (ax + bx) / 2, x1: (ax + bx) / 2, y0: Math.min(ay, by), y1: Math.max(ay, by) });
  }
}

function thinRectSegment(sp: { points: Point[]; closed: boolean }, out: Segment[]): void {
  const pts = sp.points;
  if (pts.length < 3 || pts.length > 5) return;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x0 = minOf(xs);
  const x1 = maxOf(xs);
  const y0 = minOf(ys);
  const y1 = maxOf(ys);
  // Axis-aligned: every point sits on the box's edges.
  if (!pts.every(([x, y]) => (Math.abs(x - x0) < 0.3 || Math.abs(x - x1) < 0.3) && (Math.abs(y - y0) < 0.3 || Math.abs(y - y1) < 0.3))) return;
  const w = x1 - x0;
  const h = y1 - y0;
  if (h <= THIN && w > h) out.push({ x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
  else if (w <= THIN && h > w) out.push({ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0, y1 });
}
