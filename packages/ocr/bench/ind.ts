import { readFileSync } from 'node:fs';
import { extractDocument } from '@budget-ingest/extract';
import { parseDocument } from '@budget-ingest/report-parser';
const { model } = await extractDocument(new Uint8Array(readFileSync(process.argv[2]!)), { fileName: 'x.pdf', pathEnv: process.env.PATH ?? '', ocr: { enabled: true, dpi: Number(process.env.DPI ?? 200), language: 'chi_sim', pageSeconds: 120, pageMemoryMb: 1024, slots: 1 } });
const pages = process.argv[3] ? process.argv[3].split(',').map(Number) : null;
const r = parseDocument(model).reports;
for (const rep of r) {
  for (const i of rep.indicators) if (!pages || pages.includes(i.page ?? -1)) console.log(JSON.stringify([i.level1, i.level2, i.level3, i.target?.raw ?? null, i.actual?.raw ?? null, i.weight, i.score, i.verification]));
  for (const a of rep.amounts) if (!pages || pages.includes(a.page ?? -1)) console.log('A', a.item, a.phase, a.fiscal_year, a.yuan, a.verification);
}
