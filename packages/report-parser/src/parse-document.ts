import type { DocumentModel } from '@budget-ingest/doc-model';
import type { ParseResult } from './types.ts';

/** Bump when parsing output changes; `reparse` re-runs documents parsed by an older version. */
export const PARSER_VERSION = '0.0.1';

/**
 * Document model → reports. Placeholder until the report parser lands: finds
 * no reports, so the pipeline stores documents and text end to end.
 */
export function parseDocument(_model: DocumentModel): ParseResult {
  return { reports: [], warnings: [] };
}
