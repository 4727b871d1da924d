import { addressAdded, prefixOfMask, splitCidr } from './net.js';
import type { Recognizer } from './recognizer.js';

const VIA = 'cloud-init';

// cloud-init's `Net device info` table (cloudinit/netinfo.py), one journal line per row:
// `ci-info: |  eth0  | True |  192.168.2.10  | 255.255.255.0 | global | 52:54:00:2f:d9:44 |` (with a Scope column, ≥ 18.x)
// `ci-info: |  eth0  | True | 172.31.12.39 | 255.255.240.0 | 0a:57:5c:34:4e:fd |` (0.7.x, no Scope column).
// IPv6 rows carry the prefix in the address (`fe80::…/64`) and `.` as the mask.
const ROW = /^ci-info: \|([^|]*)\|([^|]*)\|([^|]*)\|([^|]*)\|/;

/**
 * cloud-init's snapshot of the interfaces when it ran. It says the address was there by then, not
 * when it appeared: an address only cloud-init reports has an upper bound for its appearance.
 */
export const cloudInit: Recognizer = {
  id: 'cloud-init',
  needles: ['ci-info: |'],
  identifiers: ['cloud-init'],
  recognize(entry, ctx) {
    if (entry.identifier !== 'cloud-init') return;
    const m = ROW.exec(entry.message);
    if (!m) return;
    const [iface, up, addressText, mask] = [m[1]!.trim(), m[2]!.trim(), m[3]!.trim(), m[4]!.trim()];
    if (up !== 'True' || iface === 'Device') return;
    const parsed = splitCidr(addressText);
    if (!parsed) return;
    const prefixLength = parsed.prefixLength ?? (mask === '.' ? null : prefixOfMask(mask));
    addressAdded(ctx, entry, { interface: iface, address: parsed.address, prefixLength, via: VIA });
  },
};
