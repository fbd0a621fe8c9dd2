import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'data/**', 'migrations/**', '**/dist/**', 'coverage/**'] },
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
  {
    files: ['packages/config/**', 'packages/cli/src/main.ts', 'packages/cli/bin/**', 'scripts/**', 'test/**', '**/*.test.ts', '**/bench/**', 'vitest.config.ts', 'services/*/src/main.ts', 'packages/pipeline/src/sandbox/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
