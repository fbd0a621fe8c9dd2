import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './support/cli.ts';
import { textPdf } from './support/hostile-files.ts';
import { runInTerminal, type TerminalRun } from './support/terminal.ts';

const SAMPLES = join(import.meta.dirname, '../samples');
const BIN = join(import.meta.dirname, '../packages/cli/bin/budget-ingest.mjs');
// eslint-disable-next-line no-control-regex
const COLOUR = /\x1b\[3\dm/;

/** The samples plus one file that fails (empty): what a person sees for good and bad documents. */
function inbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bi-term-'));
  for (const f of readdirSync(SAMPLES)) copyFileSync(join(SAMPLES, f), join(dir, f));
  writeFileSync(join(dir, 'zz-empty.pdf'), '');
  return dir;
}

describe('ingest in a terminal, as a person sees it', () => {
  let dir: string;
  let first: TerminalRun;
  beforeAll(() => {
    dir = inbox();
    first = runInTerminal(['ingest', join(dir), '--data-dir', join(dir, '.data')]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows one line per document, the last one too, a one-line warning for the failed file before the summary, and no log blocks', () => {
    // (A note that the build is older than the sources appears only while developing: `npm ci` builds.)
    const screen = first.screen.filter((l) => l.trim() !== '' && !l.includes('running the TypeScript sources'));
    const docLines = screen.filter((l) => /^\[\d\/6\]/.test(l));
    expect(docLines.map((l) => l.slice(0, 5))).toEqual(['[1/6]', '[2/6]', '[3/6]', '[4/6]', '[5/6]', '[6/6]']);
    const summaryAt = screen.findIndex((l) => l.startsWith('documents  new'));
    const warningAt = screen.findIndex((l) => /WARN.*zz-empty\.pdf|zz-empty\.pdf.*WARN/.test(l));
    expect(warningAt, screen.join('\n')).toBeGreaterThan(-1);
    expect(warningAt).toBeLessThan(summaryAt);
    // header + 6 documents + the failed file's warning + the summary table (3) + the database line
    expect(screen, screen.join('\n')).toHaveLength(1 + 6 + 1 + 3 + 1);
    // No pretty-printed log block (indented `key: value` lines), no info logs unless asked.
    expect(screen.filter((l) => /^\s+\w+: /.test(l))).toEqual([]);
    expect(first.raw).not.toMatch(/INFO/);
    // The bar was drawn while the run went on.
    expect(first.raw).toMatch(/█+░* \d\/6 documents/);
  });

  it('exits 1 when a file failed, 0 with --allow-failures', () => {
    expect(first.code).toBe(1);
    const again = runInTerminal(['ingest', join(dir, 'zz-empty.pdf'), '--data-dir', join(dir, '.data'), '--allow-failures']);
    expect(again.code).toBe(0);
  });

  it('-q prints nothing but errors and the summary; -v shows info logs one line each, coloured unless NO_COLOR is set', () => {
    const quiet = runInTerminal(['ingest', dir, '--data-dir', join(dir, '.data'), '-q']).screen.filter((l) => l.trim() !== '');
    expect(quiet.filter((l) => /^\[\d\/6\] ✓/.test(l))).toEqual([]);
    expect(quiet.filter((l) => /^\[\d\/6\] ✗ .*zz-empty\.pdf/.test(l))).toHaveLength(1);
    expect(quiet.some((l) => l.startsWith('database (pglite)'))).toBe(true);
    expect(quiet.some((l) => l.startsWith('ingesting'))).toBe(false);

    const verbose = runInTerminal(['ingest', join(dir, 'lusong-2023-perf.docx'), '--data-dir', join(dir, '.data'), '-v']);
    expect(verbose.raw).toMatch(/INFO/);
    expect(verbose.raw).toMatch(COLOUR);
    expect(verbose.screen.filter((l) => /^\s+\w+: /.test(l))).toEqual([]);
    const plain = runInTerminal(['ingest', join(dir, 'lusong-2023-perf.docx'), '--data-dir', join(dir, '.data'), '-v'], { NO_COLOR: '1' });
    expect(plain.raw).toMatch(/INFO/);
    expect(plain.raw).not.toMatch(COLOUR);
  });

  it('leaves piped output as it was: plain lines, no bar, no escape codes, JSON logs on stderr', () => {
    const r = spawnSync(process.execPath, [BIN, 'ingest', dir, '--data-dir', join(dir, '.data')], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' } });
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/[\r\x1b█]/);
    expect(r.stdout.split('\n').filter((l) => /^\[\d\/6\]/.test(l))).toHaveLength(6);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('{')).length).toBeGreaterThan(0);
  });
});

describe('text a document carries never reaches the terminal as control codes', () => {
  it('extract --format text strips escape sequences and control characters; --format json keeps them, escaped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bi-esc-'));
    try {
      const file = join(dir, 'esc.pdf');
      writeFileSync(file, textPdf('Budget \x1b[2J\x1b]0;pwned\x07 total 5'));
      const text = await cli(['extract', file, '--format', 'text']);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('Budget');
      // eslint-disable-next-line no-control-regex
      expect(text.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
      const json = await cli(['extract', file, '--format', 'json']);
      expect(json.stdout).toContain('\\u001b[2J');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
