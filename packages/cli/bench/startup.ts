/**
 * How fast commands start: `budget-ingest --help` and `status` on the embedded
 * database, next to `node -e 0` (the floor: Node itself) in the same run.
 *
 *   npm run bench -w @budget-ingest/cli        (or the root `npm run bench`)
 *   BENCH_ROUNDS=N (default 7)
 *
 * Each round runs every command once, in turn (node -e 0, then each command),
 * so a drift of the machine's speed hits all of them alike; a command's ratio
 * to `node -e 0` is taken within each round and the median of the rounds is
 * printed. `status` runs against a database that one `migrate` created before
 * the rounds (a cron job's "after the first run"). The compiled build is what
 * `npx budget-ingest` runs; the rows "(sources via tsx)" are the same commands
 * with BUDGET_INGEST_FROM_SOURCE=1, i.e. what every command cost before the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/budget-ingest.mjs', import.meta.url));
const BUILD = fileURLToPath(new URL('../../../scripts/build.mjs', import.meta.url));
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 7));
const dataDir = mkdtempSync(join(tmpdir(), 'bi-startup-bench-'));

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
  /** Runs before each timed run, outside the timing. */
  readonly before?: () => void;
}

const cli = (args: string[], fromSource = false): Case => ({
  name: `budget-ingest ${args[0]}${fromSource ? '  (sources via tsx)' : ''}`,
  args: [BIN, ...args, ...(args[0] === 'status' ? ['--data-dir', dataDir, '--log-level', 'warn'] : [])],
  env: fromSource ? { BUDGET_INGEST_FROM_SOURCE: '1' } : {},
});
// `status` answers from its cache while nothing wrote the database since the last `status`
// (packages/cli/src/status-cache.ts); the second row is the answer after a write: PGlite starts.
const cacheMiss = () => rmSync(join(dataDir, 'status-cache.json'), { force: true });
const cases: Case[] = [
  { name: 'node -e 0', args: ['-e', '0'] },
  cli(['--help']),
  cli(['status']),
  { ...cli(['status']), name: 'budget-ingest status  (database changed)', before: cacheMiss },
  cli(['--help'], true),
  cli(['status'], true),
];

interface Sample {
  readonly wall: number;
  /** user + system seconds and peak RSS (MiB) of the process, when GNU time is installed; else NaN. */
  readonly cpu: number;
  readonly rss: number;
}

// GNU time reports the child's CPU time and peak memory; CPU time is what a busy machine moves least.
const gnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%U', 'true']).status === 0;

function run(c: Case): Sample {
  c.before?.();
  const [cmd, args] = gnuTime ? ['/usr/bin/time', ['-f', 'bench-time %U %S %M', process.execPath, ...c.args]] : [process.execPath, c.args];
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { env: { ...process.env, ...c.env }, encoding: 'utf8' });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}: ${r.stderr}`);
  const m = /bench-time (\S+) (\S+) (\d+)/.exec(r.stderr);
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN, rss: m ? Number(m[3]) / 1024 : NaN };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

try {
  // The build the bench measures must be the current one (the bin would otherwise fall back to tsx).
  const built = spawnSync(process.execPath, [BUILD, '--strict'], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
  run({ name: 'migrate (first run)', args: [BIN, 'migrate', '--data-dir', dataDir, '--log-level', 'warn'] });
  for (const c of cases) run(c); // warm-up: the OS file cache, not counted

  const samples = cases.map(() => [] as Sample[]);
  for (let r = 0; r < rounds; r++) cases.forEach((c, i) => samples[i]!.push(run(c)));

  const floor = samples[0]!;
  const col = (x: number, w: number, digits = 2) => (Number.isNaN(x) ? '-' : x.toFixed(digits)).padStart(w);
  console.log(`command startup, ${rounds} rounds of the whole process; ratios are taken per round (paired) and their median printed\n`);
  console.log(`${'command'.padEnd(40)} ${'wall s'.padStart(7)} ${'min s'.padStart(6)} ${'cpu s'.padStart(6)} ${'peak MiB'.padStart(8)}  ${'wall × node -e 0'.padStart(16)} ${'cpu × node -e 0'.padStart(15)}`);
  cases.forEach((c, i) => {
    const t = samples[i]!;
    const ratio = (k: 'wall' | 'cpu') => median(t.map((x, r) => x[k] / floor[r]![k]));
    console.log(
      `${c.name.padEnd(40)} ${col(median(t.map((x) => x.wall)), 7)} ${col(Math.min(...t.map((x) => x.wall)), 6)} ${col(median(t.map((x) => x.cpu)), 6)} ${col(Math.max(...t.map((x) => x.rss)), 8, 0)}  ${col(ratio('wall'), 16)} ${col(ratio('cpu'), 15)}`,
    );
  });
  console.log('\ntargets: --help within 3× node -e 0; status ≤ 1.5 s after the first run (the row without "database changed")');
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
