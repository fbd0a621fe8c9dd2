import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from './connect.ts';

describe('the embedded PGlite database', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('is opened by one handle at a time; a second gets a message that says what to do, and opens once the first closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bi-lock-'));
    dirs.push(dir);
    const first = await createDb({ databaseUrl: null, dataDir: dir });
    await expect(createDb({ databaseUrl: null, dataDir: dir })).rejects.toThrow(/in use by another budget-ingest process.*DATABASE_URL/s);
    await first.db.execute(sql`CREATE TABLE kept (n int)`);
    await first.close();
    const second = await createDb({ databaseUrl: null, dataDir: dir });
    try {
      // The first handle's table is there for the second.
      expect(((await second.db.execute(sql`SELECT count(*)::int AS n FROM kept`)) as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('takes over at once a lock whose holder was killed (kill -9) on this host, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bi-lock-'));
    dirs.push(dir);
    const script = join(dir, 'hold.mts');
    writeFileSync(
      script,
      `const { createDb } = await import(${JSON.stringify(join(import.meta.dirname, 'connect.ts'))});\nawait createDb({ databaseUrl: null, dataDir: ${JSON.stringify(join(dir, 'db'))} });\nconsole.log('open');\nsetInterval(() => {}, 1000);\n`,
    );
    // --import tsx resolves from the working directory: the package, whose node_modules holds tsx.
    const holder = spawn(process.execPath, ['--import', 'tsx', script], { cwd: import.meta.dirname, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d: Buffer) => d.toString().includes('open') && resolve());
      holder.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
    });
    holder.kill('SIGKILL');
    await new Promise((r) => holder.once('exit', r));
    const said: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (said.push(String(chunk)), true)) as typeof process.stderr.write;
    const started = performance.now();
    try {
      const handle = await createDb({ databaseUrl: null, dataDir: join(dir, 'db') });
      await handle.close();
    } finally {
      process.stderr.write = write;
    }
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(said.join('')).toMatch(/left by process \d+, which is no longer running on this host: it is stale/);
  }, 90_000);
});
