/**
 * Child process of the PDF bench: extracts one PDF (tables on) and prints its
 * page count and the process's peak RSS, so the figure is this document's alone.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_EXTRACT_LIMITS } from '@budget-ingest/doc-model';
import { extractPdf } from '../src/index.ts';

const model = await extractPdf(readFileSync(process.argv[2]!), { limits: DEFAULT_EXTRACT_LIMITS });
console.log(JSON.stringify({ pages: model.pageCount, blocks: model.blocks.length, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
