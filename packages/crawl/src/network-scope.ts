import ipaddr from 'ipaddr.js';

/**
 * Which addresses and hosts a crawl may contact. A portal's config names its
 * hosts; everything else is out of scope, including where redirects point.
 */
export function isHostInScope(host: string, scopeHosts: readonly string[]): boolean {
  const h = host.toLowerCase();
  return scopeHosts.includes(h);
}

/**
 * Anything but a public unicast address: loopback, RFC 1918, CGNAT, link-local,
 * unique-local, multicast, unspecified, reserved and documentation ranges, in
 * every spelling an address can take (`::ffff:7f00:1`, `::ffff:127.0.0.1`,
 * `[::1]`). ipaddr.js reads the forms; an IPv4-mapped IPv6 address is judged
 * as the IPv4 address it maps to. Not an IP address at all: false (a name is
 * judged by what it resolves to, at connect time).
 */
export function isPrivateAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(a)) return false;
  let ip = ipaddr.parse(a);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() !== 'unicast';
}
