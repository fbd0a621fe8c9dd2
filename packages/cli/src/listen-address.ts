import { isIP } from 'node:net';

/**
 * Where a server (`sql`, `dashboard`) listens: on loopback, only programs on
 * this machine reach it; anything else (0.0.0.0, ::, a LAN address, a host
 * name) opens it to whoever can reach the machine, so it needs a password
 * and a warning.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h) || /^(0+:){7}0*1$/.test(h);
  return false;
}

/** Every address of the machine (0.0.0.0, ::, or none given). */
export function isWildcardHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1');
  return h === '' || h === '0.0.0.0' || h === '::' || /^(0+:){7}0+$/.test(h);
}

/** An address this machine's own commands reach a server at that listens on `host`. */
export function localAddressFor(host: string): string {
  const h = host.replace(/^\[(.*)\]$/, '$1');
  if (!isWildcardHost(h)) return h;
  return h.includes(':') ? '::1' : '127.0.0.1';
}

export function beyondLoopbackWarning(command: string, host: string): string {
  return `budget-ingest: warning: \`${command}\` listens on ${host}, beyond this machine's loopback: anyone who can reach this machine can connect, so it asks for a password/token, and the traffic is not encrypted (use an SSH tunnel or a VPN across networks you do not trust)`;
}
