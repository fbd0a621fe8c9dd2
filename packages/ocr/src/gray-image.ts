/**
 * An 8-bit grayscale page image (0 black … 255 white), and the netpbm bytes
 * poppler writes and Tesseract reads: binary PGM (P5) and PPM (P6). Plain
 * bytes keep the image steps free of an image library.
 */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * Reads a binary PGM or PPM. For PPM, `redInk: 'drop'` paints red ink white: a
 * red seal (every stamped government page has one) is a pixel much redder than
 * it is green or blue, while black print under it, blue ink and gray paper are
 * not; every other pixel is its luminance.
 */
export function readNetpbm(bytes: Uint8Array, redInk: 'drop' | 'keep' = 'drop'): GrayImage {
  const header: string[] = [];
  let i = 0;
  while (header.length < 4) {
    while (i < bytes.length && isSpace(bytes[i]!)) i++;
    if (bytes[i] === 0x23) {
      while (i < bytes.length && bytes[i] !== 0x0a) i++;
      continue;
    }
    let tok = '';
    while (i < bytes.length && !isSpace(bytes[i]!)) tok += String.fromCharCode(bytes[i++]!);
    header.push(tok);
  }
  i++;
  const [magic, w, h, max] = header;
  const width = Number(w);
  const height = Number(h);
  if ((magic !== 'P5' && magic !== 'P6') || !(width > 0) || !(height > 0) || max !== '255') throw new Error(`not an 8-bit binary PGM/PPM image (${header.join(' ')})`);
  const n = width * height;
  if (magic === 'P5') return { width, height, data: bytes.slice(i, i + n) };
  const data = new Uint8Array(n);
  for (let p = 0, q = i; p < n; p++, q += 3) {
    const r = bytes[q]!;
    const g = bytes[q + 1]!;
    const b = bytes[q + 2]!;
    data[p] = redInk === 'drop' && r - Math.max(g, b) > RED_INK_MARGIN ? 255 : Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  }
  return { width, height, data };
}

/** How much redder than green and blue a pixel is to count as a seal's red ink (print under a seal is dark in all three). */
const RED_INK_MARGIN = 60;

/** Binary PGM bytes of an image (what Tesseract is given). */
export function toPgm(img: GrayImage): Uint8Array {
  const head = new TextEncoder().encode(`P5\n${img.width} ${img.height}\n255\n`);
  const out = new Uint8Array(head.length + img.data.length);
  out.set(head);
  out.set(img.data, head.length);
  return out;
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}
