import { readFileSync, writeFileSync } from 'node:fs';
import { readNetpbm, toPgm } from '../src/gray-image.ts';
const img = readNetpbm(readFileSync(process.argv[2]!));
const k = Number(process.argv[4] ?? 2);
const w = Math.round(img.width * k), h = Math.round(img.height * k);
const out = new Uint8Array(w * h);
for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
  const sx = Math.min(img.width - 2, x / k), sy = Math.min(img.height - 2, y / k);
  const x0 = Math.floor(sx), y0 = Math.floor(sy), fx = sx - x0, fy = sy - y0, p = y0 * img.width + x0;
  out[y * w + x] = (img.data[p]! * (1 - fx) + img.data[p + 1]! * fx) * (1 - fy) + (img.data[p + img.width]! * (1 - fx) + img.data[p + img.width + 1]! * fx) * fy;
}
writeFileSync(process.argv[3]!, toPgm({ width: w, height: h, data: out }));
