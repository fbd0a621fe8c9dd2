import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExtractError } from '@budget-ingest/doc-model';

/** Finds LibreOffice: the configured path, else `soffice`/`libreoffice` on PATH. */
export function findSoffice(configured: string | null | undefined, pathEnv: string): string | null {
  if (configured) return existsSync(configured) ? configured : null;
  for (const dir of pathEnv.split(delimiter)) {
    for (const name of ['soffice', 'libreoffice']) {
      const candidate = join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return null;
}

export const SOFFICE_MISSING_MESSAGE =
  'legacy Office formats (.doc, .wps, .xls) need LibreOffice to convert them: install it (Debian: apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui) or set SOFFICE_PATH';

/**
 * Converts a legacy file with LibreOffice headless. Each call gets its own
 * temp dir and its own user profile (-env:UserInstallation), so parallel
 * workers never share LibreOffice's profile lock; a timeout kills it.
 */
export async function convertWithSoffice(
  soffice: string,
  bytes: Uint8Array,
  from: 'doc' | 'wps' | 'xls',
  to: 'docx' | 'xlsx',
  timeoutMs: number,
): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'budget-ingest-soffice-'));
  try {
    const input = join(dir, `input.${from}`);
    await writeFile(input, bytes);
    const outDir = join(dir, 'out');
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      to,
      '--outdir',
      outDir,
      input,
    ];
    await new Promise<void>((resolve, reject) => {
      execFile(soffice, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024 }, (err, _stdout, stderr) => {
        if (err) {
          const timedOut = (err as { killed?: boolean }).killed === true;
          reject(
            timedOut
              ? new ExtractError('timeout', `LibreOffice did not convert the .${from} within ${Math.round(timeoutMs / 1000)} s`, { cause: err })
              : new ExtractError('converter-failed', `LibreOffice failed to convert the .${from}: ${String(stderr).trim() || err.message}`, { cause: err }),
          );
        } else resolve();
      });
    });
    const produced = existsSync(outDir) ? await readdir(outDir) : [];
    const file = produced.find((f) => f.endsWith(`.${to}`));
    if (!file) throw new ExtractError('corrupt', `LibreOffice could not read the .${from} file (no output produced)`);
    return new Uint8Array(await readFile(join(outDir, file)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
