import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertRegularFile, NotRegularFileError, resolveInputs } from './inputs.ts';

describe('resolveInputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bi-inputs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const name of ['部门预算(公开版).pdf', 'file (1).pdf', 'report[1].pdf', 'plain.pdf', '.hidden.pdf']) writeFileSync(join(dir, name), 'x');
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'inner.pdf'), 'x');
  symlinkSync('..', join(dir, 'sub', 'up'));

  it('takes an existing path with glob characters as a path, not a pattern', async () => {
    const r = await resolveInputs(['部门预算(公开版).pdf', 'file (1).pdf', 'report[1].pdf'], dir);
    expect(r).toEqual({ files: [join(dir, 'file (1).pdf'), join(dir, 'report[1].pdf'), join(dir, '部门预算(公开版).pdf')], missing: [], unreadable: [], skipped: [] });
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

  describe('paths that are not regular files', () => {
    const odd = mkdtempSync(join(tmpdir(), 'bi-inputs-odd-'));
    afterAll(() => rmSync(odd, { recursive: true, force: true }));
    writeFileSync(join(odd, 'good.pdf'), 'x');
    expect(spawnSync('mkfifo', [join(odd, 'pipe.pdf')]).status).toBe(0);
    symlinkSync('/dev/zero', join(odd, 'zero.pdf'));
    const skipped = [
      { path: join(odd, 'pipe.pdf'), reason: 'not a regular file (a FIFO)' },
      { path: join(odd, 'zero.pdf'), reason: 'not a regular file (a character device)' },
    ];

    it.each([
      ['named by path', ['pipe.pdf', 'zero.pdf', 'good.pdf']],
      ['met in a folder walk', ['.']],
    ])('skips a FIFO and a link to /dev/zero %s, with a reason each, and keeps the regular file', async (_how, args) => {
      const r = await resolveInputs(args, odd);
      expect(r.files).toEqual([join(odd, 'good.pdf')]);
      expect(r.skipped).toEqual(skipped);
    });

    it('skips a link to /dev/zero matched by a glob with its reason (the glob library itself lists no FIFO)', async () => {
      const r = await resolveInputs(['*.pdf'], odd);
      expect(r.files).toEqual([join(odd, 'good.pdf')]);
      expect(r.skipped).toEqual([skipped[1]]);
    });

    it('refuses a FIFO at open time without waiting for a writer (a path swapped after it was listed)', async () => {
      await expect(assertRegularFile(join(odd, 'pipe.pdf'))).rejects.toBeInstanceOf(NotRegularFileError);
      await expect(assertRegularFile(join(odd, 'zero.pdf'))).rejects.toThrow(/character device/);
      expect(await assertRegularFile(join(odd, 'good.pdf'))).toBe(1);
    });
  });
});
