import { addressAdded, addressRemoved, interfaceRenamed, linkDown, linkUp, splitCidr } from './net.js';
import type { Recognizer } from './recognizer.js';

const VIA = 'ip-monitor';

// Address lines: `3: eth0    inet 192.168.2.10/24 brd 192.168.2.255 scope global dynamic eth0` (the last word is the
// label, which follows renames; the name after the index is iproute2's cache and may be stale), `Deleted 3: …`.
const ADDRESS = /^(Deleted )?(\d+): (\S+)\s+(inet6?) ([0-9a-fA-F.:]+)(?:\/(\d{1,3}))?/;
// Link lines: `3: enp3s0@veth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default`.
const LINK = /^(Deleted )?(\d+): ([^\s@:]+)(?:@[^\s:]+)?: <([^>]*)>/;

/** `ip monitor` events (the `ip-monitor` input): addresses, links and renames, tracked by interface index. */
export const ipMonitor: Recognizer = {
  id: 'ip-monitor',
  needles: [' inet', ': <'],
  identifiers: ['ip-monitor'],
  recognize(entry, ctx) {
    if (entry.identifier !== 'ip-monitor') return;
    const names = ctx.state('ip-monitor.names', () => new Map<string, string>());
    const up = ctx.state('ip-monitor.up', () => new Map<string, boolean>());
    const firstLine = entry.message.split('\n', 1)[0]!;

    const link = LINK.exec(firstLine);
    if (link) {
      const [deleted, index, name, flags] = [link[1] !== undefined, link[2]!, link[3]!, link[4]!.split(',')];
      const known = names.get(index);
      if (known !== undefined && known !== name) interfaceRenamed(ctx, entry, known, name, VIA);
      names.set(index, name);
      const isUp = !deleted && flags.includes('UP') && flags.includes('LOWER_UP');
      const was = up.get(index);
      if (isUp && was !== true) linkUp(ctx, entry, name, VIA, true);
      if (!isUp && was === true) linkDown(ctx, entry, name, VIA, !deleted && flags.includes('UP'));
      up.set(index, isUp);
      if (deleted) names.delete(index);
      return;
    }
    const address = ADDRESS.exec(firstLine);
    if (!address) return;
    const parsed = splitCidr(address[5]!);
    if (!parsed) return;
    const name = names.get(address[2]!) ?? address[3]!;
    const facts = { interface: name, address: parsed.address, prefixLength: address[6] === undefined ? null : Number(address[6]), via: VIA };
    // The kernel re-announces an address when it changes (a rename relabels it, DAD clears `tentative`): one appearance per index.
    const present = ctx.state('ip-monitor.present', () => new Set<string>());
    const key = `${address[2]}\0${parsed.address}`;
    if (address[1] !== undefined) {
      present.delete(key);
      addressRemoved(ctx, entry, facts);
    } else if (!present.has(key)) {
      present.add(key);
      addressAdded(ctx, entry, facts);
    }
  },
};
