import { parseLogrus } from './logrus.js';
import { addressAdded, splitCidr } from './net.js';
import type { Recognizer } from './recognizer.js';

// kube-vip in ARP mode, logrus text (kube-vip/kube-vip#229, #318):
// `time="2021-07-07T08:29:37Z" level=info msg="Broadcasting ARP update for 192.168.0.40 (00:50:56:a5:4f:05) via ens160"`.
const BROADCAST = /^Broadcasting ARP update for (\S+) \([0-9a-fA-F:]+\) via (\S+)$/;
// kube-vip ≥ 0.9 logs with Go's slog: a service VIP put on an interface (kube-vip/kube-vip#1747),
// `2026/09/04 08:38:17 INFO (svcs) adding VIP ip=192.168.122.127 interface=vip-7c8311ee namespace=default name=lb1`.
const ADDING = /^(?:\(svcs\) )?adding VIP$/;

/** kube-vip: the virtual IP it holds (announced by ARP, or added to an interface), whichever unit or container logged it. */
export const kubeVip: Recognizer = {
  id: 'kube-vip',
  needles: ['Broadcasting ARP update for ', 'adding VIP'],
  recognize(entry, ctx) {
    // Only a logrus or slog line whose msg is exactly kube-vip's: someone quoting it in free text is not kube-vip.
    const fields = parseLogrus(entry.message);
    const msg = fields?.['msg'];
    if (msg === undefined) return;
    const m = BROADCAST.exec(msg);
    const [address, iface] = m ? [m[1]!, m[2]!] : ADDING.test(msg) ? [fields!['ip'], fields!['interface']] : [undefined, undefined];
    if (address === undefined || iface === undefined || iface === '') return;
    const parsed = splitCidr(address);
    if (parsed) addressAdded(ctx, entry, { interface: iface, address: parsed.address, prefixLength: null, via: 'kube-vip' });
  },
};
