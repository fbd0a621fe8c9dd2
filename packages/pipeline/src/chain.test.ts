import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION } from '@budget-ingest/extract';
import { PARSER_VERSION } from '@budget-ingest/report-parser';
import { afterStage, CHAIN, FIRST_STAGE, firstPendingStage, isLaterStage, stagesFrom, type StageName } from './chain.ts';
import type { StageOutcome } from './stages.ts';

const doc = (status: string, extractorVersion: string | null = EXTRACTOR_VERSION, parserVersion: string | null = PARSER_VERSION) =>
  ({ status, extractorVersion, parserVersion, blobKey: 'ab/abcd' }) as Parameters<typeof firstPendingStage>[0];
const outcome = (stage: StageName, status: string, retryable = false) => ({ stage, status, retryable }) as StageOutcome;

describe('the stage chain', () => {
  it('runs every stage once from the first one, ending at a stage with no next', () => {
    const seen: StageName[] = [];
    for (let s: StageName | null = FIRST_STAGE; s; s = CHAIN[s].next) seen.push(s);
    expect(seen).toEqual(['extract', 'parse']);
    expect(stagesFrom(FIRST_STAGE)).toEqual(seen);
  });

  it.each([
    ['parse', 'extract', true],
    ['extract', 'parse', false],
    ['extract', 'extract', false],
    ['parse', 'parse', false],
  ] as const)('says %s comes after %s: %s', (stage, than, want) => {
    expect(isLaterStage(stage, than)).toBe(want);
  });

  it.each([
    ['a new document', doc('pending', null, null), 'extract'],
    ['one extracted by an older extractor', doc('parsed', 'old'), 'extract'],
    ['one extracted but not parsed', doc('extracted', EXTRACTOR_VERSION, null), 'parse'],
    ['one parsed by an older parser', doc('parsed', EXTRACTOR_VERSION, 'old'), 'parse'],
    ['one out of scope with the current versions', doc('out_of_scope'), null],
    ['one parsed with the current versions', doc('parsed'), null],
    ['a scanned one with the current extractor', doc('needs_ocr', EXTRACTOR_VERSION, null), null],
    ['a parse failure, when the parser changed', doc('failed', EXTRACTOR_VERSION, 'old'), 'parse'],
  ] as const)('starts %s at %s', (_what, d, want) => {
    expect(firstPendingStage(d)).toBe(want);
  });

  it('starts nothing for a document whose bytes were never kept (over MAX_FILE_BYTES)', () => {
    expect(firstPendingStage({ ...doc('failed', null, null), blobKey: null })).toBeNull();
  });

  it.each([
    [outcome('extract', 'extracted'), { next: 'parse' }],
    [outcome('extract', 'needs_ocr'), 'failed'],
    [outcome('extract', 'failed', true), 'failed'],
    [outcome('parse', 'parsed'), 'done'],
    [outcome('parse', 'out_of_scope'), 'done'],
    [outcome('parse', 'failed'), 'failed'],
  ] as const)('after %o comes %o', (o, want) => {
    expect(afterStage(o)).toEqual(want);
  });
});
