import { isIP } from 'node:net';

/**
 * Which addresses and hosts a crawl may contact. A portal's config names its
 * hosts; everything else is out of scope, including where redirects point.
 */
export function isHostInScope(host: string, scopeHosts: readonly string[]): boolean {
  const h = host.toLowerCase();
  return scopeHosts.includes(h);
}

/** Loopback, private (RFC 1918, ULA), link-local, CGNAT, unspecified and similar addresses. */
export function isPrivateAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '').toLowerCase();
  const family = isIP(a);
  if (family === 4) {
    const [p0 = 0, p1 = 0] = a.split('.').map(Number);
    return (
      p0 === 0 || p0 === 10 || p0 === 127 || (p0 === 100 && p1 >= 64 && p1 <= 127) || (p0 === 169 && p1 === 254) || (p0 === 172 && p1 >= 16 && p1 <= 31) || (p0 === 192 && p1 === 168) || (p0 === 198 && (p1 === 18 || p1 === 19)) || p0 >= 224
    );
  }
  if (family === 6) {
    if (a === '::' || a === '::1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a)?.[1];
    if (mapped) return isPrivateAddress(mapped);
    return /^f[cd]/.test(a) || /^fe[89ab]/.test(a) || a.startsWith('ff');
  }
  return false;
}
