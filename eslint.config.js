import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'data/**', 'migrations/**', '**/dist/**', 'coverage/**', '**/.bench-build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Only the config package may read the environment.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'read settings through @budget-ingest/config' }],
    },
  },
  // The review app's browser script.
  { files: ['packages/review/src/assets/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['packages/config/**', 'packages/cli/src/main.ts', 'packages/cli/bin/**', 'scripts/**', 'test/**', '**/*.test.ts', '**/bench/**', 'vitest.config.ts', 'services/*/src/main.ts', 'packages/pipeline/src/sandbox/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  // Pure packages take values and return values: no I/O, logging, queues or database in their code,
  // so they run anywhere (a worker, a browser, a test) and their results depend on their input only.
  {
    files: ['packages/{contract,doc-model,cn-numerals,report-parser,publications,pdf-extract,docx-extract,sheet-extract,jobs}/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['pino', 'bullmq', 'ioredis', 'pg', 'drizzle-orm', 'node:fs', 'node:fs/promises', 'fs', 'fs/promises', 'node:child_process', 'child_process', 'node:net', 'node:http', 'node:https'].map((name) => ({
            name,
            message: 'a pure package does no I/O: take the bytes or values as arguments and return coded warnings',
          })),
          patterns: [
            { group: ['db', 'pipeline', 'logger', 'config', 'cli', 'crawl', 'extract', 'blob-store', 'export', 'ocr'].flatMap((p) => [`@budget-ingest/${p}`, `@budget-ingest/${p}/*`]), message: 'a pure package imports no I/O package' },
            { group: ['@budget-ingest/*/src/*', '../../*/src/*', '../../../*/src/*'], message: 'import a package through its exports, not its src/' },
          ],
        },
      ],
    },
  },
  // The packages that handle a document's contents: no spread of an array into a call's arguments
  // (`Math.max(...rows)`, `out.push(...cells)`) and no `.apply`, because the document decides the
  // array's length and past about 120 000 arguments V8 throws "Maximum call stack size exceeded".
  // Use minOf / maxOf / pushAll from @budget-ingest/doc-model. Exceptions are marked where they are,
  // with an eslint-disable-next-line comment that says why the count is fixed by the code.
  {
    files: ['packages/{doc-model,docx-extract,sheet-extract,pdf-extract,extract,report-parser,pipeline,publications,cn-numerals}/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression > SpreadElement', message: 'no spread into call arguments where a document decides the length (stack overflow past ~120 000): use minOf/maxOf/pushAll from @budget-ingest/doc-model' },
        { selector: 'NewExpression > SpreadElement', message: 'no spread into constructor arguments where a document decides the length: pass the array' },
        { selector: "CallExpression[callee.property.name='apply']", message: 'no .apply over an array a document sizes (stack overflow past ~120 000 arguments)' },
      ],
    },
  },
  // Every package: other packages only through their exports.
  {
    files: ['packages/*/src/**/*.ts', 'services/*/src/**/*.ts'],
    ignores: ['packages/{contract,doc-model,cn-numerals,report-parser,publications,pdf-extract,docx-extract,sheet-extract,jobs}/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@budget-ingest/*/src/*', '../../*/src/*', '../../../*/src/*'], message: 'import a package through its exports, not its src/' }] }],
    },
  },
  // The root tests and their support files use the packages as their users do: through the exports
  // (a test that needs an internal gets a named subpath), so a test never pins a package's file layout.
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@budget-ingest/*/src/*', '**/packages/*/src/*', '**/services/*/src/*'], message: 'import a package through its exports, not its src/' }] }],
    },
  },
);
