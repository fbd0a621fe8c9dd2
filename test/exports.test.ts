import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, rowsOf } from '@budget-ingest/db';
import { cli } from './support/cli.ts';

const SAMPLES = join(import.meta.dirname, '../samples');

/** Adds decimal strings exactly (BigInt on the digits at scale 2), the way the test checks a sum. */
function exactSum(values: readonly string[]): string {
  let cents = 0n;
  for (const v of values) {
    const neg = v.startsWith('-');
    const [i, f = ''] = v.replace('-', '').split('.');
    const c = BigInt(`${i}${f.padEnd(2, '0')}`);
    cents += neg ? -c : c;
  }
  const s = (cents < 0n ? -cents : cents).toString().padStart(3, '0');
  return `${cents < 0n ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
}

async function duck(query: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(query)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
  }
}

describe('exports an analyst can use as they are', () => {
  let data: string;
  let inbox: string;
  let out: string;
  const env = () => ({ BUDGET_INGEST_DATA_DIR: data });
  beforeAll(async () => {
    data = mkdtempSync(join(tmpdir(), 'bi-exp-data-'));
    inbox = mkdtempSync(join(tmpdir(), 'bi-exp-in-'));
    out = mkdtempSync(join(tmpdir(), 'bi-exp-out-'));
    copyFileSync(join(SAMPLES, 'wanyuan-2022-final-accounts.pdf'), join(inbox, 'wanyuan-2022-final-accounts.pdf'));
    // A name a portal could choose: a spreadsheet would run it as a formula.
    copyFileSync(join(SAMPLES, 'lusong-2023-perf.docx'), join(inbox, '=HYPERLINK("http:x","y").docx'));
    expect((await cli(['ingest', inbox], env())).code).toBe(0);
  });
  afterAll(() => {
    for (const d of [data, inbox, out]) rmSync(d, { recursive: true, force: true });
  });

  it('writes Parquet money as DECIMAL(20,2), integers as integers and dates as dates, and duckdb sums the money exactly', async () => {
    const run = await cli(['export', '--format', 'parquet', '--table', 'amounts', '--table', 'report_overview', '--table', 'reports', '--out', out], env());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n')).toHaveLength(3);
    const file = join(out, 'amounts.parquet');
    const [types] = await duck(`SELECT typeof(yuan) AS yuan, typeof(fiscal_year) AS year, typeof(id) AS id FROM '${file}' LIMIT 1`);
    expect(types).toEqual({ yuan: 'DECIMAL(20,2)', year: 'INTEGER', id: 'BIGINT' });
    const [{ total }] = (await duck(`SELECT sum(yuan)::VARCHAR AS total FROM '${file}'`)) as [{ total: string }];
    // The same sum from the database's own exact text.
    const handle = await createDb({ databaseUrl: null, dataDir: data });
    let dbSum: string;
    let values: string[];
    try {
      dbSum = rowsOf<{ s: string }>(await handle.db.execute(sql`SELECT sum(yuan)::text AS s FROM amounts`))[0]!.s;
      values = rowsOf<{ y: string }>(await handle.db.execute(sql`SELECT yuan::text AS y FROM amounts`)).map((r) => r.y);
    } finally {
      await handle.close();
    }
    expect(total).toBe(dbSum);
    expect(total).toBe(exactSum(values));
    const [overview] = await duck(`SELECT typeof(fiscal_year) AS year, sum(total_actual)::VARCHAR IS NOT NULL AS summed FROM '${join(out, 'report_overview.parquet')}' GROUP BY 1`);
    expect(overview).toMatchObject({ year: 'INTEGER', summed: true });
    const money = await duck(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '${join(out, 'report_overview.parquet')}') WHERE column_name LIKE 'total_%'`);
    expect(money.length).toBeGreaterThan(0);
    for (const m of money) expect(m.column_type).toBe('DECIMAL(20,2)');
    const [dates] = await duck(`SELECT typeof(published_on) AS d, typeof(created_at) AS t FROM '${join(out, 'reports.parquet')}' LIMIT 1`);
    expect(dates).toEqual({ d: 'DATE', t: 'TIMESTAMP WITH TIME ZONE' });
  });

  it('writes CSV with --bom for Excel, spells nested JSON out as columns, and escapes formulas unless --raw-formulas', async () => {
    const run = await cli(['export', '--format', 'csv', '--table', 'amounts', '--table', 'documents', '--table', 'validation_findings', '--bom', '--out', out], env());
    expect(run.code, run.stderr).toBe(0);
    const amounts = readFileSync(join(out, 'amounts.csv'), 'utf8');
    expect(amounts.startsWith('\uFEFF')).toBe(true);
    const header = amounts.slice(1).split('\n')[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['anchor.block', 'bbox.1', 'bbox.4']));
    expect(header).not.toContain('anchor');
    // A list of objects is left to the JSON export.
    expect(readFileSync(join(out, 'validation_findings.csv'), 'utf8').split('\n')[0]).not.toMatch(/values_involved/);
    const documents = readFileSync(join(out, 'documents.csv'), 'utf8');
    expect(documents).toContain(`"'=HYPERLINK(""http:x"",""y"").docx"`);
    expect(documents).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const raw = await cli(['export', '--format', 'csv', '--table', 'documents', '--raw-formulas', '--out', '-'], env());
    expect(raw.stdout).toMatch(/(^|,)"=HYPERLINK\(""http:x"",""y""\)\.docx"/m);
  });

  it('writes one table to stdout with --out -, as CSV or JSON lines', async () => {
    const csv = await cli(['export', '--format', 'csv', '--table', 'report_overview', '--out', '-'], env());
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toMatch(/^report_id,/);
    const jsonl = await cli(['export', '--format', 'json', '--table', 'amounts', '--out', '-'], env());
    const rows = jsonl.stdout.split('\n').map((l) => JSON.parse(l) as { yuan: string; anchor: unknown });
    expect(rows.length).toBeGreaterThan(10);
    expect(typeof rows[0]!.yuan).toBe('string');
    expect((await cli(['export', '--format', 'csv', '--table', 'amounts', '--table', 'reports', '--out', '-'], env())).code).toBe(2);
  });

  it('cuts a file name too long for the file system on a character boundary, with a hash, and keeps the full name inside', async () => {
    const long = `${'部门预算公开'.repeat(20)}.pdf`; // 364 bytes in UTF-8
    const handle = await createDb({ databaseUrl: null, dataDir: data });
    try {
      await handle.db.execute(sql`UPDATE documents SET file_name = ${long} WHERE file_name = 'wanyuan-2022-final-accounts.pdf'`);
    } finally {
      await handle.close();
    }
    const dir = join(out, 'json');
    const run = await cli(['export', '--out', dir], env());
    expect(run.code, run.stderr).toBe(0);
    const names = readdirSync(dir);
    expect(names).toHaveLength(2);
    const cut = names.find((n) => n.startsWith('部门预算'))!;
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(255);
    expect(cut).toMatch(/…\.[0-9a-f]{12}\.json$/);
    expect(cut).not.toContain('\uFFFD');
    expect(JSON.parse(readFileSync(join(dir, cut), 'utf8')).source.file).toBe(long);
  });
});
