import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A named pattern a guard test looks for in source lines. */
export type LineRule = readonly [rule: string, pattern: RegExp];

/** The non-test .ts files under `dir`, leaving out the paths (files or folders) in `skip`. */
export function sourceFiles(dir: string, skip: readonly string[]): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (skip.includes(path)) return [];
    if (e.isDirectory()) return sourceFiles(path, skip);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every non-comment line of `files` that a rule matches, as "file:line rule". */
export function matchingLines(files: readonly { path: string; text: string }[], rules: readonly LineRule[]): string[] {
  const out: string[] = [];
  for (const { path, text } of files) {
    text.split('\n').forEach((line, i) => {
      if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
      for (const [rule, re] of rules) if (re.test(line)) out.push(`${path}:${i + 1} ${rule}`);
    });
  }
  return out;
}
