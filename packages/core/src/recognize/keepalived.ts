import { addressAdded, addressRemoved, interfaceRenamed, linkDown, linkUp, splitCidr } from './net.js';
import { componentFailure, type Recognizer } from './recognizer.js';

const VIA = 'keepalived';

// keepalived's VRRP process (Keepalived_vrrp, or Keepalived in single-process builds):
// `VRRP_Instance(VI_1) Entering MASTER STATE` (1.x), `(VI_1) Entering MASTER STATE` (2.x),
// `Sending gratuitous ARP on eth3 for 10.10.30.254`, `VRRP_Instance(VI_1) Sending gratuitous ARPs on eth0 for 1.2.3.4`,
// `(VI_2) Sending/queueing gratuitous ARPs on ens161 for 172.18.83.174`, and for IPv6 `Sending unsolicited Neighbour Advertisement on eth0 for 2001:db8::5`.
const INSTANCE = /^(?:VRRP_Instance)?\(([^)\s]+)\) (?:Entering|Transition to) (MASTER|BACKUP|FAULT) STATE/;
const ANNOUNCE = /^(?:(?:VRRP_Instance)?\(([^)\s]+)\) )?(?:Sending(?:\/queueing)? gratuitous ARPs?|Sending(?:\/queueing)? unsolicited Neighbou?r Advertisements?) on (\S+) for (\S+)$/;
// keepalived's netlink watcher on the interfaces its instances track (vrrp_netlink.c; the address lines
// with --log-detail): `Deassigned address 172.21.42.20 from interface enp1s0f0`, `Assigned address … for
// interface …`, `Netlink reports enp1s0f1 down`, `Interface name has changed from eth0 to enp1s0f0`
// (keepalived/keepalived#2190).
const ADDRESS = /^(Assigned|Deassigned) address (\S+) (?:for|from) interface (\S+)$/;
const NETLINK_LINK = /^Netlink reports (\S+) (up|down)$/;
const RENAMED = /^Interface name has changed from (\S+) to (\S+)$/;

/**
 * keepalived: a virtual IP is on the node from the MASTER transition (announced by gratuitous ARP) until
 * the instance leaves MASTER.
 */
export const keepalived: Recognizer = {
  id: 'keepalived',
  needles: ['STATE', ' for ', 'Deassigned address', 'Netlink reports', 'Interface name has changed'],
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
      // FAULT: the instance cannot run (a tracked interface or script failed): keepalived/keepalived#2190.
      if (state[2] === 'FAULT') componentFailure(ctx, entry, 'vrrp-fault', { component: VIA, subject: instance, error: null });
      // Leaving MASTER: the instance's virtual addresses are removed.
      for (const vip of vips.get(instance)?.values() ?? []) addressRemoved(ctx, entry, { ...vip, prefixLength: null, via: VIA });
      vips.delete(instance);
      return;
    }
    if (netlink(entry, ctx, vips)) return;
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

type Vips = Map<string, Map<string, { interface: string; address: string }>>;

/** What keepalived's netlink watcher reports about the interfaces it tracks; true when the line was one. */
function netlink(entry: Parameters<Recognizer['recognize']>[0], ctx: Parameters<Recognizer['recognize']>[1], vips: Vips): boolean {
  const message = entry.message;
  const address = ADDRESS.exec(message);
  if (address) {
    const parsed = splitCidr(address[2]!);
    if (!parsed) return true;
    const facts = { interface: address[3]!, address: parsed.address, prefixLength: null, via: VIA };
    if (address[1] === 'Assigned') {
      addressAdded(ctx, entry, facts);
    } else {
      for (const mine of vips.values()) mine.delete(`${facts.interface}\0${facts.address}`);
      addressRemoved(ctx, entry, facts);
    }
    return true;
  }
  const link = NETLINK_LINK.exec(message);
  if (link) {
    if (link[2] === 'up') linkUp(ctx, entry, link[1]!, VIA);
    else linkDown(ctx, entry, link[1]!, VIA);
    return true;
  }
  const renamed = RENAMED.exec(message);
  if (renamed) {
    interfaceRenamed(ctx, entry, renamed[1]!, renamed[2]!, VIA);
    return true;
  }
  return false;
}
