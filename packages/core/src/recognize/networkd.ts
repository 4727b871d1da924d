import { familyOf } from './ip.js';
import { eventBase, type Recognizer } from './recognizer.js';

const VIA = 'systemd-networkd';

// `eth0: DHCPv4 address 192.168.2.10/24, gateway 192.168.2.1 acquired from 192.168.2.1` (v250+),
// `eth0: DHCPv4 address 192.168.2.10/24 via 192.168.2.1` (older), `eth0: DHCPv4 address 192.168.2.10` (oldest).
const DHCP4_ADDRESS = /^([^\s:]+): DHCPv4 address ([0-9.]+)(?:\/(\d{1,2}))?(?:[, ]|$)/;
const CARRIER = /^([^\s:]+): Gained carrier$/;

/** systemd-networkd: carrier and DHCPv4 leases. (Static addresses are not logged at info level.) */
export const networkd: Recognizer = {
  id: 'systemd-networkd',
  needles: ['DHCPv4 address', 'Gained carrier'],
  recognize(entry, ctx) {
    if (entry.identifier !== 'systemd-networkd') return;
    const address = DHCP4_ADDRESS.exec(entry.message);
    if (address) {
      const ip = address[2]!;
      const family = familyOf(ip);
      if (!family) return;
      ctx.emit({
        kind: 'address-added',
        ...eventBase(entry),
        interface: address[1]!,
        address: ip,
        prefixLength: address[3] === undefined ? null : Number(address[3]),
        family,
        via: VIA,
      });
      return;
    }
    const carrier = CARRIER.exec(entry.message);
    if (carrier) ctx.emit({ kind: 'link-up', ...eventBase(entry), interface: carrier[1]!, via: VIA });
  },
};
