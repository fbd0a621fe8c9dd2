import { DEFAULT_EXTRACT_LIMITS, type DocumentModel, type ExtractLimits } from '@budget-ingest/doc-model';
import type { ParseResult } from '@budget-ingest/report-parser';
import { runInChild } from './child-pool.ts';

/**
 * Parses a document model in one of the pooled children that extract (see
 * child-pool.ts), not on the event loop of the worker: there the parser's
 * CPU time would hold up every other job of the process (a worker with N
 * extraction slots parsed all N slots' documents on one thread), and a
 * pathological document would hang the worker instead of timing out. The
 * parser is pure and its result plain data (amounts are decimal strings), so
 * it crosses the process boundary unchanged. Same limits as extraction.
 * `slots`: how many children this process runs at once.
 */
export async function parseIsolated(model: DocumentModel, limits: ExtractLimits = DEFAULT_EXTRACT_LIMITS, slots = Number.POSITIVE_INFINITY): Promise<ParseResult> {
  return (await runInChild({ kind: 'parse', model }, 'parsing', {
    memoryMb: limits.maxExtractMemoryMb,
    timeoutMs: limits.maxSecondsPerDocument * 1000 + 5000,
    slots,
  })) as ParseResult;
}
