import { addressAdded, dhcpLease, splitCidr } from './net.js';
import type { Recognizer } from './recognizer.js';

const VIA = 'wicked';

// openSUSE wicked's DHCP supplicants (openSUSE/wicked#271):
// `wickedd-dhcp4[2563]: enp1s0f0: Received offer for 10.121.8.133 from 10.121.0.100`,
// `wickedd-dhcp4[502]: eth0: Committed DHCPv4 lease with address 192.168.1.202 (lease time 86400 sec, renew in 43200 sec, rebind in 75600 sec)`
// (src/dhcp4/fsm.c); in dracut `wicked: ens3: Committed … (lease time 86398, renew in …)`.
const OFFER = /^([^\s:]+): Received offer for (\S+) from (\S+)$/;
const COMMITTED = /^([^\s:]+): Committed DHCPv([46]) lease with address ([0-9a-fA-F.:]+)(?:\/(\d{1,3}))?(?:[ ,(]+(?:lease time |for )(\d+))?/;

/** wicked (SUSE): committed DHCPv4/DHCPv6 leases. */
export const wicked: Recognizer = {
  id: 'wicked',
  needles: ['Committed DHCPv', 'Received offer for '],
  identifiers: ['wickedd-dhcp4', 'wickedd-dhcp6', 'wickedd'],
  recognize(entry, ctx) {
    if (entry.identifier !== 'wickedd-dhcp4' && entry.identifier !== 'wickedd-dhcp6' && entry.identifier !== 'wickedd') return;
    const servers = ctx.state('wicked.servers', () => new Map<string, string>());
    const offer = OFFER.exec(entry.message);
    if (offer) {
      if (splitCidr(offer[3]!)) servers.set(offer[1]!, offer[3]!);
      return;
    }
    const m = COMMITTED.exec(entry.message);
    if (!m) return;
    const parsed = splitCidr(m[3]!);
    if (!parsed) return;
    const facts = { interface: m[1]!, address: parsed.address, prefixLength: m[4] === undefined ? null : Number(m[4]), via: VIA };
    addressAdded(ctx, entry, facts);
    dhcpLease(ctx, entry, { ...facts, leaseSeconds: m[5] === undefined ? null : Number(m[5]), server: servers.get(m[1]!) ?? null });
  },
};
