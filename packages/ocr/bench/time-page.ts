import { readFileSync } from 'node:fs';
import { openPdfOcr, DEFAULT_OCR_SETTINGS } from '@budget-ingest/ocr';
const times = { render: 0, image: 0, engine: 0 };
const ocr = await openPdfOcr(new Uint8Array(readFileSync(process.argv[2]!)), DEFAULT_OCR_SETTINGS, process.env.PATH ?? '', { times });
const t = performance.now();
const r = await ocr.readPage(Number(process.argv[3] ?? 1), 595.28, 841.89);
console.log(Math.round(performance.now() - t), times, r.segments.length, r.words.length, r.skewDegrees);
if (!process.env.OCR_KEEP) await ocr.close();
