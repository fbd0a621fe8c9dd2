import { describe, expect, it } from 'vitest';
import { isLoopback, parseTokens, Trust } from './trust.ts';

const tokens = parseTokens('Wang:secret-of-wang-123,Li:secret-of-li-4567');
const write = (t: Trust, over: Partial<Parameters<Trust['authorizeWrite']>[0]>) =>
  t.authorizeWrite({ bearer: undefined, session: undefined, origin: undefined, host: '127.0.0.1:3100', csrf: undefined, ...over });

describe('who may read and write the review app', () => {
  it('reads REVIEW_TOKEN as name:secret pairs, the name being the reviewer', () => {
    expect(tokens).toEqual([
      { label: 'Wang', secret: 'secret-of-wang-123' },
      { label: 'Li', secret: 'secret-of-li-4567' },
    ]);
  });

  it('lets a bearer token write as its reviewer, and refuses a wrong one or none with 401', () => {
    const t = new Trust(tokens, true);
    expect(write(t, { bearer: 'secret-of-li-4567' })).toEqual({ reviewer: 'Li' });
    expect(write(t, { bearer: 'nope' })).toMatchObject({ status: 401 });
    expect(write(t, {})).toMatchObject({ status: 401 });
  });

  it('lets a logged-in browser write only with its own session\'s CSRF token (403 otherwise)', () => {
    const t = new Trust(tokens, true);
    const session = t.login('secret-of-wang-123')!;
    const other = t.login('secret-of-li-4567')!;
    expect(t.login('wrong')).toBeNull();
    expect(write(t, { session, csrf: t.csrfToken(session) })).toEqual({ reviewer: 'Wang' });
    expect(write(t, { session })).toMatchObject({ status: 403 });
    expect(write(t, { session, csrf: t.csrfToken(other) })).toMatchObject({ status: 403 });
    t.logout(session);
    expect(write(t, { session, csrf: t.csrfToken(session) })).toMatchObject({ status: 401 });
  });

  it('refuses a write from another origin whatever its credentials', () => {
    const t = new Trust(tokens, true);
    expect(write(t, { bearer: 'secret-of-wang-123', origin: 'http://evil.example' })).toMatchObject({ status: 403 });
    expect(write(t, { bearer: 'secret-of-wang-123', origin: 'http://127.0.0.1:3100' })).toEqual({ reviewer: 'Wang' });
  });

  it('opens reading on loopback or with --read-only-public, and asks for a reviewer elsewhere', () => {
    expect(new Trust(tokens, true).mayRead({ bearer: undefined, session: undefined })).toBe(true);
    const closed = new Trust(tokens, false);
    expect(closed.mayRead({ bearer: undefined, session: undefined })).toBe(false);
    expect(closed.mayRead({ bearer: 'secret-of-wang-123', session: undefined })).toBe(true);
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '192.168.1.4', 'example.com'].some(isLoopback)).toBe(false);
  });
});
