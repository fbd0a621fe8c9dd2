import { readFileSync, writeFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';
import { readNetpbm } from '../src/gray-image.ts';
const img = readNetpbm(readFileSync(process.argv[2]!));
const raw = Buffer.alloc((img.width + 1) * img.height);
for (let y = 0; y < img.height; y++) Buffer.from(img.data.subarray(y * img.width, (y + 1) * img.width)).copy(raw, y * (img.width + 1) + 1);
const chunk = (t: string, d: Buffer) => { const len = Buffer.alloc(4); len.writeUInt32BE(d.length); const td = Buffer.concat([Buffer.from(t), d]); const c = Buffer.alloc(4); c.writeUInt32BE(crc32(td)); return Buffer.concat([len, td, c]); };
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(img.width, 0); ihdr.writeUInt32BE(img.height, 4); ihdr[8] = 8; ihdr[9] = 0;
writeFileSync(process.argv[3]!, Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
