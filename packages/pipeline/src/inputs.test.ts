import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveInputs } from './inputs.ts';

describe('resolveInputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bi-inputs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const name of ['部门预算(公开版).pdf', 'file (1).pdf', 'report[1].pdf', 'plain.pdf', '.hidden.pdf']) writeFileSync(join(dir, name), 'x');
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'inner.pdf'), 'x');
  symlinkSync('..', join(dir, 'sub', 'up'));

  it('takes an existing path with glob characters as a path, not a pattern', async () => {
    const r = await resolveInputs(['部门预算(公开版).pdf', 'file (1).pdf', 'report[1].pdf'], dir);
    expect(r).toEqual({ files: [join(dir, 'file (1).pdf'), join(dir, 'report[1].pdf'), join(dir, '部门预算(公开版).pdf')], missing: [], unreadable: [] });
  });

  it('still expands a pattern that names no file', async () => {
    expect((await resolveInputs(['*.pdf'], dir)).files).toHaveLength(4);
    expect((await resolveInputs(['nothing-*.pdf'], dir)).missing).toEqual(['nothing-*.pdf']);
  });

  it('walks a folder with a symlink loop (sub/up -> ..) listing every file once', async () => {
    const r = await resolveInputs(['.'], dir);
    expect(r.files.map((f) => f.slice(dir.length + 1))).toEqual(['file (1).pdf', 'plain.pdf', 'report[1].pdf', 'sub/inner.pdf', '部门预算(公开版).pdf']);
    expect(r.unreadable).toEqual([]);
  });
});
