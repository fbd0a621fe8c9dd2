import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExtractError } from '@budget-ingest/doc-model';

/** Finds LibreOffice: the configured path, else `soffice`/`libreoffice` on PATH. Only executable files count. */
export function findSoffice(configured: string | null | undefined, pathEnv: string): string | null {
  if (configured) return isExecutable(configured) ? configured : null;
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir) continue;
    for (const name of ['soffice', 'libreoffice']) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const SOFFICE_MISSING_MESSAGE =
  'legacy Office formats (.doc, .wps, .xls) need LibreOffice to convert them: install it (Debian: apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui) or set SOFFICE_PATH';

/** Explicit export filters, so the output never depends on LibreOffice's guess. */
const FILTERS = { docx: 'docx:MS Word 2007 XML', xlsx: 'xlsx:Calc MS Excel 2007 XML' } as const;

/** Longest stderr kept in an error message. */
const MAX_STDERR_CHARS = 500;

/**
 * Converts a legacy file with LibreOffice headless. Each call gets its own
 * temp dir and its own user profile (-env:UserInstallation), so parallel
 * workers never share LibreOffice's profile lock. LibreOffice runs in its own
 * process group: on timeout the whole group (the soffice wrapper and
 * soffice.bin) is killed, so no converter outlives its job. The input is
 * written under a fixed name (never the caller's file name); a .wps that
 * is really a Word document is converted as .doc.
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
    const input = join(dir, `input.${from === 'wps' ? 'doc' : from}`);
    await writeFile(input, bytes);
    const outDir = join(dir, 'out');
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--headless',
      '--invisible',
      '--nodefault',
      '--nologo',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      FILTERS[to],
      '--outdir',
      outDir,
      input,
    ];
    await runGroup(soffice, args, timeoutMs, from);
    const produced = await readdir(outDir).catch(() => [] as string[]);
    const file = produced.find((f) => f.endsWith(`.${to}`));
    if (!file) throw new ExtractError('corrupt', `LibreOffice could not read the .${from} file (it produced no .${to})`);
    return new Uint8Array(await readFile(join(outDir, file)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runGroup(cmd: string, args: readonly string[], timeoutMs: number, from: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      if (stderr.length < MAX_STDERR_CHARS) stderr += chunk;
    });
    const killGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new ExtractError('converter-failed', `LibreOffice could not be started (${cmd}): ${err.message}`, { cause: err }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(new ExtractError('timeout', `LibreOffice did not convert the .${from} within ${Math.round(timeoutMs / 1000)} s (MAX_SECONDS_PER_DOCUMENT); killed`));
      } else if (code !== 0) {
        // Leftover children (e.g. a hung soffice.bin) go with the group.
        killGroup();
        const why = stderr.trim().slice(0, MAX_STDERR_CHARS) || `exit code ${code ?? signal}`;
        reject(new ExtractError('converter-failed', `LibreOffice failed to convert the .${from}: ${why}`));
      } else resolve();
    });
  });
}
