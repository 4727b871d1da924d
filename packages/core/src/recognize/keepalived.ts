import { addressAdded, addressRemoved, splitCidr } from './net.js';
import type { Recognizer } from './recognizer.js';

const VIA = 'keepalived';

// keepalived's VRRP process (Keepalived_vrrp, or Keepalived in single-process builds):
// `VRRP_Instance(VI_1) Entering MASTER STATE` (1.x), `(VI_1) Entering MASTER STATE` (2.x),
// `Sending gratuitous ARP on eth3 for 10.10.30.254`, `VRRP_Instance(VI_1) Sending gratuitous ARPs on eth0 for 1.2.3.4`,
// `(VI_2) Sending/queueing gratuitous ARPs on ens161 for 172.18.83.174`, and for IPv6 `Sending unsolicited Neighbour Advertisement on eth0 for 2001:db8::5`.
const INSTANCE = /^(?:VRRP_Instance)?\(([^)\s]+)\) (?:Entering|Transition to) (MASTER|BACKUP|FAULT) STATE/;
const ANNOUNCE = /^(?:(?:VRRP_Instance)?\(([^)\s]+)\) )?(?:Sending(?:\/queueing)? gratuitous ARPs?|Sending(?:\/queueing)? unsolicited Neighbou?r Advertisements?) on (\S+) for (\S+)$/;

/**
 * keepalived: a virtual IP is on the node from the MASTER transition (announced by gratuitous ARP) until
 * the instance leaves MASTER.
 */
export const keepalived: Recognizer = {
  id: 'keepalived',
  needles: ['STATE', ' for '],
  identifiers: ['Keepalived_vrrp', 'Keepalived'],
  recognize(entry, ctx) {
    if (entry.identifier !== 'Keepalived_vrrp' && entry.identifier !== 'Keepalived') return;
    const vips = ctx.state('keepalived.vips', () => new Map<string, Map<string, { interface: string; address: string }>>());
    const lastMaster = ctx.state('keepalived.lastMaster', () => ({ instance: null as string | null }));
    const state = INSTANCE.exec(entry.message);
    if (state) {
      const instance = state[1]!;
      if (state[2] === 'MASTER') {
        lastMaster.instance = instance;
        return;
      }
      // Leaving MASTER: the instance's virtual addresses are removed.
      for (const vip of vips.get(instance)?.values() ?? []) addressRemoved(ctx, entry, { ...vip, prefixLength: null, via: VIA });
      vips.delete(instance);
      return;
    }
    const announce = ANNOUNCE.exec(entry.message);
    if (!announce) return;
    const parsed = splitCidr(announce[3]!);
    if (!parsed) return;
    const key = `${announce[2]}\0${parsed.address}`;
    // The plain `Sending gratuitous ARP on …` line names no instance: it belongs to the one that announced this VIP already.
    const instance = announce[1] ?? [...vips].find(([, m]) => m.has(key))?.[0] ?? lastMaster.instance ?? '';
    const mine = vips.get(instance) ?? new Map<string, { interface: string; address: string }>();
    vips.set(instance, mine);
    mine.set(key, { interface: announce[2]!, address: parsed.address });
    addressAdded(ctx, entry, { interface: announce[2]!, address: parsed.address, prefixLength: null, via: VIA });
  },
};
