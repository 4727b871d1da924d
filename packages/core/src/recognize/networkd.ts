import { addressAdded, addressRemoved, dhcpLease, interfaceRenamed, linkDown, linkUp, splitCidr } from './net.js';
import type { Recognizer } from './recognizer.js';

const VIA = 'systemd-networkd';

// Every networkd link message is `<ifname>: <text>` (log_link_*), and carries `INTERFACE=` in json/export.
const LINK_MESSAGE = /^([^\s:]+): (.+)$/s;

// `DHCPv4 address 192.168.2.10/24, gateway 192.168.2.1 acquired from 192.168.2.1` (v250+),
// `DHCPv4 address 192.168.2.10/24 via 192.168.2.1` (older), `DHCPv4 address 192.168.2.10` (oldest).
// An address the author of a paste hid (`10.0.x.x`, `xx.xxx.xx.132`) is read too and kept as written (net.ts).
const DHCP4_ADDRESS = /^DHCPv4 address ([0-9.xX*#]+)(?:\/(\d{1,2}))?(?:, gateway ([0-9.xX*#]+))?(?: via ([0-9.xX*#]+))?(?: acquired from ([0-9.xX*#]+))?(.*)$/s;
// `DHCPv6 address 2001:db8::5/128 (valid for 1h 59min 59s, preferred for 1h 29min 59s)` (v248+),
// `DHCPv6 address 2001:db8::5 (valid …)` (v254+), `DHCPv6 address 2001:db8::5/128 timeout preferred 3600 valid 7200` (older).
const DHCP6_ADDRESS = /^DHCPv6 address ([0-9a-fA-FxX:.]+)(?:\/(\d{1,3}))?(?:[ (]|$)/;
// `Interface name change detected, renamed to ens160.` (v250+), `Interface name change detected, eth0 has been
// renamed to ens3.` (v247–v249: systemd/systemd#17803, #21853), `Renamed to eth0` (older; systemd#7143).
const RENAMED = /^(?:Interface name change detected, (?:[^\s,]+ has been )?renamed|Renamed) to ([^\s.]+(?:\.[^\s.]+)*)\.?$/;
// networkd configuring an address on the link (debug level, pasted from `SYSTEMD_LOG_LEVEL=debug`):
// `Requesting DHCPv4 address (configured): 192.168.10.161/24 (valid for 2d 23h 59min 59s, …)` (v250+:
// systemd/systemd#33306), `Requesting static address (configured): …`; `Updating address: 172.20.1.5/24 (valid forever)`
// and `Adding address: …` (before v250: systemd/systemd#15445). `Removing …` is not an appearance.
const CONFIGURING = /^(?:Requesting|Updating|Adding) (?:(static|DHCPv4|DHCPv6|IPv4LL|NDisc|DHCP-PD) )?address(?: \([a-z ]+\))?: ([0-9a-fA-F.:]+)\/(\d{1,3}) /;
const LEASE_LOST = /^(DHCPv4|DHCPv6|DHCP) lease lost$/;

type Family = 'ipv4' | 'ipv6';

/**
 * systemd-networkd: carrier, admin state, DHCPv4/DHCPv6 leases, lease loss and interface renames.
 * Static addresses are not logged at info level, and `Gained IPv6LL` does not name the address
 * (it is link-local, which no rule cares about), so neither becomes an address event; `Configured`
 * says the link finished configuring and is left to the wait-online facts.
 */
export const networkd: Recognizer = {
  id: 'systemd-networkd',
  needles: ['DHCPv4 address', 'DHCPv6 address', 'Gained carrier', 'Lost carrier', 'Link UP', 'Link DOWN', 'enamed to ', 'lease lost', 'ing address: ', ' address (', 'ing static address'],
  identifiers: ['systemd-networkd'],
  recognize(entry, ctx) {
    if (entry.identifier !== 'systemd-networkd') return;
    const m = LINK_MESSAGE.exec(entry.message);
    if (!m) return;
    const iface = entry.fields['INTERFACE'] ?? m[1]!;
    const text = m[2]!;
    // The lease this link holds, per family, so `DHCP lease lost` can name the address it lost.
    const leases = ctx.state('networkd.leases', () => new Map<string, { address: string; prefixLength: number | null }>());

    const v4 = DHCP4_ADDRESS.exec(text);
    if (v4) {
      // json/export carry the same facts as fields (ADDRESS=, PREFIXLEN=, GATEWAY=); prefer them.
      const address = entry.fields['ADDRESS'] ?? v4[1]!;
      const prefixText = entry.fields['PREFIXLEN'] ?? v4[2];
      const prefixLength = prefixText === undefined || !/^\d{1,2}$/.test(prefixText) ? null : Number(prefixText);
      const gateway = entry.fields['GATEWAY'] ?? v4[3] ?? v4[4] ?? null;
      if (!splitCidr(address)) return;
      if (/ lost\.?$/.test(v4[6] ?? '')) {
        leases.delete(`${iface}\0ipv4`);
        addressRemoved(ctx, entry, { interface: iface, address, prefixLength, via: VIA });
        return;
      }
      leases.set(`${iface}\0ipv4`, { address, prefixLength });
      addressAdded(ctx, entry, { interface: iface, address, prefixLength, via: VIA });
      dhcpLease(ctx, entry, { interface: iface, address, prefixLength, via: VIA, gateway, server: v4[5] ?? null });
      return;
    }
    const v6 = DHCP6_ADDRESS.exec(text);
    if (v6) {
      const parsed = splitCidr(v6[1]!);
      if (!parsed) return;
      const prefixLength = v6[2] === undefined ? null : Number(v6[2]);
      leases.set(`${iface}\0ipv6`, { address: parsed.address, prefixLength });
      addressAdded(ctx, entry, { interface: iface, address: parsed.address, prefixLength, via: VIA });
      dhcpLease(ctx, entry, { interface: iface, address: parsed.address, prefixLength, via: VIA });
      return;
    }
    const configuring = CONFIGURING.exec(text);
    if (configuring) {
      const parsed = splitCidr(configuring[2]!);
      if (!parsed) return;
      const prefixLength = Number(configuring[3]);
      addressAdded(ctx, entry, { interface: iface, address: parsed.address, prefixLength, via: VIA });
      // A DHCPv4 lease not logged at info level before it (the `DHCPv4 address …` line) is a lease too.
      const key = `${iface}\0ipv4`;
      if (configuring[1] === 'DHCPv4' && leases.get(key)?.address !== parsed.address) {
        leases.set(key, { address: parsed.address, prefixLength });
        dhcpLease(ctx, entry, { interface: iface, address: parsed.address, prefixLength, via: VIA });
      }
      return;
    }
    const lost = LEASE_LOST.exec(text);
    if (lost) {
      const families: Family[] = lost[1] === 'DHCPv6' ? ['ipv6'] : lost[1] === 'DHCPv4' ? ['ipv4'] : ['ipv4'];
      for (const family of families) {
        const lease = leases.get(`${iface}\0${family}`);
        if (!lease) continue;
        leases.delete(`${iface}\0${family}`);
        addressRemoved(ctx, entry, { interface: iface, ...lease, via: VIA });
      }
      return;
    }
    if (text === 'Gained carrier') return linkUp(ctx, entry, iface, VIA, true);
    if (text === 'Lost carrier') return linkDown(ctx, entry, iface, VIA, true);
    if (text === 'Link UP') return linkUp(ctx, entry, iface, VIA, false);
    if (text === 'Link DOWN') return linkDown(ctx, entry, iface, VIA, false);
    const renamed = RENAMED.exec(text);
    if (renamed) interfaceRenamed(ctx, entry, m[1]!, renamed[1]!, VIA);
  },
};
