import { addressAdded, addressRemoved, dhcpLease, linkDown, linkUp, splitCidr } from './net.js';
import type { Recognizer } from './recognizer.js';

const VIA = 'dhcpcd';

// dhcpcd (src/dhcp.c, ipv4.c, ipv6.c, if.c): `eth0: leased 192.168.0.254 for 86400 seconds`, `eth0: probing address 192.168.0.254/24`,
// `eth0: offered A from S`, `eth0: acknowledged A from S`, `eth0: adding address 2001:db8::5/64` (IPv6; IPv4 additions are debug-level),
// `eth0: deleting address A/P`, `eth0: carrier acquired`, `eth0: carrier lost`, `eth0: using static address A/P`, `eth0: using IPv4LL address A`.
const IFACE_MESSAGE = /^([^\s:]+): (.+)$/s;
const LEASED = /^leased (\S+) for (\d+|infinity) seconds$/;
const FROM = /^(?:offered|acknowledged) (\S+) from (\S+)$/;
const PROBING = /^probing address (\S+)$/;
const ADDING = /^adding (?:temporary )?address (\S+)$/;
const DELETING = /^deleting (?:temporary )?address (\S+)$/;
const USING = /^using (?:static|IPv4LL) address (\S+)$/;

/** dhcpcd (Raspberry Pi OS, Arch, Gentoo, Alpine): leases, addresses and carrier. */
export const dhcpcd: Recognizer = {
  id: 'dhcpcd',
  needles: ['leased ', ' from ', 'probing address ', 'adding ', 'deleting ', 'carrier ', ' address '],
  identifiers: ['dhcpcd'],
  recognize(entry, ctx) {
    if (entry.identifier !== 'dhcpcd') return;
    const m = IFACE_MESSAGE.exec(entry.message);
    if (!m) return;
    const iface = m[1]!;
    const text = m[2]!;
    const offers = ctx.state('dhcpcd.offers', () => new Map<string, { server: string | null; prefixLength: number | null }>());
    const offer = offers.get(iface) ?? { server: null, prefixLength: null };
    offers.set(iface, offer);

    if (text === 'carrier acquired') return linkUp(ctx, entry, iface, VIA, true);
    if (text === 'carrier lost') return linkDown(ctx, entry, iface, VIA, true);
    const from = FROM.exec(text);
    if (from) {
      if (splitCidr(from[2]!)) offer.server = from[2]!;
      return;
    }
    const probing = PROBING.exec(text);
    if (probing) {
      offer.prefixLength = splitCidr(probing[1]!)?.prefixLength ?? null;
      return;
    }
    const leased = LEASED.exec(text);
    if (leased) {
      const parsed = splitCidr(leased[1]!);
      if (!parsed) return;
      const facts = { interface: iface, address: parsed.address, prefixLength: offer.prefixLength, via: VIA };
      // dhcpcd adds the IPv4 address right after it logs the lease (the addition itself is logged at debug level).
      addressAdded(ctx, entry, facts);
      dhcpLease(ctx, entry, { ...facts, leaseSeconds: leased[2] === 'infinity' ? null : Number(leased[2]), server: offer.server });
      return;
    }
    const adding = ADDING.exec(text) ?? USING.exec(text);
    if (adding) {
      const parsed = splitCidr(adding[1]!);
      if (parsed) addressAdded(ctx, entry, { interface: iface, ...parsed, via: VIA });
      return;
    }
    const deleting = DELETING.exec(text);
    if (deleting) {
      const parsed = splitCidr(deleting[1]!);
      if (parsed) addressRemoved(ctx, entry, { interface: iface, ...parsed, via: VIA });
    }
  },
};
