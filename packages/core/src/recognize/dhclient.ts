import type { JournalEntry } from '../model/entry.js';
import { addressAdded, dhcpLease, splitCidr } from './net.js';
import type { Recognizer } from './recognizer.js';

// ISC dhclient (common/dispatch.c, client/dhclient.c). `DHCPDISCOVER on eth0 to 255.255.255.255 port 67 interval 3`,
// `DHCPREQUEST for 10.0.0.5 on eth0 to …` (4.x), `DHCPREQUEST of 10.0.0.5 on eth0 to …` (3.x), `DHCPREQUEST on eth0 to …`;
// `DHCPACK of 10.0.0.5 from 10.0.0.1`, `DHCPACK from 10.0.0.1 (xid=0x…)`; `bound to 10.0.0.5 -- renewal in 3231 seconds.`
const DISCOVER_OR_REQUEST = /^DHCP(?:DISCOVER|REQUEST)(?: (?:for|of) (\S+))? on (\S+) to /;
const ACK = /^DHCPACK (?:of (\S+) )?from (\S+?)(?: \(xid=0x[0-9a-fA-F]+\))?$/;
const BOUND = /^bound to (\S+) -- renewal in (\d+) seconds\.$/;

/**
 * Programs whose journal lines carry dhclient's words: dhclient itself, and ifupdown's `ifup`, which
 * logs the output of the dhclient it runs under its own name (neilbrown/gnubee-tools#15). In
 * `-o with-unit` every line of networking.service (ifup's and its dhclient's alike) is named after
 * the unit, which the reader turns into the identifier `networking`.
 */
const VIA_BY_IDENTIFIER: Readonly<Record<string, string>> = { dhclient: 'dhclient', ifup: 'ifupdown', networking: 'ifupdown' };

interface Exchange {
  interface: string | null;
  server: string | null;
}

/**
 * ISC dhclient, alone or under ifupdown. Its DHCPACK and `bound to` lines name no interface: they are
 * tied to the DISCOVER/REQUEST line of the same process (pid) before them.
 */
export const dhclient: Recognizer = {
  id: 'dhclient',
  needles: ['DHCPDISCOVER on ', 'DHCPREQUEST ', 'DHCPACK ', 'bound to '],
  identifiers: Object.keys(VIA_BY_IDENTIFIER),
  recognize(entry, ctx) {
    // Own keys only: an identifier such as `constructor` must not find Object's.
    const via = entry.identifier === null || !Object.hasOwn(VIA_BY_IDENTIFIER, entry.identifier) ? undefined : VIA_BY_IDENTIFIER[entry.identifier];
    if (via === undefined) return;
    const exchanges = ctx.state('dhclient.exchanges', () => new Map<string, Exchange>());
    const key = processKey(entry);
    const exchange = exchanges.get(key) ?? { interface: null, server: null };
    exchanges.set(key, exchange);
    const message = entry.message;

    const request = DISCOVER_OR_REQUEST.exec(message);
    if (request) {
      exchange.interface = request[2]!;
      return;
    }
    const ack = ACK.exec(message);
    if (ack) {
      if (splitCidr(ack[2]!)) exchange.server = ack[2]!;
      return;
    }
    const bound = BOUND.exec(message);
    if (!bound || exchange.interface === null) return;
    const parsed = splitCidr(bound[1]!);
    if (!parsed) return;
    const facts = { interface: exchange.interface, address: parsed.address, prefixLength: null, via };
    // ifup repeats what its dhclient said, and dhclient says `bound to` again on every renewal: the
    // address appears once, and a lease line repeated word for word is the same lease.
    const bound2 = ctx.state('dhclient.bound', () => new Map<string, string>());
    const boundKey = `${facts.interface}\0${facts.address}`;
    const said = `${bound[2]}\0${entry.realtimeUs === null ? entry.source.line : Math.floor(entry.realtimeUs / 1e6)}`;
    const isNew = !bound2.has(boundKey);
    if (bound2.get(boundKey) === said) return;
    bound2.set(boundKey, said);
    if (isNew) addressAdded(ctx, entry, facts);
    dhcpLease(ctx, entry, { ...facts, renewSeconds: Number(bound[2]), server: exchange.server });
  },
};

/** One dhclient run: its pid, or its name when the line has none (`dhclient: bound to …` in old syslogs). */
function processKey(entry: JournalEntry): string {
  return `${entry.identifier}\0${entry.pid ?? ''}`;
}
