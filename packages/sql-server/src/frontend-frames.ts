/**
 * Cuts the bytes a client sends into Postgres protocol messages, and refuses
 * anything Postgres itself would refuse before it reaches PGlite: a length
 * out of bounds, a type that does not exist. PGlite is Postgres compiled to
 * WebAssembly and run in our thread; handed a message type it does not know,
 * it loops forever inside one synchronous call (the whole process at 100 %
 * CPU, deaf to every other client and to SIGTERM). So nothing reaches it
 * that has not been framed and typed here.
 */

/** Postgres's own ceiling on a startup packet (MAX_STARTUP_PACKET_LENGTH). */
export const MAX_STARTUP_BYTES = 10_000;
/** The largest message accepted after startup; a client claiming more is cut off at once, before any byte is buffered. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** The largest password message (Postgres's PG_MAX_AUTH_TOKEN_LENGTH): before a password, nobody makes the server buffer more. */
export const MAX_AUTH_MESSAGE_BYTES = 65_535;

export const SSL_REQUEST_CODE = 80877103;
export const GSSENC_REQUEST_CODE = 80877104;
export const CANCEL_REQUEST_CODE = 80877102;
export const PROTOCOL_MAJOR = 3;

/** A malformed frame: the connection gets a FATAL 08P01 and is closed. */
export class ProtocolViolation extends Error {
  override readonly name = 'ProtocolViolation';
  readonly sqlState: string;
  constructor(message: string, sqlState = '08P01') {
    super(message);
    this.sqlState = sqlState;
  }
}

export type StartupPacket =
  | { readonly kind: 'ssl-request' }
  | { readonly kind: 'gssenc-request' }
  | { readonly kind: 'cancel-request' }
  | { readonly kind: 'startup'; readonly minorVersion: number; readonly params: ReadonlyMap<string, string> };

export interface FrontendMessage {
  /** The type byte, e.g. 0x51 ('Q'). */
  readonly type: number;
  /** The whole message: type byte, length and body, as it goes to Postgres. */
  readonly bytes: Buffer;
}

const code = (c: string): number => c.charCodeAt(0);

/**
 * Frontend messages of protocol 3.0 that go to Postgres once a session is up
 * (Query, Parse, Bind, Execute, Describe, Close, Flush, Sync, FunctionCall,
 * CopyData, CopyDone, CopyFail). Terminate ('X') is the server's own business;
 * password messages ('p') are read only while authenticating.
 */
export const SESSION_MESSAGE_TYPES: ReadonlySet<number> = new Set([...'QPBEDCHSFdcf'].map(code));
export const AUTH_MESSAGE_TYPES: ReadonlySet<number> = new Set([code('p'), code('X')]);
export const TERMINATE = code('X');
export const QUERY = code('Q');

/**
 * Buffers a connection's bytes (chunks kept apart until a whole message is
 * there, so a large message costs one copy) and yields whole messages.
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private length = 0;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  get bufferedBytes(): number {
    return this.length;
  }

  /** The next startup-phase packet, or null until it is complete. */
  nextStartup(): StartupPacket | null {
    if (this.length < 4) return null;
    const len = this.peek(4).readInt32BE(0);
    if (len < 8 || len > MAX_STARTUP_BYTES) throw new ProtocolViolation(`invalid length of startup packet (${len})`);
    if (this.length < len) return null;
    const packet = this.take(len);
    const version = packet.readInt32BE(4);
    if (version === SSL_REQUEST_CODE || version === GSSENC_REQUEST_CODE) {
      if (len !== 8) throw new ProtocolViolation('invalid length of SSL/GSS request');
      return { kind: version === SSL_REQUEST_CODE ? 'ssl-request' : 'gssenc-request' };
    }
    if (version === CANCEL_REQUEST_CODE) {
      if (len !== 16) throw new ProtocolViolation('invalid length of cancel request');
      return { kind: 'cancel-request' };
    }
    const major = version >>> 16;
    const minor = version & 0xffff;
    if (major !== PROTOCOL_MAJOR) throw new ProtocolViolation(`unsupported frontend protocol ${major}.${minor}: server supports 3.0`, '0A000');
    return { kind: 'startup', minorVersion: minor, params: readStartupParams(packet.subarray(8)) };
  }

  /** The next typed message, or null until it is complete; a type outside `allowed` is a violation. */
  nextMessage(allowed: ReadonlySet<number>, maxBytes = MAX_MESSAGE_BYTES): FrontendMessage | null {
    if (this.length < 1) return null;
    const head = this.peek(Math.min(5, this.length));
    const type = head[0]!;
    if (!allowed.has(type)) throw new ProtocolViolation(`invalid frontend message type ${type}`);
    if (head.length < 5) return null;
    const len = head.readInt32BE(1);
    if (len < 4 || len > maxBytes) throw new ProtocolViolation(`invalid message length ${len} for message type ${type}`);
    if (this.length < len + 1) return null;
    const bytes = this.take(len + 1);
    if (type === QUERY && (len < 5 || bytes.indexOf(0, 5) !== bytes.length - 1)) throw new ProtocolViolation('invalid Query message: its text is not one NUL-terminated string');
    return { type, bytes };
  }

  /** The first n buffered bytes (n ≤ length), joining only the chunks needed. */
  private peek(n: number): Buffer {
    if (this.chunks[0]!.length >= n) return this.chunks[0]!;
    const parts: Buffer[] = [];
    let have = 0;
    for (const c of this.chunks) {
      parts.push(c);
      have += c.length;
      if (have >= n) break;
    }
    return Buffer.concat(parts, have);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.length);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return out;
  }
}

/** name\0value\0 pairs ending with an empty name; a `user` is required (as Postgres requires it). */
function readStartupParams(body: Buffer): Map<string, string> {
  const params = new Map<string, string>();
  let at = 0;
  for (;;) {
    const end = body.indexOf(0, at);
    if (end < 0) throw new ProtocolViolation('invalid startup packet layout: expected terminator as last byte');
    const name = body.toString('utf8', at, end);
    at = end + 1;
    if (name === '') break;
    const vend = body.indexOf(0, at);
    if (vend < 0) throw new ProtocolViolation('invalid startup packet layout: a parameter without a value');
    params.set(name, body.toString('utf8', at, vend));
    at = vend + 1;
  }
  if (at !== body.length) throw new ProtocolViolation('invalid startup packet layout: expected terminator as last byte');
  if (!params.get('user')) throw new ProtocolViolation('no PostgreSQL user name specified in startup packet', '28000');
  return params;
}

/** The startup packet Postgres gets: protocol 3.0 and the client's parameters (minus `_pq_.` protocol options, declined). */
export function startupPacket(params: ReadonlyMap<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [k, v] of params) if (!k.startsWith('_pq_.')) parts.push(Buffer.from(`${k}\0${v}\0`, 'utf8'));
  parts.push(Buffer.from([0]));
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + body.length, 0);
  head.writeInt32BE(PROTOCOL_MAJOR << 16, 4);
  return Buffer.concat([head, body]);
}
