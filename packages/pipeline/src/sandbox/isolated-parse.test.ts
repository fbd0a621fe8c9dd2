import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXTRACT_LIMITS } from '@budget-ingest/doc-model';
import { parseDocument } from '@budget-ingest/report-parser';
import { runInChild } from './child-pool.ts';
import { extractIsolated, stopIdleExtractors } from './isolated-extract.ts';
import { parseIsolated } from './isolated-parse.ts';

const corpus = new URL('../../../../test/fixtures/corpus/docs/', import.meta.url);

/** The pids of this process's live children (Linux /proc). */
function childPids(): number[] {
  return readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

afterAll(() => stopIdleExtractors());

describe('parsing in the pooled extraction children', () => {
  it('gives the same result as parsing in this process', async () => {
    const bytes = readFileSync(new URL('lusong-2023-perf.pdf', corpus));
    const model = await extractIsolated(bytes, { fileName: 'lusong-2023-perf.pdf' });
    const result = await parseIsolated(model);
    expect(result.reports.length).toBeGreaterThan(0);
    expect(result).toEqual(parseDocument(model));
  });

  it('runs no more children at once than the process has slots, and keeps one idle child for one slot', async () => {
    stopIdleExtractors();
    const bytes = readFileSync(new URL('renhua-2021-perf.pdf', corpus));
    const model = await extractIsolated(bytes, { fileName: 'renhua-2021-perf.pdf' }, 1);
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, childPids().length)), 10);
    try {
      await Promise.all([1, 2, 3].map(() => parseIsolated(model, DEFAULT_EXTRACT_LIMITS, 1)));
    } finally {
      clearInterval(watch);
    }
    expect(most).toBe(1);
    expect(childPids()).toHaveLength(1);
  });

  it('retires a child after it has served its share of requests, so a long run starts fresh ones', async () => {
    stopIdleExtractors();
    const bytes = readFileSync(new URL('renhua-2021-perf.pdf', corpus));
    const model = await extractIsolated(bytes, { fileName: 'renhua-2021-perf.pdf' }, 1);
    stopIdleExtractors();
    const limits = { memoryMb: DEFAULT_EXTRACT_LIMITS.maxExtractMemoryMb, timeoutMs: 60_000, slots: 1, requestsPerChild: 2 };
    await runInChild({ kind: 'parse', model }, 'parsing', limits);
    const [first] = childPids();
    expect(first).toBeDefined();
    await runInChild({ kind: 'parse', model }, 'parsing', limits);
    // Its second request was its last: it is gone, and the next request starts another.
    await expect.poll(() => childPids()).toEqual([]);
    await runInChild({ kind: 'parse', model }, 'parsing', limits);
    expect(childPids()).toHaveLength(1);
    expect(childPids()[0]).not.toBe(first);
  });

  it('retires a child whose resident memory is above its share of the limit after a request', async () => {
    stopIdleExtractors();
    const bytes = readFileSync(new URL('renhua-2021-perf.pdf', corpus));
    const model = await extractIsolated(bytes, { fileName: 'renhua-2021-perf.pdf' }, 1);
    stopIdleExtractors();
    // Any Node process is resident above 1 % of a GiB: every child is retired after its request.
    const limits = { memoryMb: DEFAULT_EXTRACT_LIMITS.maxExtractMemoryMb, timeoutMs: 60_000, slots: 1, retireResidentShare: 0.01 };
    await runInChild({ kind: 'parse', model }, 'parsing', limits);
    await expect.poll(() => childPids()).toEqual([]);
    // Under the default share the child that served the request is kept for the next one.
    await runInChild({ kind: 'parse', model }, 'parsing', { ...limits, retireResidentShare: undefined });
    expect(childPids()).toHaveLength(1);
  });
});
