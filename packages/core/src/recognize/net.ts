import type { JournalEntry } from '../model/entry.js';
import { familyOf } from './ip.js';
import { eventBase, type RecognizeContext } from './recognizer.js';

/**
 * Helpers the network-stack recognizers share: splitting `A/P`, turning a netmask into a prefix
 * length, and emitting address events once per appearance (a DHCP client re-logs its address on
 * every renewal; a stack may say it twice in one exchange).
 */

/** `192.168.2.10/24` → address and prefix; `[2001:db8::1]` brackets are dropped. Null for anything that is not an address. */
export function splitCidr(text: string): { address: string; prefixLength: number | null } | null {
  const slash = text.indexOf('/');
  let address = slash === -1 ? text : text.slice(0, slash);
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  const prefix = slash === -1 ? null : text.slice(slash + 1);
  if (!familyOf(address)) return null;
  if (prefix !== null && !/^\d{1,3}$/.test(prefix)) return null;
  return { address, prefixLength: prefix === null ? null : Number(prefix) };
}

/** `255.255.255.0` → 24; null for a mask that is not contiguous or not a mask at all. */
export function prefixOfMask(mask: string): number | null {
  const parts = mask.split('.');
  if (parts.length !== 4) return null;
  let bits = 0;
  let seenZero = false;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    for (let b = 7; b >= 0; b--) {
      const one = (n >> b) & 1;
      if (one && seenZero) return null;
      if (one) bits++;
      else seenZero = true;
    }
  }
  return bits;
}

export interface AddressFacts {
  interface: string;
  address: string;
  prefixLength: number | null;
  via: string;
}

/** The addresses one stack has reported present in this boot, by `interface\0address`. */
function present(ctx: RecognizeContext, via: string): Map<string, true> {
  return ctx.state(`net.present.${via}`, () => new Map<string, true>());
}

/**
 * Emits `address-added` unless this stack already reported the address on this interface and has not
 * reported it gone since. Returns whether it emitted.
 */
export function addressAdded(ctx: RecognizeContext, entry: JournalEntry, facts: AddressFacts): boolean {
  const family = familyOf(facts.address);
  if (!family) return false;
  const seen = present(ctx, facts.via);
  const key = `${facts.interface}\0${facts.address}`;
  if (seen.has(key)) return false;
  seen.set(key, true);
  ctx.emit({ kind: 'address-added', ...eventBase(entry), ...facts, family });
  return true;
}

/** Emits `address-removed` (always: a removal is news even when the addition was not logged). */
export function addressRemoved(ctx: RecognizeContext, entry: JournalEntry, facts: AddressFacts): void {
  const family = familyOf(facts.address);
  if (!family) return;
  present(ctx, facts.via).delete(`${facts.interface}\0${facts.address}`);
  ctx.emit({ kind: 'address-removed', ...eventBase(entry), ...facts, family });
}

export interface LeaseFacts extends AddressFacts {
  leaseSeconds?: number | null;
  renewSeconds?: number | null;
  server?: string | null;
  gateway?: string | null;
}

export function dhcpLease(ctx: RecognizeContext, entry: JournalEntry, facts: LeaseFacts) {
  const family = familyOf(facts.address);
  if (!family) return null;
  const event = {
    kind: 'dhcp-lease' as const,
    ...eventBase(entry),
    interface: facts.interface,
    address: facts.address,
    prefixLength: facts.prefixLength,
    family,
    via: facts.via,
    leaseSeconds: facts.leaseSeconds ?? null,
    renewSeconds: facts.renewSeconds ?? null,
    server: facts.server ?? null,
    gateway: facts.gateway ?? null,
  };
  ctx.emit(event);
  return event;
}

export function linkUp(ctx: RecognizeContext, entry: JournalEntry, iface: string, via: string, carrier?: boolean): void {
  ctx.emit({ kind: 'link-up', ...eventBase(entry), interface: iface, via, ...(carrier === undefined ? {} : { carrier }) });
}

export function linkDown(ctx: RecognizeContext, entry: JournalEntry, iface: string, via: string, carrier?: boolean): void {
  ctx.emit({ kind: 'link-down', ...eventBase(entry), interface: iface, via, ...(carrier === undefined ? {} : { carrier }) });
}

export function interfaceRenamed(ctx: RecognizeContext, entry: JournalEntry, from: string, to: string, via: string): void {
  if (from === to) return;
  ctx.emit({ kind: 'interface-renamed', ...eventBase(entry), interface: to, formerName: from, via });
}
