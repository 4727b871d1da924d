import type { JournalEntry } from '../model/entry.js';
import type { AddressFamily } from '../model/event.js';
import { familyOf } from './ip.js';
import { eventBase, type RecognizeContext } from './recognizer.js';

/**
 * Helpers the network-stack recognizers share: splitting `A/P`, turning a netmask into a prefix
 * length, and emitting address events once per appearance (a DHCP client re-logs its address on
 * every renewal; a stack may say it twice in one exchange).
 */

// Addresses an author hid before pasting (issue 14): `x.x.x.17`, `10.0.x.x`, `xx.xxx.xx.132`, `10.yyy.yyy.yyy`,
// `192.168.x.xxx`, `##.##.###.###`, `a.b.c.d`; placeholders `<IP>`, `<external IPv4>`, `[REDACTED]`, `xxxxx`;
// IPv6 with hidden groups (`2001:db8:xxxx::1`). An IPv4 shape is four groups, each digits or one
// redaction character repeated, at least one of them hidden.
const V4_GROUP = /^(?:\d{1,3}|x{1,3}|X{1,3}|y{1,3}|Y{1,3}|z{1,3}|Z{1,3}|\*{1,3}|#{1,3}|\?{1,3}|n{1,3}|N{1,3})$/;
const LETTERS_V4 = /^(?:a\.b\.c\.d|A\.B\.C\.D|w\.x\.y\.z|W\.X\.Y\.Z)$/;
const V6_GROUP = /^(?:[0-9a-fA-F]{0,4}|[xX]{1,4})$/;
const PLACEHOLDER = /^(?:<[\w .:/-]{1,40}>|\[(?:[A-Za-z][\w .-]{0,38})\]|x{3,}|X{3,}|\*{3,}|#{3,}|#[\w-]{1,30}#|REDACTED|redacted|(?:old|new|my|your|the|public|private|external|internal|node|host|master|server|vip|lb)[-_]?ip(?:v[46])?)$/i;

/**
 * True when `text` stands where an address would be but the author hid it (`x.x.x.17`, `<IP>`,
 * `[REDACTED]`). The one test every recognizer uses: such an address is kept as written, marked
 * `redacted` on its event, and never taken for (or matched against) a real address.
 */
export function isRedactedAddress(text: string): boolean {
  if (text.length === 0 || text.length > 48) return false;
  if (PLACEHOLDER.test(text) || LETTERS_V4.test(text)) return true;
  const dots = text.split('.');
  if (dots.length === 4 && dots.every((g) => V4_GROUP.test(g))) return dots.some((g) => !/^\d/.test(g));
  if (text.includes(':') && /[xX]/.test(text) && !familyOf(text)) {
    const groups = text.split(':');
    return groups.length >= 3 && groups.length <= 8 && groups.every((g) => V6_GROUP.test(g)) && groups.some((g) => /^[xX]+$/.test(g));
  }
  return false;
}

/** True when any of these addresses or names is a redacted address. */
export function anyRedacted(items: Iterable<string>): boolean {
  for (const item of items) if (isRedactedAddress(item)) return true;
  return false;
}

/** The family of an address, real or redacted (a redacted one's family is its shape's: `:` or `v6` is IPv6). */
export function addressFamily(text: string): { family: AddressFamily; redacted: boolean } | null {
  const family = familyOf(text);
  if (family) return { family, redacted: false };
  if (!isRedactedAddress(text)) return null;
  return { family: text.includes(':') || /v6/i.test(text) ? 'ipv6' : 'ipv4', redacted: true };
}

/**
 * `192.168.2.10/24` → address and prefix; `[2001:db8::1]` brackets are dropped. A redacted address
 * (`x.x.x.250/24`) is kept as written with `redacted`. Null for anything that is not an address.
 */
export function splitCidr(text: string): { address: string; prefixLength: number | null; redacted?: true } | null {
  const slash = text.indexOf('/');
  let address = slash === -1 ? text : text.slice(0, slash);
  if (address.startsWith('[') && address.endsWith(']') && address.includes(':')) address = address.slice(1, -1);
  const prefix = slash === -1 ? null : text.slice(slash + 1);
  const family = addressFamily(address) ?? (slash === -1 ? null : addressFamily(text));
  if (!family) return null;
  if (family.redacted && slash !== -1 && addressFamily(address) === null) return { address: text, prefixLength: null, redacted: true };
  if (prefix !== null && !/^\d{1,3}$/.test(prefix)) return null;
  return { address, prefixLength: prefix === null ? null : Number(prefix), ...(family.redacted ? { redacted: true as const } : {}) };
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
  const family = addressFamily(facts.address);
  if (!family) return false;
  const seen = present(ctx, facts.via);
  const key = `${facts.interface}\0${facts.address}`;
  if (seen.has(key)) return false;
  seen.set(key, true);
  ctx.emit({ kind: 'address-added', ...eventBase(entry), ...facts, family: family.family, ...(family.redacted ? { redacted: true as const } : {}) });
  return true;
}

/** Emits `address-removed` (always: a removal is news even when the addition was not logged). */
export function addressRemoved(ctx: RecognizeContext, entry: JournalEntry, facts: AddressFacts): void {
  const family = addressFamily(facts.address);
  if (!family) return;
  present(ctx, facts.via).delete(`${facts.interface}\0${facts.address}`);
  ctx.emit({ kind: 'address-removed', ...eventBase(entry), ...facts, family: family.family, ...(family.redacted ? { redacted: true as const } : {}) });
}

export interface LeaseFacts extends AddressFacts {
  leaseSeconds?: number | null;
  renewSeconds?: number | null;
  server?: string | null;
  gateway?: string | null;
}

export function dhcpLease(ctx: RecognizeContext, entry: JournalEntry, facts: LeaseFacts) {
  const found = addressFamily(facts.address);
  if (!found) return null;
  const event = {
    kind: 'dhcp-lease' as const,
    ...eventBase(entry),
    interface: facts.interface,
    address: facts.address,
    prefixLength: facts.prefixLength,
    family: found.family,
    ...(found.redacted ? { redacted: true as const } : {}),
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
