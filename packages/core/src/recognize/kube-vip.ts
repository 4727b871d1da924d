import { parseLogrus } from './logrus.js';
import { addressAdded, splitCidr } from './net.js';
import type { Recognizer } from './recognizer.js';

// kube-vip in ARP mode, logrus text (kube-vip/kube-vip#229, #318):
// `time="2021-07-07T08:29:37Z" level=info msg="Broadcasting ARP update for 192.168.0.40 (00:50:56:a5:4f:05) via ens160"`.
const BROADCAST = /^Broadcasting ARP update for (\S+) \([0-9a-fA-F:]+\) via (\S+)$/;

/** kube-vip: the virtual IP it holds (announced by ARP), whichever unit or container logged it. */
export const kubeVip: Recognizer = {
  id: 'kube-vip',
  needles: ['Broadcasting ARP update for '],
  recognize(entry, ctx) {
    // Only a logrus line whose msg is exactly kube-vip's: someone quoting it in free text is not kube-vip.
    const msg = parseLogrus(entry.message)?.['msg'];
    const m = msg === undefined ? null : BROADCAST.exec(msg);
    if (!m) return;
    const parsed = splitCidr(m[1]!);
    if (parsed) addressAdded(ctx, entry, { interface: m[2]!, address: parsed.address, prefixLength: null, via: 'kube-vip' });
  },
};
