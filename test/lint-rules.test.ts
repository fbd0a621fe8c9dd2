import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/*
 * The package boundaries are lint rules (eslint.config.js), not hopes: a pure package that does I/O,
 * and any package that reaches into another's src/, fail `npm run lint`.
 */
const root = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('package boundaries', () => {
  it('refuse I/O, logging, queues and the database in a pure package', async () => {
    for (const pkg of ['contract', 'doc-model', 'cn-numerals', 'report-parser', 'publications', 'pdf-extract']) {
      const messages = await restricted(
        `packages/${pkg}/src/probe.ts`,
        "import { readFileSync } from 'node:fs';\nimport pino from 'pino';\nimport { createDb } from '@budget-ingest/db';\nexport const x = [readFileSync, pino, createDb];\n",
      );
      expect(messages, pkg).toHaveLength(3);
    }
  });

  it('refuse a deep import into another package, and allow its exports', async () => {
    expect(await restricted('packages/pipeline/src/probe.ts', "import { x } from '@budget-ingest/db/src/schema.ts';\nexport const y = x;\n")).toHaveLength(1);
    expect(await restricted('packages/cli/src/probe.ts', "import { x } from '../../pipeline/src/stages.ts';\nexport const y = x;\n")).toHaveLength(1);
    expect(await restricted('packages/pipeline/src/probe.ts', "import { createDb } from '@budget-ingest/db';\nimport { readFile } from 'node:fs/promises';\nexport const y = [createDb, readFile];\n")).toEqual([]);
  });

  it('refuse a root test that reaches into a package\'s src/, and allow its exports and the test support', async () => {
    expect(await restricted('test/probe.test.ts', "import { x } from '../packages/report-parser/src/checks/index.ts';\nexport const y = x;\n")).toHaveLength(1);
    expect(await restricted('test/support/probe.ts', "import { x } from '../../services/fetcher/src/fetcher-service.ts';\nexport const y = x;\n")).toHaveLength(1);
    expect(await restricted('test/probe.test.ts', "import { x } from '@budget-ingest/db/src/schema.ts';\nexport const y = x;\n")).toHaveLength(1);
    expect(await restricted('test/probe.test.ts', "import { runChecks } from '@budget-ingest/report-parser/checks';\nimport { cli } from './support/cli.ts';\nexport const y = [runChecks, cli];\n")).toEqual([]);
  });
});

describe('no spread of document-sized arrays into calls', () => {
  const spreads = async (file: string, code: string): Promise<number> => {
    const [result] = await eslint.lintText(code, { filePath: join(root, file) });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').length;
  };

  it('refuses Math.max(...x), push(...x), new X(...x) and .apply in the packages that read documents, and allows the helpers', async () => {
    const bad = 'export function f(xs: number[], out: number[]) {\n  out.push(...xs);\n  Math.max(...xs);\n  Math.min.apply(null, xs);\n  return new Set(...[xs]);\n}\n';
    for (const pkg of ['doc-model', 'docx-extract', 'sheet-extract', 'pdf-extract', 'extract', 'report-parser', 'pipeline']) expect(await spreads(`packages/${pkg}/src/probe.ts`, bad), pkg).toBe(4);
    const good = "import { maxOf, pushAll } from '@budget-ingest/doc-model';\nexport function f(xs: number[], out: number[]) {\n  pushAll(out, xs);\n  return [maxOf(xs), [...xs]];\n}\n";
    expect(await spreads('packages/report-parser/src/probe.ts', good)).toBe(0);
  });
});
