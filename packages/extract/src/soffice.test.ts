import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractErrorOf } from '@budget-ingest/doc-model/testing';
import { convertWithSoffice, findSoffice } from './soffice.ts';

let dir = '';

async function script(name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

/** Running, not a zombie waiting for a reaper (containers often have none). */
const alive = async (pid: number): Promise<boolean> => {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX]/.test(stat);
  } catch {
    return false;
  }
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'soffice-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('findSoffice', () => {
  it('finds an executable soffice on PATH and ignores files that cannot run', async () => {
    const bin = join(dir, 'bin');
    const other = join(dir, 'other');
    await writeFile(join(dir, 'placeholder'), '');
    await import('node:fs/promises').then((fs) => Promise.all([fs.mkdir(bin, { recursive: true }), fs.mkdir(other, { recursive: true })]));
    await writeFile(join(other, 'soffice'), 'not executable');
    await writeFile(join(bin, 'libreoffice'), '#!/bin/sh\n');
    await chmod(join(bin, 'libreoffice'), 0o755);
    expect(findSoffice(null, `${other}:${bin}`)).toBe(join(bin, 'libreoffice'));
    expect(findSoffice(null, other)).toBeNull();
    expect(findSoffice(null, '')).toBeNull();
  });

  it('uses a configured path only when it exists and runs', async () => {
    const path = await script('configured-soffice', 'exit 0');
    expect(findSoffice(path, '')).toBe(path);
    expect(findSoffice(join(dir, 'missing'), '/usr/bin')).toBeNull();
  });
});

describe('convertWithSoffice', () => {
  it('gives every conversion its own profile and converts a .wps Word file as .doc', async () => {
    const log = join(dir, 'args.log');
    const fake = await script(
      'fake-soffice',
      `out=""; prev=""; for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done
echo "$@" >> ${log}
mkdir -p "$out"; printf 'converted' > "$out/input.docx"`,
    );
    const [a, b] = await Promise.all([convertWithSoffice(fake, new Uint8Array([1]), 'wps', 'docx', 10_000), convertWithSoffice(fake, new Uint8Array([2]), 'doc', 'docx', 10_000)]);
    expect(new TextDecoder().decode(a)).toBe('converted');
    expect(new TextDecoder().decode(b)).toBe('converted');
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    const profiles = lines.map((l) => /-env:UserInstallation=(\S+)/.exec(l)?.[1]);
    expect(new Set(profiles).size).toBe(2);
    expect(lines.every((l) => l.includes('--headless') && /input\.doc$/.test(l))).toBe(true);
  });

  it('kills LibreOffice and its children when the conversion overruns its time', async () => {
    const pidFile = join(dir, 'child.pid');
    const slow = await script('slow-soffice', `sleep 30 & echo $! > ${pidFile}; wait`);
    const start = performance.now();
    const err = await extractErrorOf(convertWithSoffice(slow, new Uint8Array([1]), 'doc', 'docx', 300));
    expect(err.code).toBe('timeout');
    expect(performance.now() - start).toBeLessThan(5000);
    const child = Number(await readFile(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 100));
    expect(await alive(child)).toBe(false);
  });

  it('reports a failing converter with its message and a silent one as unreadable input', async () => {
    const failing = await script('failing-soffice', 'echo "Error: source file could not be loaded" >&2; exit 3');
    const err = await extractErrorOf(convertWithSoffice(failing, new Uint8Array([1]), 'doc', 'docx', 5000));
    expect(err.code).toBe('converter-failed');
    expect(err.message).toMatch(/could not be loaded/);
    const silent = await script('silent-soffice', 'exit 0');
    expect((await extractErrorOf(convertWithSoffice(silent, new Uint8Array([1]), 'xls', 'xlsx', 5000))).code).toBe('corrupt');
  });
});
