import { addressAdded, dhcpLease, splitCidr } from './net.js';
import type { Recognizer } from './recognizer.js';

const VIA = 'ifupdown';

// Debian's ifupdown logs little of its own; what it runs logs under `ifup[…]` (or `networking`, or
// `sh` in iface@.service). Its dhclient lines are read by the dhclient recognizer. With BusyBox
// udhcpc: `udhcpc: lease of 10.0.4.29 obtained, lease time 3600` (turnkeylinux/tracker#1492) —
// no interface in the line, so it comes from the unit (`ifup@eth0.service`, json/export/with-unit).
const UDHCPC_LEASE = /^udhcpc: lease of (\S+) obtained(?:, lease time (\d+))?/;
const IFUP_UNIT = /^ifup@(.+)\.service$/;

/** ifupdown running BusyBox udhcpc. */
export const ifupdown: Recognizer = {
  id: 'ifupdown',
  needles: ['udhcpc: lease of '],
  identifiers: ['ifup', 'udhcpc', 'networking'],
  recognize(entry, ctx) {
    if (entry.identifier !== 'ifup' && entry.identifier !== 'udhcpc' && entry.identifier !== 'networking') return;
    const m = UDHCPC_LEASE.exec(entry.message);
    if (!m) return;
    const iface = entry.unit === null ? null : IFUP_UNIT.exec(entry.unit)?.[1]?.replace(/\\x2d/g, '-') ?? null;
    const parsed = splitCidr(m[1]!);
    if (!parsed || iface === null) return;
    const facts = { interface: iface, address: parsed.address, prefixLength: null, via: VIA };
    addressAdded(ctx, entry, facts);
    dhcpLease(ctx, entry, { ...facts, leaseSeconds: m[2] === undefined ? null : Number(m[2]) });
  },
};
