/**
 * The whole hand-checked corpus through the CLI's eval, as a user runs it:
 * every document that has a gold file, in every format it exists in (PDF,
 * DOCX, legacy DOC), must score F1 1.00 in every field group — losing or
 * adding one value anywhere fails. The seven forms and reports from other
 * provinces are here as well as the three documents the parser was built on,
 * and the real budgets and final accounts (`real/`) whose gold was read off
 * the rendered pages: two budgets and two final accounts from two producers.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.ts';

const corpus = join(import.meta.dirname, 'fixtures/corpus');
const FORMATS = ['pdf', 'docx', 'doc'] as const;
const GROUPS = ['identity', 'amounts', 'expenditure_lines', 'indicators'] as const;

const golds = readdirSync(join(corpus, 'gold')).filter((f) => f.endsWith('.json'));
const inFolder = (folder: string): string[] =>
  golds.flatMap((gold) => FORMATS.map((ext) => gold.replace(/\.json$/, `.${ext}`))).filter((doc) => existsSync(join(corpus, folder, doc)));
const docs = inFolder('docs');
const real = inFolder('real');
/** Every evaluated file, by the name eval prints and its path. */
const files = [...docs.map((d) => ({ name: d, path: join(corpus, 'docs', d) })), ...real.map((d) => ({ name: d, path: join(corpus, 'real', d) }))];

describe('eval over the corpus and the real budgets and final accounts', () => {
  it('covers every gold file, the new province forms included', () => {
    expect(docs.length).toBeGreaterThanOrEqual(21);
    for (const name of ['anhui-suixi', 'anhui-tianchang', 'guangdong-zijin', 'hebei-langfang', 'hubei-ezhou', 'hunan-nanxian', 'shanghai-putuo-tiyuzhongxin', 'lusong', 'renhua', 'wanyuan']) {
      expect(docs.filter((d) => d.startsWith(name)).length, name).toBeGreaterThanOrEqual(2);
    }
    expect(real.filter((d) => /budget/.test(d)).length).toBeGreaterThanOrEqual(2);
    expect(real.filter((d) => /final/.test(d)).length).toBeGreaterThanOrEqual(2);
  });

  it('scores F1 1.00 in every field group on every document and format, the real ones included', async () => {
    const run = await cli(['eval', '--gold', join(corpus, 'gold'), ...files.map((f) => f.path), '--min-f1', '1']);
    const rows = run.stdout.split('\n').filter((l) => files.some((f) => l.startsWith(f.name + ' ')));
    expect(rows.map((l) => l.split(/\s+/)[0]).sort()).toEqual(files.map((f) => f.name).sort());
    for (const row of rows) {
      const f1 = [...row.matchAll(/\d\.\d\d\/\d\.\d\d\/(\d\.\d\d)/g)].map((m) => m[1]);
      // On failure the message names the file and shows its misses (eval prints every one without --quiet).
      expect({ row, f1 }, run.stdout.split(`== ${row.split(/\s+/)[0]}`)[1]?.split('\n==')[0] ?? '').toEqual({ row, f1: GROUPS.map(() => '1.00') });
    }
    expect(run.code).toBe(0);
  }, 600_000);
});
