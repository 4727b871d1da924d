import { isIP } from 'node:net';
import type { AddressFamily } from '../model/event.js';

export function familyOf(address: string): AddressFamily | null {
  const v = isIP(address);
  return v === 4 ? 'ipv4' : v === 6 ? 'ipv6' : null;
}

/** Loopback, link-local and unspecified addresses: never what a node is reached at from outside. */
export function isLocalOnly(address: string): boolean {
  const a = address.toLowerCase();
  return a.startsWith('127.') || a === '::1' || a.startsWith('169.254.') || /^fe[89ab][0-9a-f]:/.test(a) || a === '0.0.0.0' || a === '::';
}
