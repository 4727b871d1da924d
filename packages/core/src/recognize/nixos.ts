import { addressAdded, splitCidr } from './net.js';
import type { Recognizer } from './recognizer.js';

const VIA = 'nixos';

// NixOS's scripted networking: one unit per interface, `network-addresses-<ifname>.service`, whose script
// logs as `network-addresses-eth0-start[797]:`. Its `echo -n "adding address A/P... "` is followed by
// `done`, by nothing when the address was already there (`File exists`, so the next echo runs on:
// `adding address fe80::…/64... adding route …`), or by `'ip addr add …' failed: …` (nix-community/nixos-infect#209,
// NixOS/nixpkgs#306841). Older releases said `added ip 46.4.89.8/27` (NixOS/nixops#833).
// with-unit prints the unit instead: `network-addresses-eth0.service[797]:`.
const UNIT_IDENTIFIER = /^network-addresses-(.+?)(?:-start|\.service)$/;
const ADDING = /^adding address ([0-9a-fA-F.:xX]+\/\d{1,3})\.\.\. ?/;
const ADDED = /^added ip ([0-9a-fA-F.:]+\/\d{1,3})$/;

/** NixOS network-addresses-<ifname>.service: the addresses its script put on the interface. */
export const nixos: Recognizer = {
  id: 'nixos',
  needles: ['adding address ', 'added ip '],
  // Its units are named for the interface: offered only their entries, so the open needle scan keeps a window of ten.
  identifierPrefixes: ['network-addresses-'],
  recognize(entry, ctx) {
    const iface = entry.identifier === null ? null : UNIT_IDENTIFIER.exec(entry.identifier)?.[1];
    if (!iface) return;
    const message = entry.message.trim();
    const adding = ADDING.exec(message);
    const cidr = adding && !message.slice(adding[0].length).startsWith("'ip addr add") ? adding[1]! : ADDED.exec(message)?.[1];
    const parsed = cidr === undefined ? null : splitCidr(cidr);
    if (!parsed) return;
    addressAdded(ctx, entry, { interface: iface, address: parsed.address, prefixLength: parsed.prefixLength, via: VIA });
  },
};
