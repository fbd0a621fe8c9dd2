import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import {
  authenticationSasl,
  authenticationSaslContinue,
  authenticationSaslFinal,
  BackendTracker,
  copyFail,
  errorResponse,
  negotiateProtocolVersion,
  ROLLBACK,
  SYNC,
} from './backend-messages.ts';
import { AUTH_MESSAGE_TYPES, FrameReader, MAX_AUTH_MESSAGE_BYTES, ProtocolViolation, SESSION_MESSAGE_TYPES, startupPacket, TERMINATE, type StartupPacket } from './frontend-frames.ts';
import { ScramExchange, ScramFailure, scramVerifier, type ScramVerifier } from './scram.ts';
import { closeStatements, renameStatements } from './statement-names.ts';

export interface SqlServerOptions {
  readonly db: PGlite;
  readonly host: string;
  /** 0: any free port (read it back from `port`). */
  readonly port: number;
  /** Asked of every client (SCRAM-SHA-256) when set; null asks none (the caller allows that on loopback only). */
  readonly password: string | null;
  /** A client holding the database (inside a transaction, or half-way through a query) that sends nothing for this long is disconnected and its transaction rolled back. */
  readonly idleInTransactionTimeoutMs: number;
  /** Connections at once, counting those still authenticating. */
  readonly maxConnections: number;
  /** How long a client may take from connecting to a session (startup and password). */
  readonly authenticationTimeoutMs?: number;
  /** Told when a connection ends, with the reason (for the log). */
  readonly onClose?: (info: { readonly id: number; readonly remote: string; readonly reason: string }) => void;
}

export interface SqlServer {
  readonly port: number;
  /** Connections now open, and how many wait for their turn. */
  stats(): { readonly connections: number; readonly waiting: number };
  /** Stops listening, ends every connection (FATAL 57P01), rolls back an open transaction. */
  stop(): Promise<void>;
}

/** Above this many bytes of messages waiting for its turn, a client's socket is paused (it cannot make the server buffer without end). */
const INBOX_LIMIT_BYTES = 16 * 1024 * 1024;
const DEFAULT_AUTHENTICATION_TIMEOUT_MS = 30_000;

type Phase = 'startup' | 'sasl-initial' | 'sasl-response' | 'session' | 'closed';

class Connection {
  phase: Phase = 'startup';
  readonly reader = new FrameReader();
  readonly inbox: Buffer[] = [];
  inboxBytes = 0;
  params: ReadonlyMap<string, string> = new Map();
  scram: ScramExchange | null = null;
  authTimer: NodeJS.Timeout | null = null;
  /** Its prepared statements, by their names in the shared session (statement-names.ts). */
  readonly prepared = new Set<string>();
  readonly prefix: string;
  constructor(
    readonly id: number,
    readonly socket: Socket,
  ) {
    this.prefix = `c${id}_`;
  }
  get remote(): string {
    return `${this.socket.remoteAddress ?? '?'}:${this.socket.remotePort ?? '?'}`;
  }
}

/**
 * Serves one PGlite database to many clients over the Postgres protocol.
 *
 * PGlite is a single Postgres session in this process, so clients take
 * turns on it, one transaction at a time: a client's turn starts with its
 * first message and ends when Postgres reports the session idle again
 * (ReadyForQuery 'I'), so one client's BEGIN … COMMIT, or Parse … Sync, is
 * never interleaved with another's. Waiting clients are served in the order
 * they asked (first come, first served, per transaction). A turn held by a
 * client that sends nothing for `idleInTransactionTimeoutMs` is ended: the
 * client gets FATAL 25P03 and is disconnected, and its transaction rolled
 * back, as Postgres's idle_in_transaction_session_timeout does.
 */
export async function startSqlServer(opts: SqlServerOptions): Promise<SqlServer> {
  const server = new WireServer(opts, opts.password === null ? null : scramVerifier(opts.password));
  return server.listen();
}

class WireServer implements SqlServer {
  private readonly net: Server;
  private readonly conns = new Set<Connection>();
  private readonly waiting: Connection[] = [];
  private readonly tracker = new BackendTracker();
  private owner: Connection | null = null;
  private inflight: Promise<void> | null = null;
  private cleanupNeeded = false;
  /** Close messages for the statements of clients gone, run when no one holds the session. */
  private readonly pendingCloses: Buffer[] = [];
  private stopping = false;
  private idleTimer: { conn: Connection; timer: NodeJS.Timeout } | null = null;
  private nextId = 1;
  /** PGlite's answer to a startup packet (AuthenticationOk, parameters, BackendKeyData, ReadyForQuery), given to every client. */
  private greeting: Buffer = Buffer.alloc(0);
  port = 0;

  constructor(
    private readonly opts: SqlServerOptions,
    private readonly verifier: ScramVerifier | null,
  ) {
    this.net = createServer((socket) => this.accept(socket));
  }

  async listen(): Promise<this> {
    await this.opts.db.waitReady;
    // Asked once, so a client's connection never waits for another's transaction to end: only its statements take turns.
    const chunks: Uint8Array[] = [];
    await this.opts.db.runExclusive(() =>
      this.opts.db.execProtocolRawStream(startupPacket(new Map([['user', 'postgres'], ['database', 'postgres'], ['client_encoding', 'UTF8']])), { onRawData: (d) => void chunks.push(d.slice()) }),
    );
    this.greeting = Buffer.concat(chunks);
    this.tracker.feed(this.greeting);
    await new Promise<void>((resolve, reject) => {
      this.net.once('error', reject);
      this.net.listen(this.opts.port, this.opts.host, () => {
        this.net.off('error', reject);
        resolve();
      });
    });
    const addr = this.net.address();
    this.port = typeof addr === 'object' && addr ? addr.port : this.opts.port;
    return this;
  }

  stats() {
    return { connections: this.conns.size, waiting: this.waiting.length };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.disarmIdleTimer();
    const closed = new Promise<void>((resolve) => this.net.close(() => resolve()));
    for (const conn of [...this.conns]) this.fatal(conn, '57P01', 'terminating connection due to administrator command');
    await this.inflight;
    this.pendingCloses.length = 0;
    if (this.cleanupNeeded) await this.cleanSession();
    await closed;
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 60_000);
    if (this.stopping || this.conns.size >= this.opts.maxConnections) {
      socket.on('error', () => {});
      socket.end(errorResponse('FATAL', this.stopping ? '57P01' : '53300', this.stopping ? 'the server is shutting down' : 'sorry, too many clients already'));
      setTimeout(() => socket.destroy(), 1000).unref();
      return;
    }
    const conn = new Connection(this.nextId++, socket);
    this.conns.add(conn);
    conn.authTimer = setTimeout(() => this.fatal(conn, '08006', 'authentication timeout'), this.opts.authenticationTimeoutMs ?? DEFAULT_AUTHENTICATION_TIMEOUT_MS);
    socket.on('data', (chunk: Buffer) => this.onData(conn, chunk));
    socket.on('error', () => this.dropped(conn, 'connection error'));
    socket.on('close', () => this.dropped(conn, 'closed by the client'));
  }

  private onData(conn: Connection, chunk: Buffer): void {
    if (conn.phase === 'closed') return;
    conn.reader.push(chunk);
    try {
      this.readFrames(conn);
    } catch (err) {
      if (err instanceof ProtocolViolation) this.fatal(conn, err.sqlState, err.message);
      else if (err instanceof ScramFailure) this.fatal(conn, '28P01', `password authentication failed for user "${conn.params.get('user') ?? ''}"`);
      else this.fatal(conn, 'XX000', `internal error: ${(err as Error).message}`);
    }
  }

  private readFrames(conn: Connection): void {
    for (;;) {
      switch (conn.phase) {
        case 'closed':
          return;
        case 'startup': {
          const packet = conn.reader.nextStartup();
          if (!packet) return;
          this.onStartup(conn, packet);
          break;
        }
        case 'sasl-initial':
        case 'sasl-response': {
          const msg = conn.reader.nextMessage(AUTH_MESSAGE_TYPES, MAX_AUTH_MESSAGE_BYTES);
          if (!msg) return;
          if (msg.type === TERMINATE) return this.close(conn, 'terminated by the client');
          this.onPassword(conn, msg.bytes.subarray(5));
          break;
        }
        case 'session': {
          const msg = conn.reader.nextMessage(SESSION_TYPES);
          if (!msg) return;
          if (msg.type === TERMINATE) return this.close(conn, 'terminated by the client');
          const renamed = renameStatements(msg.bytes, conn.prefix);
          if (renamed.prepared) conn.prepared.add(renamed.prepared);
          if (renamed.closed) conn.prepared.delete(renamed.closed);
          this.enqueue(conn, renamed.bytes);
          break;
        }
      }
    }
  }

  private onStartup(conn: Connection, packet: StartupPacket): void {
    switch (packet.kind) {
      case 'ssl-request':
      case 'gssenc-request':
        conn.socket.write('N'); // no TLS or GSS encryption here: the client goes on in the clear or gives up
        return;
      case 'cancel-request':
        // PGlite runs a statement to its end in this thread: there is nothing to cancel.
        return this.close(conn, 'cancel request (not supported)');
      case 'startup': {
        conn.params = packet.params;
        const declined = [...packet.params.keys()].filter((k) => k.startsWith('_pq_.'));
        if (packet.minorVersion > 0 || declined.length > 0) conn.socket.write(negotiateProtocolVersion(declined));
        if (this.verifier) {
          conn.scram = new ScramExchange(this.verifier);
          conn.phase = 'sasl-initial';
          conn.socket.write(authenticationSasl());
        } else {
          this.beginSession(conn);
        }
      }
    }
  }

  private onPassword(conn: Connection, body: Buffer): void {
    if (conn.phase === 'sasl-initial') {
      // SASLInitialResponse: mechanism (string), length of the data (-1: none), the data.
      const end = body.indexOf(0);
      if (end < 0 || body.length < end + 5) throw new ProtocolViolation('malformed SASLInitialResponse');
      const len = body.readInt32BE(end + 1);
      if (len !== body.length - end - 5) throw new ProtocolViolation('malformed SASLInitialResponse');
      const reply = conn.scram!.first(body.toString('utf8', 0, end), body.toString('utf8', end + 5));
      conn.phase = 'sasl-response';
      conn.socket.write(authenticationSaslContinue(reply));
      return;
    }
    const reply = conn.scram!.final(body.toString('utf8'));
    conn.socket.write(authenticationSaslFinal(reply));
    this.beginSession(conn);
  }

  /**
   * Authenticated: the client gets the session's greeting at once, whoever
   * holds the session now. Its own startup parameters are not applied: the
   * one session is shared, so one client's client_encoding or DateStyle must
   * not become everyone's (the greeting tells it what they are: UTF8, ISO).
   */
  private beginSession(conn: Connection): void {
    conn.phase = 'session';
    if (conn.authTimer) clearTimeout(conn.authTimer);
    conn.authTimer = null;
    conn.socket.write(this.greeting);
  }

  private enqueue(conn: Connection, bytes: Buffer): void {
    conn.inbox.push(bytes);
    conn.inboxBytes += bytes.length;
    if (conn.inboxBytes > INBOX_LIMIT_BYTES) conn.socket.pause();
    if (this.owner !== conn && !this.waiting.includes(conn)) this.waiting.push(conn);
    this.pump();
  }

  /** Runs the next message: the turn's owner's, or the first waiting client's once the session is at rest. */
  private pump(): void {
    if (this.inflight || this.stopping) return;
    if (!this.owner && (this.cleanupNeeded || this.pendingCloses.length > 0)) return this.run(this.cleanSession());
    if (!this.owner) {
      const next = this.waiting.shift();
      if (!next) return;
      this.owner = next;
    }
    const conn = this.owner;
    const bytes = conn.inbox.shift();
    if (!bytes) return this.armIdleTimer(conn);
    conn.inboxBytes -= bytes.length;
    if (conn.socket.isPaused() && conn.inboxBytes < INBOX_LIMIT_BYTES / 2) conn.socket.resume();
    this.disarmIdleTimer();
    this.run(this.execute(conn, bytes));
  }

  private run(work: Promise<void>): void {
    this.inflight = work.finally(() => {
      this.inflight = null;
      this.pump();
    });
  }

  private async execute(conn: Connection, bytes: Buffer): Promise<void> {
    const readyBefore = this.tracker.readyCount;
    try {
      await this.opts.db.runExclusive(() =>
        this.opts.db.execProtocolRawStream(bytes, {
          onRawData: (data) => {
            this.tracker.feed(data);
            // A copy: the bytes may be a view of PGlite's memory, reused by the next call before the socket has sent them.
            if (conn.phase !== 'closed') conn.socket.write(Buffer.from(data));
          },
        }),
      );
    } catch (err) {
      this.cleanupNeeded = true;
      this.owner = null;
      this.fatal(conn, 'XX000', `internal error: ${(err as Error).message}`);
      return;
    }
    const atRest = this.tracker.readyCount > readyBefore && this.tracker.status === 'I' && !this.tracker.copyIn;
    if (conn.phase === 'closed') {
      this.owner = null;
      if (!atRest) this.cleanupNeeded = true;
    } else if (atRest) {
      // The turn ends here; more from the same client waits behind the others.
      this.owner = null;
      if (conn.inbox.length > 0) this.waiting.push(conn);
    }
  }

  /** After a client left mid-turn: end its COPY, its half-done extended query and its transaction, so the next client starts clean. */
  private async cleanSession(): Promise<void> {
    const midTurn = this.cleanupNeeded;
    this.cleanupNeeded = false;
    const closes = this.pendingCloses.splice(0);
    const raw = (m: Buffer) => this.opts.db.runExclusive(() => this.opts.db.execProtocolRawStream(m, { onRawData: (d) => this.tracker.feed(d) }));
    try {
      if (midTurn && this.tracker.copyIn) await raw(copyFail('client disconnected'));
      for (const close of closes) await raw(close);
      await raw(SYNC);
      if (this.tracker.status !== 'I') await raw(ROLLBACK);
    } catch {
      // Nothing more to do: the next client's own statements report what is wrong.
    }
  }

  private armIdleTimer(conn: Connection): void {
    if (this.idleTimer?.conn === conn) return;
    this.disarmIdleTimer();
    const timer = setTimeout(() => {
      if (this.owner === conn && !this.inflight && conn.inbox.length === 0) {
        this.fatal(conn, '25P03', `terminating connection due to idle-in-transaction timeout (${this.opts.idleInTransactionTimeoutMs} ms holding the database without a message)`);
      }
    }, this.opts.idleInTransactionTimeoutMs);
    this.idleTimer = { conn, timer };
  }

  private disarmIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer.timer);
    this.idleTimer = null;
  }

  /** Sends a FATAL error, closes the connection and frees its turn. */
  private fatal(conn: Connection, sqlState: string, text: string): void {
    if (conn.phase === 'closed') return;
    if (conn.socket.writable) conn.socket.write(errorResponse('FATAL', sqlState, text));
    this.close(conn, `${sqlState} ${text}`);
  }

  private close(conn: Connection, reason: string): void {
    if (conn.phase === 'closed') return;
    conn.socket.end();
    // A client that does not read its last bytes does not keep the socket.
    setTimeout(() => conn.socket.destroy(), 1000).unref();
    this.dropped(conn, reason);
  }

  /** Forgets a connection: its slot, its place in the line, and (if it held the session) its turn. */
  private dropped(conn: Connection, reason: string): void {
    if (conn.phase === 'closed') return;
    conn.phase = 'closed';
    conn.socket.pause();
    if (conn.authTimer) clearTimeout(conn.authTimer);
    this.conns.delete(conn);
    const at = this.waiting.indexOf(conn);
    if (at >= 0) this.waiting.splice(at, 1);
    conn.inbox.length = 0;
    if (!this.stopping) this.pendingCloses.push(...closeStatements(conn.prepared));
    if (this.idleTimer?.conn === conn) this.disarmIdleTimer();
    // Mid-call, execute() sees the connection closed when the call returns and cleans up then.
    if (this.owner === conn && !this.inflight) {
      this.owner = null;
      this.cleanupNeeded = true;
    }
    this.opts.onClose?.({ id: conn.id, remote: conn.remote, reason });
    this.pump();
  }
}

const SESSION_TYPES: ReadonlySet<number> = new Set([...SESSION_MESSAGE_TYPES, TERMINATE]);
