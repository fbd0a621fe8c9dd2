import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './support/cli.ts';

const docs = join(import.meta.dirname, 'fixtures/corpus/docs');
let dataDir: string;
let out: string;
const env = () => ({ BUDGET_INGEST_DATA_DIR: dataDir });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bi-analyst-'));
  out = mkdtempSync(join(tmpdir(), 'bi-analyst-out-'));
  const run = await cli(['ingest', join(docs, 'renhua-2021-perf.docx'), join(docs, 'lusong-2023-perf.docx')], env());
  expect(run.code).toBe(0);
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

describe('exports for spreadsheets and pandas', () => {
  it('writes a view as CSV with a header and exact decimals', async () => {
    const run = await cli(['export', '--format', 'csv', '--table', 'report_overview', '--out', out], env());
    expect(run.code).toBe(0);
    const lines = readFileSync(join(out, 'report_overview.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^report_id,region_code,province,city,county,organization,kind,fiscal_year,/);
    expect(lines.length).toBeGreaterThan(1);
  });

  it('writes a table as Parquet that reads back with the same rows', async () => {
    const run = await cli(['export', '--format', 'parquet', '--table', 'documents', '--out', out], env());
    expect(run.code).toBe(0);
    const bytes = readFileSync(join(out, 'documents.parquet'));
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
    expect(rows.map((r) => r.file_name).sort()).toEqual(['lusong-2023-perf.docx', 'renhua-2021-perf.docx']);
    expect(rows.every((r) => r.status === 'parsed')).toBe(true);
    expect(typeof rows[0]!.byte_size).toBe('bigint');
  });

  it('refuses a name that is not a table or view', async () => {
    const run = await cli(['export', '--format', 'csv', '--table', 'pg_user; drop table documents', '--out', out], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown table or view/);
  });
});

describe('the sql command', () => {
  it('serves the embedded database to psql, which can query the views', async () => {
    let stop!: () => void;
    const until = new Promise<void>((r) => (stop = r));
    let url = '';
    const listening = new Promise<void>((resolve) => {
      void import('../packages/cli/src/commands/sql.ts').then(({ sqlCommand }) =>
        sqlCommand(
          { env: { LOG_LEVEL: 'silent', BUDGET_INGEST_DATA_DIR: dataDir }, cwd: process.cwd(), stdout: () => undefined, stderr: () => undefined, stdoutIsTty: false },
          { port: String(20000 + Math.floor(Math.random() * 20000)), host: '127.0.0.1', until, onListening: (u) => ((url = u), resolve()) },
        ),
      );
    });
    await listening;
    try {
      // psql runs as a separate process; the server lives in this one, so the call must not block the event loop.
      const { stdout } = await promisify(execFile)('psql', [url, '-At', '-c', "SELECT count(*) FROM report_overview WHERE kind = 'department_performance_self_evaluation'"], { encoding: 'utf8' });
      expect(Number(stdout.trim())).toBe(2);
    } finally {
      stop();
    }
  });
});
