import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { compareWithGold, formatEvalReport, FIELD_GROUPS, sumScores, type EvalRow } from '@budget-ingest/report-parser/eval';
import { buildDocumentExport } from '@budget-ingest/export';
import { ingestOne, resolveInputs } from '@budget-ingest/pipeline';
import { openDbContext, type GlobalOptions, type Runtime } from '../context.ts';

/**
 * `eval --gold DIR FILE…`: ingests the files (into a throwaway embedded
 * database unless --data-dir is given), compares each export with the gold
 * file of the same document name (`<name>.json`, any format of it), and
 * prints precision, recall and F1 per field group, then every difference.
 */
export async function evalCommand(rt: Runtime, files: readonly string[], opts: GlobalOptions & { gold: string; quiet?: boolean; minF1?: string }): Promise<number> {
  const goldDir = resolve(rt.cwd, opts.gold);
  const { files: inputs, missing } = await resolveInputs(files.length ? files : [goldDir], rt.cwd);
  for (const m of missing) rt.stderr(`budget-ingest eval: no such file: ${m}`);
  const scratch = opts.dataDir ? null : await mkdtemp(join(tmpdir(), 'budget-ingest-eval-'));
  const ctx = await openDbContext(rt, { ...opts, dataDir: opts.dataDir ?? scratch! });
  try {
    const rows: EvalRow[] = [];
    for (const file of inputs) {
      const goldPath = join(goldDir, `${basename(file).replace(/\.[^.]+$/, '')}.json`);
      if (!existsSync(goldPath) || file.endsWith('.json')) continue;
      const result = await ingestOne(ctx.deps, { path: file });
      const exported = await buildDocumentExport(ctx.handle.db, result.documentId);
      const gold = JSON.parse(await readFile(goldPath, 'utf8'));
      rows.push({ file: basename(file), result: compareWithGold(exported as never, gold) });
    }
    if (rows.length === 0) {
      rt.stderr(`budget-ingest eval: none of the files has a gold file in ${goldDir} (gold files are named <document name>.json)`);
      return 2;
    }
    rt.stdout(formatEvalReport(rows, { differences: !opts.quiet }));
    const minF1 = opts.minF1 === undefined ? null : Number(opts.minF1);
    if (minF1 !== null) {
      const below = FIELD_GROUPS.filter((g) => sumScores(rows.map((r) => r.result.groups[g])).f1 < minF1);
      if (below.length) {
        rt.stderr(`F1 below ${minF1} in: ${below.join(', ')}`);
        return 1;
      }
    }
    return 0;
  } finally {
    await ctx.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}
