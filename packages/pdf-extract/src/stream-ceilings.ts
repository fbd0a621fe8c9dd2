import { constants, inflateSync } from 'node:zlib';
import { ExtractError, type ExtractLimits } from '@budget-ingest/doc-model';

export type PdfStreamLimits = Pick<ExtractLimits, 'maxPdfStreamBytes' | 'maxPdfInflatedBytes' | 'maxPdfOperators'>;

/**
 * pdfjs inflates a Flate stream whole, without a ceiling: a 1 MB file can
 * hold a stream of 1 GiB of zeros or of 256 MiB of path operators, and
 * reading it costs gigabytes. Before pdfjs sees the file, every Flate stream
 * is inflated once here with a ceiling per stream (MAX_PDF_STREAM_BYTES) and
 * per document (MAX_PDF_INFLATED_BYTES), and the operators of each content
 * stream are counted against MAX_PDF_OPERATORS. Memory stays under one stream's
 * ceiling: each inflated stream is dropped once counted.
 */
export function checkPdfStreams(bytes: Uint8Array, limits: PdfStreamLimits): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (let at = buf.indexOf('stream'); at !== -1; at = buf.indexOf('stream', at + 6)) {
    // "stream" that opens data: not the tail of "endstream", followed by an end of line.
    if (at >= 3 && buf.toString('latin1', at - 3, at) === 'end') continue;
    let start = at + 6;
    if (buf[start] === 0x0d) start++;
    if (buf[start] !== 0x0a) continue;
    start++;
    const dict = buf.toString('latin1', Math.max(0, buf.lastIndexOf('<<', at) ), at);
    const end = buf.indexOf('endstream', start);
    if (end === -1) break;
    at = end;
    if (!/\/(FlateDecode|Fl)\b/.test(dict) || /\/(DCTDecode|JPXDecode|JBIG2Decode|CCITTFaxDecode|Crypt)\b/.test(dict)) continue;
    const budget = Math.min(limits.maxPdfStreamBytes, limits.maxPdfInflatedBytes - total);
    let data: Buffer;
    try {
      data = inflateSync(buf.subarray(start, end), { maxOutputLength: budget + 1, finishFlush: constants.Z_SYNC_FLUSH });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw bomb(limits, total, budget);
      continue; // a damaged or encrypted stream: pdfjs decides what it can read of it
    }
    if (data.length > budget) throw bomb(limits, total, budget);
    total += data.length;
    if (/\/Image\b/.test(dict)) continue;
    const operators = countOperators(data, limits.maxPdfOperators);
    if (operators > limits.maxPdfOperators) {
      throw new ExtractError('too-large', `a content stream of the PDF holds more than ${limits.maxPdfOperators} operators (MAX_PDF_OPERATORS)`);
    }
  }
}

function bomb(limits: PdfStreamLimits, total: number, budget: number): ExtractError {
  const which = budget === limits.maxPdfStreamBytes ? `one stream inflates past the MAX_PDF_STREAM_BYTES ceiling of ${limits.maxPdfStreamBytes} bytes` : `the streams inflate past the MAX_PDF_INFLATED_BYTES ceiling of ${limits.maxPdfInflatedBytes} bytes (${total} so far)`;
  return new ExtractError('decompression-bomb', `the PDF is a decompression bomb: ${which}`);
}

/**
 * Content-stream operators, counted as words that start with a letter or a
 * quote (operands are numbers, names, strings, arrays). Text inside strings
 * can add to the count: an upper bound, which is what a ceiling needs.
 */
export function countOperators(data: Uint8Array, limit: number): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    const space = c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
    if (space) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      inWord = true;
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x27 || c === 0x22) {
        if (++n > limit) return n;
      }
    }
  }
  return n;
}
