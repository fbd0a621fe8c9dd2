/**
 * Finds the OCR tools on this machine once per process: poppler's pdftoppm
 * (renders a page), Tesseract 5 and its language data. What is missing is
 * said in one sentence naming the Debian packages, which becomes the
 * `needs_ocr` document's message.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { runTool } from './run-tool.ts';

export interface OcrEngine {
  readonly tesseract: string;
  readonly pdftoppm: string;
  readonly prlimit: string | null;
  /** PATH the tools run with (their whole environment, with OMP_THREAD_LIMIT). */
  readonly pathEnv: string;
  /** e.g. "tesseract 5.3.0 chi_sim". */
  readonly name: string;
  /** The Latin model cells of figures are read again with ("eng", installed with tesseract-ocr), or null without it. */
  readonly figureLanguage: string | null;
}

export type EngineLookup = { readonly engine: OcrEngine; readonly missing: null } | { readonly engine: null; readonly missing: string };

const found = new Map<string, Promise<EngineLookup>>();

export function findEngine(language: string, pathEnv: string): Promise<EngineLookup> {
  const key = `${language}\0${pathEnv}`;
  let lookup = found.get(key);
  if (!lookup) {
    lookup = look(language, pathEnv);
    found.set(key, lookup);
  }
  return lookup;
}

export const INSTALL_HINT = 'install tesseract-ocr, tesseract-ocr-chi-sim and poppler-utils (Debian: apt-get install -y tesseract-ocr tesseract-ocr-chi-sim poppler-utils)';

async function look(language: string, pathEnv: string): Promise<EngineLookup> {
  const tesseract = onPath('tesseract', pathEnv);
  const pdftoppm = onPath('pdftoppm', pathEnv);
  const absent = [tesseract ? null : 'tesseract', pdftoppm ? null : 'pdftoppm'].filter((x) => x !== null);
  if (!tesseract || !pdftoppm) return { engine: null, missing: `OCR needs ${absent.join(' and ')}, not found on PATH: ${INSTALL_HINT}` };
  const limits = { timeoutMs: 20_000, memoryMb: null, prlimit: null };
  try {
    const langs = (await runTool(tesseract, ['--list-langs'], limits)).stdout.toString().split('\n').map((l) => l.trim());
    const wanted = language.split('+');
    const lacking = wanted.filter((l) => !langs.includes(l));
    if (lacking.length > 0) return { engine: null, missing: `Tesseract has no ${lacking.join(', ')} language data: ${INSTALL_HINT}` };
    const version = /tesseract\s+v?([\d.]+)/i.exec((await runTool(tesseract, ['--version'], limits)).stdout.toString())?.[1] ?? '?';
    const figureLanguage = langs.includes('eng') ? 'eng' : null;
    return { engine: { tesseract, pdftoppm, prlimit: onPath('prlimit', pathEnv), pathEnv, name: `tesseract ${version} ${language}${figureLanguage ? `, figures ${figureLanguage}` : ''}`, figureLanguage }, missing: null };
  } catch (err) {
    return { engine: null, missing: `Tesseract does not run (${(err as Error).message}): ${INSTALL_HINT}` };
  }
}

function onPath(name: string, pathEnv: string): string | null {
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      if (statSync(candidate).isFile()) {
        accessSync(candidate, constants.X_OK);
        return candidate;
      }
    } catch {
      // not here
    }
  }
  return null;
}
