/**
 * Throughput of the text scanner over the sample documents' text, and of the
 * Chinese numeral parser against nzh on the same list of numerals.
 *
 *   npm run bench -w packages/cn-numerals
 *
 * One core, no worker threads. Timing uses performance.now(); each figure is
 * the best of 15 rounds of about 150 ms, so that a busy machine shows its
 * quietest moment. The bare charCodeAt loop printed first is the ceiling for
 * any scanner on the same machine at the same time.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import Nzh from 'nzh';
import { parseChineseNumeral, scanNumbers } from '../src/index.ts';

const ROUNDS = 15;
const ROUND_MS = 150;

/** Runs `fn` repeatedly for about ROUND_MS, ROUNDS times; returns the best iterations per second. */
function bestRate(fn: () => void): number {
  for (let i = 0; i < 20; i++) fn(); // warm up
  let best = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let iterations = 0;
    const t0 = performance.now();
    let elapsed = 0;
    do {
      fn();
      iterations++;
      elapsed = performance.now() - t0;
    } while (elapsed < ROUND_MS);
    best = Math.max(best, (iterations * 1000) / elapsed);
  }
  return best;
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

// --- scanner -----------------------------------------------------------------
const sample = readFileSync(new URL('./sample-text.txt', import.meta.url), 'utf8');
const big = sample.repeat(16);
const CLASS = new Uint8Array(0x10000);
let sink = 0;
const bareLoop = bestRate(() => {
  for (let i = 0; i < big.length; i++) sink += CLASS[big.charCodeAt(i)]!;
});
const bigBytes = Buffer.byteLength(big, 'utf8');
console.log(
  `Machine: ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}; a bare charCodeAt loop over the text runs at ${fmt((bareLoop * bigBytes) / 1e6)} MB/s` +
    (sink < 0 ? '' : ' (the ceiling for any scanner on this machine)'),
);
console.log('\nText scanner (scanNumbers) over bench/sample-text.txt, the raw text of the three corpus DOCX files');
for (const [label, text] of [
  ['sample text', sample],
  ['sample text x16', big],
] as const) {
  const bytes = Buffer.byteLength(text, 'utf8');
  const expressions = scanNumbers(text).length;
  const rate = bestRate(() => scanNumbers(text));
  console.log(
    `  ${label.padEnd(16)} ${fmt(text.length, 0).padStart(9)} chars ${fmt(bytes, 0).padStart(9)} bytes ${fmt(expressions, 0).padStart(6)} expressions:` +
      `  ${fmt((rate * bytes) / 1e6)} MB/s  ${fmt((rate * text.length) / 1e6)} M chars/s  ${fmt((rate * expressions) / 1e3)} k expressions/s`,
  );
}

// --- parser vs nzh -----------------------------------------------------------
/** A fixed list of numerals: deterministic pseudo-random integers of every magnitude up to 10^12, as everyday and as uppercase numerals (written by nzh's encoder). */
function numeralList(count: number): { lower: string[]; upper: string[]; values: bigint[] } {
  let seed = 0x2545f491n;
  const values: bigint[] = [];
  for (let i = 0; i < count; i++) {
    seed = (seed * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    const magnitude = BigInt(i % 13); // 10^0 … 10^12
    values.push(seed % 10n ** (magnitude + 1n));
  }
  return {
    values,
    lower: values.map((v) => Nzh.cn.encodeS(v.toString())),
    upper: values.map((v) => Nzh.cn.encodeB(v.toString())),
  };
}

const list = numeralList(10_000);
let mismatches = 0;
for (let i = 0; i < list.values.length; i++) {
  const ours = parseChineseNumeral(list.lower[i]!);
  const theirs = Nzh.cn.decodeS(list.lower[i]!);
  if (!ours.ok || ours.value.toFixed() !== list.values[i]!.toString()) throw new Error(`parser disagrees on ${list.lower[i]}`);
  if (String(theirs) !== list.values[i]!.toString()) mismatches++;
}

console.log(`\nChinese numeral parser vs nzh ${'1.0.14'} on ${fmt(list.values.length, 0)} numerals (0 … 10^12; nzh disagrees with the true value on ${mismatches})`);
for (const [label, numerals, nzh] of [
  ['everyday (一千零五)', list.lower, (t: string) => Nzh.cn.decodeS(t)],
  ['uppercase (壹仟零伍)', list.upper, (t: string) => Nzh.cn.decodeB(t)],
] as const) {
  const ours = bestRate(() => {
    for (const t of numerals) parseChineseNumeral(t);
  });
  const theirs = bestRate(() => {
    for (const t of numerals) nzh(t);
  });
  const n = numerals.length;
  console.log(
    `  ${label.padEnd(18)} parseChineseNumeral ${fmt((ours * n) / 1e6, 2)} M/s (${fmt(1e9 / (ours * n), 0)} ns)` +
      `   nzh ${fmt((theirs * n) / 1e6, 2)} M/s (${fmt(1e9 / (theirs * n), 0)} ns)   ${fmt(ours / theirs, 1)}x`,
  );
}
