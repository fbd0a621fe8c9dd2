import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { readNetpbm, toPgm } from '../src/gray-image.ts';
import { findSkew, rotate } from '../src/deskew.ts';
import { despeckle, whitenPaper } from '../src/despeckle.ts';
import { eraseRulings, findRulings } from '../src/rulings.ts';
import { IMAGE_SETTINGS } from '../src/ocr-settings.ts';
execFileSync('pdftoppm', ['-r', '200', '-f', '1', '-l', '1', '-singlefile', process.argv[2]!, '/tmp/dump']);
const img = readNetpbm(readFileSync('/tmp/dump.ppm'));
const sk = findSkew(img, IMAGE_SETTINGS);
const lv = despeckle(whitenPaper(rotate(img, sk), 175), 160, 4);
const r = findRulings(lv, 200, IMAGE_SETTINGS);
console.log(sk, r.horizontal.length, r.vertical.length);
writeFileSync('/tmp/dump-clean.pgm', toPgm(eraseRulings(lv, r)));
import { deflateSync, crc32 } from 'node:zlib';
function png(w: number, h: number, gray: Uint8Array, x0 = 0, y0 = 0, cw = w, ch = h): Buffer {
  const raw = Buffer.alloc((cw + 1) * ch);
  for (let y = 0; y < ch; y++) { raw[y * (cw + 1)] = 0; Buffer.from(gray.subarray((y + y0) * w + x0, (y + y0) * w + x0 + cw)).copy(raw, y * (cw + 1) + 1); }
  const chunk = (t: string, d: Buffer) => { const len = Buffer.alloc(4); len.writeUInt32BE(d.length); const td = Buffer.concat([Buffer.from(t), d]); const c = Buffer.alloc(4); c.writeUInt32BE(crc32(td)); return Buffer.concat([len, td, c]); };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(cw, 0); ihdr.writeUInt32BE(ch, 4); ihdr[8] = 8; ihdr[9] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const clean = eraseRulings(lv, r);
writeFileSync('/tmp/dump-crop.png', png(clean.width, clean.height, clean.data, 600, 1100, 1000, 800));
