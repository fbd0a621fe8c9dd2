import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677), as Postgres speaks
 * it: the password never crosses the wire, and psql, libpq, node-postgres
 * and JDBC all speak it. No channel binding (the server has no TLS).
 */

export interface ScramVerifier {
  readonly salt: Buffer;
  readonly iterations: number;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

const hmac = (key: Buffer, text: string): Buffer => createHmac('sha256', key).update(text).digest();

/** Computed once at start, so a connection costs no PBKDF2. */
export function scramVerifier(password: string, iterations = 4096): ScramVerifier {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const clientKey = hmac(salted, 'Client Key');
  return { salt, iterations, storedKey: createHash('sha256').update(clientKey).digest(), serverKey: hmac(salted, 'Server Key') };
}

export class ScramFailure extends Error {
  override readonly name = 'ScramFailure';
}

/** One authentication exchange: the client's first message, then its final one. */
export class ScramExchange {
  private clientFirstBare = '';
  private serverFirst = '';
  private nonce = '';
  private gs2Header = '';

  constructor(private readonly verifier: ScramVerifier) {}

  /** SASLInitialResponse → server-first-message. */
  first(mechanism: string, clientFirst: string): string {
    if (mechanism !== 'SCRAM-SHA-256') throw new ScramFailure(`unsupported SASL mechanism ${mechanism}`);
    // gs2-header: "n,," (no channel binding) or "y,," (client could bind, thinks we cannot); "p=" asks for binding we lack.
    const m = /^([ny]),(a=[^,]*)?,(.*)$/s.exec(clientFirst);
    if (!m) throw new ScramFailure('malformed SCRAM client-first-message');
    this.gs2Header = `${m[1]},${m[2] ?? ''},`;
    this.clientFirstBare = m[3]!;
    const clientNonce = /(?:^|,)r=([^,]+)/.exec(this.clientFirstBare)?.[1];
    if (!clientNonce) throw new ScramFailure('SCRAM client-first-message without a nonce');
    this.nonce = clientNonce + randomBytes(18).toString('base64');
    this.serverFirst = `r=${this.nonce},s=${this.verifier.salt.toString('base64')},i=${this.verifier.iterations}`;
    return this.serverFirst;
  }

  /** SASLResponse → server-final-message; throws ScramFailure on a wrong password. */
  final(clientFinal: string): string {
    const proofAt = clientFinal.lastIndexOf(',p=');
    if (proofAt < 0) throw new ScramFailure('SCRAM client-final-message without a proof');
    const withoutProof = clientFinal.slice(0, proofAt);
    const attrs = new Map(withoutProof.split(',').map((kv) => [kv.slice(0, 1), kv.slice(2)] as const));
    if (attrs.get('c') !== Buffer.from(this.gs2Header, 'utf8').toString('base64')) throw new ScramFailure('SCRAM channel binding does not match');
    if (attrs.get('r') !== this.nonce) throw new ScramFailure('SCRAM nonce does not match');
    const proof = Buffer.from(clientFinal.slice(proofAt + 3), 'base64');
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const signature = hmac(this.verifier.storedKey, authMessage);
    if (proof.length !== signature.length) throw new ScramFailure('wrong password');
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i]! ^ signature[i]!;
    if (!timingSafeEqual(createHash('sha256').update(clientKey).digest(), this.verifier.storedKey)) throw new ScramFailure('wrong password');
    return `v=${hmac(this.verifier.serverKey, authMessage).toString('base64')}`;
  }
}
