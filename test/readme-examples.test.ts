import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './support/cli.ts';

const ROOT = join(import.meta.dirname, '..');
const README = join(ROOT, 'README.md');
/** Where the README's examples pretend to run: a clone in the user's home. */
const SHOWN_ROOT = '/home/me/budget-ingest';

interface Example {
  /** The block's text between its fences, the `$ npx budget-ingest …` line first. */
  readonly text: string;
  readonly args: string[];
  /** A block with a `…` line shows a part of the output: its lines must appear in order. */
  readonly abridged: boolean;
}

/** Commands that serve until stopped (and print a fresh token each time): their blocks are illustrations, not run. */
const SERVERS = new Set(['review', 'sql', 'dashboard']);

/** Every ```text block of the README that starts with `$ npx budget-ingest …`, but a server's. */
function examples(readme: string): Example[] {
  return [...readme.matchAll(/```text\n(\$ npx budget-ingest ([^\n]+)\n[\s\S]*?)```/g)]
    .map((m) => ({
      text: m[1]!,
      args: m[2]!.split(/\s+/).filter(Boolean),
      abridged: /^\s*…\s*$/m.test(m[1]!),
    }))
    .filter((e) => !SERVERS.has(e.args[0]!));
}

/** Times differ from run to run; everything else must not. */
function normalize(lines: readonly string[]): string[] {
  return lines.map((l) => l.replace(/ +\d+(\.\d+)? s\b/g, ' <t> s').replace(/-+(?=\s|$)/g, (d) => (d.length > 1 ? '--' : d)).trimEnd());
}

/**
 * The README's example outputs are what the commands print, run from a fresh copy of samples/ (and
 * the corpus files they name) in a project folder. UPDATE_README=1 rewrites the full blocks from
 * the real output; an abridged block (with a `…` line) fails with the real output to re-abridge by hand.
 */
describe('the README\'s example outputs', () => {
  let project: string;
  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'bi-readme-'));
    writeFileSync(join(project, 'budget-ingest.json'), readFileSync(join(ROOT, 'budget-ingest.json')));
    mkdirSync(join(project, 'samples'));
    for (const f of readdirSync(join(ROOT, 'samples'))) copyFileSync(join(ROOT, 'samples', f), join(project, 'samples', f));
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('has examples to check', () => {
    expect(examples(readFileSync(README, 'utf8')).map((e) => e.args[0])).toEqual(expect.arrayContaining(['ingest', 'explain', 'migrate']));
  });

  it('are produced by the commands they sit under', async () => {
    let readme = readFileSync(README, 'utf8');
    const drifted: string[] = [];
    for (const ex of examples(readme)) {
      const args = ex.args.map((a) => (a.startsWith('test/') ? join(ROOT, a) : a));
      const run = await cli(args, {}, project);
      const real = [`$ npx budget-ingest ${ex.args.join(' ')}`, ...`${run.stderr ? `${run.stderr}\n` : ''}${run.stdout}`.replaceAll(project, SHOWN_ROOT).replaceAll(ROOT, SHOWN_ROOT).split('\n')];
      const shown = ex.text.trimEnd().split('\n');
      if (ex.abridged) {
        const want = normalize(shown.filter((l) => l.trim() !== '…'));
        const have = normalize(real);
        let at = 0;
        const missing = want.filter((l) => {
          const i = have.indexOf(l, at);
          if (i < 0) return true;
          at = i + 1;
          return false;
        });
        if (missing.length) drifted.push(`${ex.args.join(' ')}: lines not printed (in this order) any more:\n${missing.join('\n')}\n--- real output:\n${real.join('\n')}`);
      } else if (normalize(shown).join('\n') !== normalize(real).join('\n')) {
        if (process.env.UPDATE_README === '1') readme = readme.replace(ex.text, `${real.join('\n')}\n`);
        else drifted.push(`${ex.args.join(' ')}: the README shows\n${shown.join('\n')}\n--- the command prints\n${real.join('\n')}`);
      }
    }
    if (process.env.UPDATE_README === '1') writeFileSync(README, readme);
    expect(drifted, drifted.join('\n\n')).toEqual([]);
  }, 300_000);
});
