import { ExtractError } from './errors.ts';

/**
 * For tests of the extractors: the ExtractError `work` rejects with, so a test
 * can assert on its code, status and message. Any other outcome fails the test.
 */
export async function extractErrorOf(work: Promise<unknown>): Promise<ExtractError> {
  try {
    await work;
  } catch (err) {
    if (err instanceof ExtractError) return err;
    throw err;
  }
  throw new Error('expected an ExtractError, but the work succeeded');
}
