import { addressAdded, addressRemoved, splitCidr } from './net.js';
import type { Recognizer } from './recognizer.js';

const VIA = 'avahi';

// avahi-daemon (avahi-core/iface.c) follows the kernel's addresses and says so:
// `Joining mDNS multicast group on interface eth0.IPv4 with address 10.0.0.192.`,
// `Registering new address record for 192.168.1.69 on wlan0.IPv4.`, `… for fe80::… on wlan0.*.`,
// `Withdrawing address record for 192.168.1.239 on enp6s0.`, `Leaving mDNS multicast group on interface enp6s0.IPv4 with address 192.168.1.239.`
const JOINING = /^(Joining|Leaving) mDNS multicast group on interface (\S+?)\.IPv[46] with address (\S+)\.$/;
const REGISTERING = /^Registering new address record for (\S+) on (\S+?)\.(?:IPv[46]|\*)\.$/;
const WITHDRAWING = /^Withdrawing address record for (\S+) on (\S+?)\.$/;

/** avahi-daemon: a witness of addresses appearing and going, whichever stack configured them. */
export const avahi: Recognizer = {
  id: 'avahi',
  needles: ['mDNS multicast group on interface', 'address record for'],
  identifiers: ['avahi-daemon'],
  recognize(entry, ctx) {
    if (entry.identifier !== 'avahi-daemon') return;
    const message = entry.message;
    const joining = JOINING.exec(message);
    let iface: string, address: string, added: boolean;
    if (joining) [iface, address, added] = [joining[2]!, joining[3]!, joining[1] === 'Joining'];
    else {
      const reg = REGISTERING.exec(message);
      const wd = reg ? null : WITHDRAWING.exec(message);
      if (reg) [iface, address, added] = [reg[2]!, reg[1]!, true];
      else if (wd) [iface, address, added] = [wd[2]!, wd[1]!, false];
      else return;
    }
    const parsed = splitCidr(address);
    if (!parsed) return;
    const facts = { interface: iface, address: parsed.address, prefixLength: null, via: VIA };
    // `Leaving …` and `Withdrawing …` come in pairs: report the address gone once until it comes back.
    const gone = ctx.state('avahi.gone', () => new Set<string>());
    const key = `${iface}\0${parsed.address}`;
    if (added) {
      gone.delete(key);
      addressAdded(ctx, entry, facts);
    } else if (!gone.has(key)) {
      gone.add(key);
      addressRemoved(ctx, entry, facts);
    }
  },
};
