/**
 * Builds a scanned document from a page of a text PDF, the way a county
 * office makes one: the page printed (rendered by poppler at `dpi`), fed into
 * the scanner at a slight angle, with speckle from the glass and a red seal
 * stamped over part of it; the result wrapped into an image-only PDF, as a
 * scanner's software does. Deterministic for a given seed, so the tests and
 * the committed expected output stay comparable.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

export interface ScanRecipe {
  readonly dpi: number;
  /** Degrees clockwise the sheet went in turned. */
  readonly rotate: number;
  /** Share of pixels flipped to speckle (salt and pepper). */
  readonly noise: number;
  /** The seal: centre and radius in points on the page (over a cell of the form). */
  readonly stamp: { readonly x: number; readonly y: number; readonly r: number } | null;
  readonly seed: number;
}

interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Page `page` of the PDF at `pdfPath` as an image-only PDF made by `recipe`. */
export function makeScan(pdfPath: string, page: number, recipe: ScanRecipe): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'make-scan-'));
  try {
    execFileSync('pdftoppm', ['-r', String(recipe.dpi), '-f', String(page), '-l', String(page), '-singlefile', pdfPath, join(dir, 'p')]);
    let img = readPpm(readFileSync(join(dir, 'p.ppm')));
    const k = recipe.dpi / 72;
    if (recipe.stamp) img = stamp(img, recipe.stamp.x * k, recipe.stamp.y * k, recipe.stamp.r * k);
    img = rotateRgb(img, recipe.rotate);
    img = speckle(img, recipe.noise, recipe.seed);
    return imagePdf(img, recipe.dpi);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readPpm(bytes: Buffer): RgbImage {
  const head = bytes.subarray(0, 64).toString('latin1');
  const m = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(head);
  if (!m) throw new Error('not a PPM');
  return { width: Number(m[1]), height: Number(m[2]), data: new Uint8Array(bytes.subarray(m[0].length)) };
}

/** A red seal: a ring, an inner ring and a star, in semi-transparent red ink (multiplied, as ink over print). */
function stamp(img: RgbImage, cx: number, cy: number, r: number): RgbImage {
  const data = img.data.slice();
  const ink = [200, 30, 40];
  const star = (x: number, y: number): boolean => {
    const a = Math.atan2(y, x);
    const d = Math.hypot(x, y);
    const spike = 0.5 + 0.5 * Math.cos(5 * (a + Math.PI / 2));
    return d < r * (0.12 + 0.18 * spike);
  };
  for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(img.height, Math.ceil(cy + r)); y++) {
    for (let x = Math.max(0, Math.floor(cx - r)); x < Math.min(img.width, Math.ceil(cx + r)); x++) {
      const d = Math.hypot(x - cx, y - cy);
      const onRing = (d <= r && d >= r * 0.9) || (d <= r * 0.72 && d >= r * 0.69) || star(x - cx, y - cy);
      if (!onRing) continue;
      const p = (y * img.width + x) * 3;
      for (let c = 0; c < 3; c++) data[p + c] = Math.round((data[p + c]! * ink[c]!) / 255);
    }
  }
  return { ...img, data };
}

function rotateRgb(img: RgbImage, degrees: number): RgbImage {
  if (degrees === 0) return img;
  const { width: w, height: h, data } = img;
  const a = (-degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const out = new Uint8Array(w * h * 3).fill(255);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const dx = x - w / 2;
      const dy = y - h / 2;
      const sx = cos * dx - sin * dy + w / 2;
      const sy = sin * dx + cos * dy + h / 2;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < 3; c++) {
        const p = (y0 * w + x0) * 3 + c;
        const top = data[p]! * (1 - fx) + data[p + 3]! * fx;
        const bottom = data[p + w * 3]! * (1 - fx) + data[p + w * 3 + 3]! * fx;
        out[(y * w + x) * 3 + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return { width: w, height: h, data: out };
}

/** Salt and pepper at `share` of pixels, from a seeded generator (mulberry32). */
function speckle(img: RgbImage, share: number, seed: number): RgbImage {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const data = img.data.slice();
  const n = img.width * img.height;
  for (let k = Math.round(n * share); k > 0; k--) {
    const p = Math.floor(rand() * n) * 3;
    const v = rand() < 0.5 ? 30 : 255;
    data[p] = data[p + 1] = data[p + 2] = v;
  }
  return { ...img, data };
}

/** A one-page PDF holding the image at `dpi` (Flate-compressed RGB), as a scanner writes it: no text layer. */
export function imagePdf(img: RgbImage, dpi: number): Uint8Array {
  const wPt = (img.width * 72) / dpi;
  const hPt = (img.height * 72) / dpi;
  const pixels = deflateSync(img.data, { level: 6 });
  const content = Buffer.from(`q ${wPt.toFixed(2)} 0 0 ${hPt.toFixed(2)} 0 0 cm /Im0 Do Q`);
  const objs: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${wPt.toFixed(2)} ${hPt.toFixed(2)}] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>`),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('\nendstream')]),
    Buffer.concat([
      Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>\nstream\n`),
      pixels,
      Buffer.from('\nendstream'),
    ]),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objs.forEach((o, i) => {
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    offsets.push(at);
    parts.push(chunk);
    at += chunk.length;
  });
  const xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}
