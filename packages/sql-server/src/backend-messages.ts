/**
 * The few backend messages the server writes itself (errors, authentication,
 * protocol negotiation), and a reader that follows what PGlite writes back
 * far enough to know the session's state: the transaction status of the
 * last ReadyForQuery, and whether a COPY FROM STDIN is waiting for data.
 */

function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n, 0);
  return b;
}

const cstring = (s: string): Buffer => Buffer.from(`${s}\0`, 'utf8');

/** ErrorResponse: severity (ERROR or FATAL), SQLSTATE and message. */
export function errorResponse(severity: 'ERROR' | 'FATAL', sqlState: string, text: string): Buffer {
  return message('E', Buffer.concat([cstring(`S${severity}`), cstring(`V${severity}`), cstring(`C${sqlState}`), cstring(`M${text}`), Buffer.from([0])]));
}

/** AuthenticationSASL offering SCRAM-SHA-256 only (no channel binding: there is no TLS to bind to). */
export function authenticationSasl(): Buffer {
  return message('R', Buffer.concat([int32(10), cstring('SCRAM-SHA-256'), Buffer.from([0])]));
}

export function authenticationSaslContinue(data: string): Buffer {
  return message('R', Buffer.concat([int32(11), Buffer.from(data, 'utf8')]));
}

export function authenticationSaslFinal(data: string): Buffer {
  return message('R', Buffer.concat([int32(12), Buffer.from(data, 'utf8')]));
}

/** NegotiateProtocolVersion: the newest minor version we speak (0) and the `_pq_.` options declined. */
export function negotiateProtocolVersion(declined: readonly string[]): Buffer {
  return message('v', Buffer.concat([int32(0), int32(declined.length), ...declined.map(cstring)]));
}

/** Frontend messages the server sends to PGlite itself, to clean a session up after its client is gone. */
export const SYNC = message('S', Buffer.alloc(0));
export const ROLLBACK = message('Q', cstring('ROLLBACK'));
export const copyFail = (why: string): Buffer => message('f', cstring(why));

export type TransactionStatus = 'I' | 'T' | 'E';

/**
 * Follows a backend byte stream across chunk boundaries, message by message,
 * without keeping the messages: only the type and length of each, and the
 * status byte of ReadyForQuery.
 */
export class BackendTracker {
  /** Status of the last ReadyForQuery seen (null: none yet). */
  status: TransactionStatus | null = null;
  /** ReadyForQuery messages seen so far. */
  readyCount = 0;
  /** A CopyInResponse was seen and the COPY has not ended (CommandComplete or an error). */
  copyIn = false;
  private head = Buffer.alloc(6);
  private headHave = 0;
  private remaining = 0;
  private type = 0;

  feed(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - at);
        this.remaining -= n;
        at += n;
        continue;
      }
      // Collect the type byte and length (and, for ReadyForQuery, its status byte).
      const want = this.headHave >= 5 && this.head[0] === 0x5a ? 6 : 5;
      const n = Math.min(want - this.headHave, chunk.length - at);
      this.head.set(chunk.subarray(at, at + n), this.headHave);
      this.headHave += n;
      at += n;
      if (this.headHave < 5) continue;
      this.type = this.head[0]!;
      const bodyLen = this.head.readInt32BE(1) - 4;
      if (this.type === 0x5a) {
        if (this.headHave < 6) continue;
        this.status = String.fromCharCode(this.head[5]!) as TransactionStatus;
        this.readyCount++;
        this.copyIn = false;
        this.remaining = Math.max(0, bodyLen - 1);
      } else {
        if (this.type === 0x47) this.copyIn = true; // CopyInResponse
        if (this.type === 0x43 || this.type === 0x45) this.copyIn = false; // CommandComplete, ErrorResponse
        this.remaining = Math.max(0, bodyLen);
      }
      this.headHave = 0;
    }
  }
}
