import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
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

/** An executable named `name` in one of PATH's folders, or null. */
function onPath(name: string, pathEnv: string): string | null {
  for (const dir of pathEnv.split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/**
 * The LibreOffice component a conversion needs: Writer for .doc/.wps, Calc
 * for .xls. An install can have one without the other (Debian splits them
 * into libreoffice-writer and libreoffice-calc), and the `soffice` launcher
 * is the same in both: the component is told by its library beside the
 * real soffice.bin.
 */
const COMPONENTS = { writer: { library: 'libswlo.so', package: 'libreoffice-writer-nogui' }, calc: { library: 'libsclo.so', package: 'libreoffice-calc-nogui' } } as const;
export type SofficeComponent = keyof typeof COMPONENTS;

/**
 * Null when `soffice` has the component, else the message of the document's
 * `converter-missing`. A launcher that is not in a LibreOffice program folder
 * (no soffice.bin beside it: a wrapper script) cannot be looked into and is
 * taken at its word.
 */
export function missingComponent(soffice: string, component: SofficeComponent): string | null {
  let program: string;
  try {
    program = dirname(realpathSync(soffice));
  } catch {
    return null;
  }
  const exists = (name: string) => {
    try {
      return statSync(join(program, name)).isFile();
    } catch {
      return false;
    }
  };
  if (!exists('soffice.bin') || exists(COMPONENTS[component].library)) return null;
  const what = component === 'writer' ? '.doc/.wps files need LibreOffice Writer' : '.xls files need LibreOffice Calc';
  return `${what}, which this LibreOffice (${program}) does not have: install it (Debian: apt-get install -y --no-install-recommends ${COMPONENTS[component].package})`;
}

/**
 * How LibreOffice is kept off the network while it converts: a document can
 * link pictures by URL (Word's INCLUDEPICTURE), and LibreOffice fetches them
 * (OPTIONS, HEAD, GET, to any host) while loading — the link settings in its
 * profile do not stop that. In a network namespace of its own it has no
 * interface but loopback: bubblewrap (`bwrap --unshare-net`, unprivileged
 * where user namespaces are allowed) or util-linux `unshare -n` (root).
 * `none` when neither can run here: the conversion still runs, and every
 * converted document carries the warning `converter-not-isolated`.
 */
export type ConverterIsolation = { readonly kind: 'bwrap' | 'unshare'; readonly prefix: readonly string[] } | { readonly kind: 'none' };

const isolationByPath = new Map<string, ConverterIsolation>();

/** The first isolation that works on this machine (tried once per PATH, by running `true` in it). */
export function converterIsolation(pathEnv: string): ConverterIsolation {
  const known = isolationByPath.get(pathEnv);
  if (known) return known;
  const candidates: { kind: 'bwrap' | 'unshare'; prefix: (bin: string) => string[] }[] = [
    { kind: 'bwrap', prefix: (bin) => [bin, '--dev-bind', '/', '/', '--unshare-net', '--die-with-parent', '--'] },
    { kind: 'unshare', prefix: (bin) => [bin, '--net', '--'] },
  ];
  let found: ConverterIsolation = { kind: 'none' };
  for (const c of candidates) {
    const bin = onPath(c.kind, pathEnv);
    if (!bin) continue;
    const prefix = c.prefix(bin);
    const probe = spawnSync(prefix[0]!, [...prefix.slice(1), 'true'], { stdio: 'ignore', timeout: 10_000 });
    if (probe.status === 0) {
      found = { kind: c.kind, prefix };
      break;
    }
  }
  isolationByPath.set(pathEnv, found);
  return found;
}

export const NOT_ISOLATED_MESSAGE =
  'LibreOffice converted this file with network access: neither bubblewrap (bwrap --unshare-net) nor unshare -n can run here, so pictures the file links by URL were fetched (install bubblewrap, or allow user namespaces)';

/**
 * Settings written into each conversion's fresh profile: links to other
 * files and DDE sources are never updated on load (Writer: 2 = never,
 * Calc: 1 = never), and linked images from untrusted referers are blocked.
 * Defence in depth: the network namespace is what keeps LibreOffice off
 * the network.
 */
const PROFILE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>1</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
`;

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
 * is really a Word document is converted as .doc. With an `isolation`
 * (converterIsolation) it runs in a network namespace of its own.
 */
export async function convertWithSoffice(
  soffice: string,
  bytes: Uint8Array,
  from: 'doc' | 'wps' | 'xls',
  to: 'docx' | 'xlsx',
  timeoutMs: number,
  isolation: ConverterIsolation = { kind: 'none' },
): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'budget-ingest-soffice-'));
  try {
    const input = join(dir, `input.${from === 'wps' ? 'doc' : from}`);
    await writeFile(input, bytes);
    const outDir = join(dir, 'out');
    mkdirSync(join(dir, 'profile', 'user'), { recursive: true });
    writeFileSync(join(dir, 'profile', 'user', 'registrymodifications.xcu'), PROFILE_SETTINGS);
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
    const [cmd, ...prefixArgs] = isolation.kind === 'none' ? [soffice] : [...isolation.prefix, soffice];
    await runGroup(cmd!, [...prefixArgs, ...args], timeoutMs, from);
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
