import { writeFileSync } from 'node:fs';
import { makeScan } from '../test/make-scan.ts';
const [pdf, page, dpi, rot, out] = process.argv.slice(2);
writeFileSync(out!, makeScan(pdf!, Number(page), { dpi: Number(dpi), rotate: Number(rot), noise: 0.002, stamp: { x: Number(process.env.SX ?? 420), y: Number(process.env.SY ?? 560), r: 55 }, seed: 7 }));
