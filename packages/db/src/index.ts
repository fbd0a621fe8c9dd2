export * from './schema.ts';
export * as tables from './schema.ts';
export { createDb, redact } from './connect.ts';
export type { Db, DbHandle, ConnectOptions, Schema } from './connect.ts';
export { describeDbError, isTransientDbError, redactSecrets, sanitizeError, withDbRetry } from './errors.ts';
export { migrate, MIGRATIONS_DIR } from './migrate.ts';
export { SCHEMA_DOCS, VIEW_DOCS } from './schema-docs.ts';
export { commentStatements } from './comments.ts';
export { renderSchemaMarkdown, SCHEMA_DOC_COMMAND } from './schema-markdown.ts';
