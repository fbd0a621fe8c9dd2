import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A reviewer's write token: its label is the name corrections are recorded under. */
export interface ReviewToken {
  readonly label: string;
  readonly secret: string;
}

/** Why a request may not do what it asks: 401 without a credential, 403 with one that does not allow it. */
export interface Refusal {
  readonly status: 401 | 403;
  readonly message: string;
}

export const SESSION_COOKIE = 'bi_review_session';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

/** A fresh write token, for a server started without REVIEW_TOKEN. */
export function generateToken(label: string): ReviewToken {
  return { label, secret: randomBytes(24).toString('base64url') };
}

/** `REVIEW_TOKEN` as config gives it: `label:secret[,label:secret…]`. */
export function parseTokens(text: string): ReviewToken[] {
  return text.split(',').map((part) => {
    const at = part.indexOf(':');
    return { label: part.slice(0, at).trim(), secret: part.slice(at + 1).trim() };
  });
}

const digest = (s: string) => createHash('sha256').update(s).digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/**
 * Who may read and write. Reading is open on loopback, or anywhere with --read-only-public; else it
 * needs a session too. Writing always needs a reviewer: a bearer token (scripts), or the session a
 * login with the token set up (the browser), and then the session's CSRF token in the request, so
 * another site cannot make a reviewer's browser write; a write whose Origin is another site is
 * refused before anything else.
 */
export class Trust {
  /** Session id → reviewer label. Sessions end with the process; the token logs in again. */
  readonly #sessions = new Map<string, string>();
  readonly #key = randomBytes(32);

  constructor(
    readonly tokens: readonly ReviewToken[],
    readonly readOpen: boolean,
  ) {}

  /** The reviewer a token belongs to, or null. */
  reviewerOfToken(secret: string): string | null {
    return this.tokens.find((t) => sameSecret(t.secret, secret))?.label ?? null;
  }

  /** Starts a session for a valid token; null for a wrong one. */
  login(secret: string): string | null {
    const label = this.reviewerOfToken(secret);
    if (label === null) return null;
    const session = randomBytes(24).toString('base64url');
    this.#sessions.set(session, label);
    return session;
  }

  logout(session: string | undefined): void {
    if (session) this.#sessions.delete(session);
  }

  reviewerOfSession(session: string | undefined): string | null {
    return session ? (this.#sessions.get(session) ?? null) : null;
  }

  /** The CSRF token of a session: bound to it, so it is worthless with another session or none. */
  csrfToken(session: string): string {
    return createHmac('sha256', this.#key).update(session).digest('base64url');
  }

  /** Whether a request may read (pages and GET /api/…). */
  mayRead(req: CredentialedRequest): boolean {
    return this.readOpen || this.reviewerOfRequest(req) !== null;
  }

  /** The reviewer a write is made by, or why it is refused. */
  authorizeWrite(req: CredentialedRequest & { readonly origin: string | undefined; readonly host: string | undefined; readonly csrf: string | undefined }): { reviewer: string } | Refusal {
    if (req.origin !== undefined && req.origin !== 'null' && !sameOrigin(req.origin, req.host)) {
      return { status: 403, message: `a write from another origin (${req.origin}) is refused` };
    }
    if (req.bearer !== undefined) {
      const reviewer = this.reviewerOfToken(req.bearer);
      return reviewer === null ? { status: 401, message: 'the bearer token is not a review token' } : { reviewer };
    }
    const reviewer = this.reviewerOfSession(req.session);
    if (reviewer === null) return { status: 401, message: 'writing needs a review token: log in at /login, or send Authorization: Bearer <token>' };
    if (req.csrf === undefined || !sameSecret(req.csrf, this.csrfToken(req.session!))) {
      return { status: 403, message: `the request lacks this session's CSRF token (${CSRF_HEADER} header or ${CSRF_FIELD} field)` };
    }
    return { reviewer };
  }

  reviewerOfRequest(req: CredentialedRequest): string | null {
    return req.bearer !== undefined ? this.reviewerOfToken(req.bearer) : this.reviewerOfSession(req.session);
  }
}

export interface CredentialedRequest {
  readonly bearer: string | undefined;
  readonly session: string | undefined;
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Whether a host name is this machine's loopback (the default bind, where reading needs no login). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
