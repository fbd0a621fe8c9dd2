import { connect, type Socket } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSqlServer, type SqlServer } from './index.ts';

let db: PGlite;
let server: SqlServer;

beforeAll(async () => {
  db = await PGlite.create();
  await db.exec('CREATE TABLE t (n int)');
  server = await startSqlServer({ db, host: '127.0.0.1', port: 0, password: null, idleInTransactionTimeoutMs: 1500, maxConnections: 16 });
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

const client = async (password?: string, srv: SqlServer = server) => {
  const c = new pg.Client({ host: '127.0.0.1', port: srv.port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 10_000, query_timeout: 10_000, ...(password !== undefined ? { password } : {}) });
  c.on('error', () => {});
  await c.connect();
  return c;
};

function startup(): Buffer {
  const body = Buffer.from('user\0postgres\0database\0postgres\0\0');
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + body.length, 0);
  head.writeInt32BE(196608, 4);
  return Buffer.concat([head, body]);
}

function typed(type: string, body: Buffer, claimedLength = body.length + 4): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(claimedLength, 1);
  return Buffer.concat([head, body]);
}

/** Opens a raw socket, sends `bytes` (after a session start when asked), and resolves with what came back once the server closed it. */
function sendRaw(bytes: Buffer, { afterStartup = false } = {}): Promise<{ closed: true; reply: Buffer; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const chunks: Buffer[] = [];
    const s: Socket = connect(server.port, '127.0.0.1');
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`the server did not close the connection within 10 s; got ${Buffer.concat(chunks).toString('latin1')}`));
    }, 10_000);
    s.on('error', () => {});
    s.on('data', (d: Buffer) => {
      chunks.push(d);
      // Once the session is up (ReadyForQuery), send the malformed message.
      if (afterStartup && Buffer.concat(chunks).includes(Buffer.from([0x5a, 0, 0, 0, 5, 0x49]))) {
        afterStartup = false;
        s.write(bytes);
      }
    });
    s.on('close', () => {
      clearTimeout(timer);
      resolve({ closed: true, reply: Buffer.concat(chunks), ms: Date.now() - t0 });
    });
    s.on('connect', () => s.write(afterStartup ? startup() : bytes));
  });
}

describe('a malformed message closes its own connection only', () => {
  const cases: [string, Buffer, boolean][] = [
    ['a startup packet claiming 2 GB', Buffer.from([0x7f, 0xff, 0xff, 0xff, 0, 3, 0, 0]), false],
    ['a negative startup length', Buffer.from([0xff, 0xff, 0xff, 0xf0, 0, 3, 0, 0]), false],
    ['random bytes (an HTTP request) instead of a startup packet', Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), false],
    ['an unsupported protocol version', Buffer.from([0, 0, 0, 8, 0, 2, 0, 0]), false],
    ['a short Query (length 4, no text)', typed('Q', Buffer.alloc(0)), true],
    ['a Query whose text has no terminator', typed('Q', Buffer.from('SELECT 1')), true],
    ['an unknown message type', typed('z', Buffer.alloc(0)), true],
    ['a password message outside authentication', typed('p', Buffer.from('x\0')), true],
    ['a message claiming 2 GB', typed('Q', Buffer.from('SELECT 1\0'), 0x7fffffff), true],
    ['a message length below 4', typed('S', Buffer.alloc(0), 0), true],
    ['random bytes after the session started', Buffer.from([0x01, 0x9c, 0x33, 0xfe, 0x00, 0x10, 0x77]), true],
  ];

  it.each(cases)('%s: FATAL 08P01 or 0A000, the socket closed, and other clients are still answered', async (_name, bytes, afterStartup) => {
    const before = await client();
    try {
      const { reply, ms } = await sendRaw(bytes, { afterStartup });
      expect(ms).toBeLessThan(5000);
      // ErrorResponse, severity FATAL, a protocol-violation SQLSTATE.
      expect(reply.toString('latin1')).toMatch(/SFATAL\0VFATAL\0C(08P01|0A000)\0/);
      const t0 = Date.now();
      const [a, b] = await Promise.all([before.query('SELECT 1 AS one'), client().then(async (c) => (await c.query('SELECT 2 AS two').finally(() => c.end())).rows[0])]);
      expect(a.rows[0]).toEqual({ one: 1 });
      expect(b).toEqual({ two: 2 });
      expect(Date.now() - t0).toBeLessThan(5000);
    } finally {
      await before.end();
    }
  });

  it('a message cut off half-way holds nothing: another client is served while it waits', async () => {
    const s = connect(server.port, '127.0.0.1');
    s.on('error', () => {});
    await new Promise((r) => s.on('connect', r));
    s.write(startup());
    await new Promise((r) => setTimeout(r, 300));
    s.write(typed('Q', Buffer.from('SELECT 1\0'), 1000).subarray(0, 9));
    const c = await client();
    try {
      expect((await c.query('SELECT 3 AS three')).rows[0]).toEqual({ three: 3 });
    } finally {
      await c.end();
      s.destroy();
    }
  });
});

describe('clients take turns one transaction at a time', () => {
  it("one client's open transaction is not seen by another, which waits for the COMMIT", async () => {
    const a = await client();
    const b = await client();
    try {
      await a.query('BEGIN');
      await a.query('INSERT INTO t VALUES (1)');
      let answered = false;
      const seen = b.query('SELECT count(*)::int AS n FROM t').then((r) => ((answered = true), r.rows[0]));
      await new Promise((r) => setTimeout(r, 400));
      expect(answered).toBe(false);
      await a.query('COMMIT');
      expect(await seen).toEqual({ n: 1 });
    } finally {
      await a.end();
      await b.end();
      await db.exec('DELETE FROM t');
    }
  });

  it('a client connects at once while another holds a transaction, and its query waits for the COMMIT', async () => {
    const a = await client();
    try {
      await a.query('BEGIN');
      const t0 = Date.now();
      const b = await client();
      expect(Date.now() - t0).toBeLessThan(1000);
      const pending = b.query('SELECT 1 AS x');
      await new Promise((r) => setTimeout(r, 300));
      await a.query('COMMIT');
      expect((await pending).rows[0]).toEqual({ x: 1 });
      await b.end();
    } finally {
      await a.end();
    }
  });

  it('an idle client holding a transaction is disconnected after the timeout (25P03), rolled back, and the others go on', async () => {
    const a = await client();
    const b = await client();
    const errors: Error[] = [];
    a.on('error', (e) => errors.push(e));
    try {
      await a.query('BEGIN');
      await a.query('INSERT INTO t VALUES (42)');
      const t0 = Date.now();
      const r = await b.query('SELECT count(*)::int AS n FROM t');
      const waited = Date.now() - t0;
      expect(r.rows[0]).toEqual({ n: 0 });
      expect(waited).toBeGreaterThan(1000);
      expect(waited).toBeLessThan(6000);
      await expect(a.query('SELECT 1')).rejects.toThrow();
      expect(errors.map((e) => (e as Error & { code?: string }).code)).toContain('25P03');
    } finally {
      await a.end().catch(() => {});
      await b.end();
    }
  });

  it('a client that disconnects inside a transaction leaves no transaction behind', async () => {
    const a = await client();
    await a.query('BEGIN');
    await a.query('INSERT INTO t VALUES (7)');
    await a.end();
    const b = await client();
    try {
      expect((await b.query('SELECT count(*)::int AS n FROM t')).rows[0]).toEqual({ n: 0 });
      expect((await b.query('SELECT 1 AS x')).rows[0]).toEqual({ x: 1 });
    } finally {
      await b.end();
    }
  });
});

describe("each client's prepared statements are its own", () => {
  it('two clients prepare the same statement name with different texts, and a client gone leaves none behind', async () => {
    const a = await client();
    const b = await client();
    try {
      // JDBC names its statements S_1, S_2 … on every connection.
      expect((await a.query({ name: 'S_1', text: 'SELECT $1::int + 1 AS v', values: [1] })).rows[0]).toEqual({ v: 2 });
      expect((await b.query({ name: 'S_1', text: "SELECT $1::text || '!' AS v", values: ['x'] })).rows[0]).toEqual({ v: 'x!' });
      expect((await a.query({ name: 'S_1', text: 'SELECT $1::int + 1 AS v', values: [41] })).rows[0]).toEqual({ v: 42 });
      await a.end();
      const left = await b.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE '%S_1'");
      expect(left.rows[0]).toEqual({ n: 1 });
    } finally {
      await a.end().catch(() => {});
      await b.end();
    }
  });
});

describe('a password', () => {
  let locked: SqlServer;
  beforeAll(async () => {
    locked = await startSqlServer({ db, host: '127.0.0.1', port: 0, password: 's3cret-pass', idleInTransactionTimeoutMs: 5000, maxConnections: 4 });
  });
  afterAll(async () => {
    await locked?.stop();
  });

  it('is refused when wrong (28P01) and accepted when right (SCRAM-SHA-256)', async () => {
    await expect(client('wrong', locked)).rejects.toMatchObject({ code: '28P01' });
    const c = await client('s3cret-pass', locked);
    try {
      expect((await c.query('SELECT 5 AS five')).rows[0]).toEqual({ five: 5 });
    } finally {
      await c.end();
    }
  });

  it('is asked of a client that gives none', async () => {
    await expect(client(undefined, locked)).rejects.toThrow(/password/i);
  });
});

describe('connection slots', () => {
  it('a client over the limit gets 53300 and the others keep theirs', async () => {
    const small = await startSqlServer({ db, host: '127.0.0.1', port: 0, password: null, idleInTransactionTimeoutMs: 5000, maxConnections: 1 });
    try {
      const a = await client(undefined, small);
      await expect(client(undefined, small)).rejects.toMatchObject({ code: '53300' });
      expect((await a.query('SELECT 1 AS x')).rows[0]).toEqual({ x: 1 });
      await a.end();
    } finally {
      await small.stop();
    }
  });
});
