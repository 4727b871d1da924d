import type { TimelineEvent } from '../model/event.js';
import type { Boot } from '../model/report.js';
import { waitOnlineUnits } from './addresses.js';

/** The network stacks bootlens knows, in the words the report uses (an event's `via`). */
const STACKS = ['NetworkManager', 'systemd-networkd', 'ifupdown', 'dhclient', 'dhcpcd', 'wicked'] as const;
const STACK_UNITS: Readonly<Record<string, string>> = {
  'NetworkManager.service': 'NetworkManager',
  'systemd-networkd.service': 'systemd-networkd',
  'networking.service': 'ifupdown',
  'dhcpcd.service': 'dhcpcd',
  'wicked.service': 'wicked',
  'wickedd.service': 'wicked',
};

/**
 * The network stack that configured this boot's addresses: the one that reported the most address,
 * lease and link events, else the one whose service started. dhclient run by ifupdown counts as ifupdown.
 */
export function networkStack(boot: Pick<Boot, 'events'>): string | null {
  const counts = new Map<string, number>();
  for (const e of boot.events) {
    if ((e.kind === 'address-added' || e.kind === 'dhcp-lease' || e.kind === 'link-up') && (STACKS as readonly string[]).includes(e.via)) {
      counts.set(e.via, (counts.get(e.via) ?? 0) + 1);
    }
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  let stack: string | null = ranked[0]?.[0] ?? null;
  if (stack === null) {
    const started = boot.events.find((e) => e.kind === 'unit-job' && e.unit !== null && e.unit in STACK_UNITS);
    stack = started && started.kind === 'unit-job' ? STACK_UNITS[started.unit!]! : null;
  }
  if (stack === 'dhclient' && boot.events.some((e) => e.kind === 'unit-job' && e.unit === 'networking.service')) return 'ifupdown';
  return stack;
}

export interface NetworkOnlineFacts {
  /** When network-online.target was reached, if it was. */
  reached: TimelineEvent | null;
  /** The wait-online services that ran (by unit name). */
  waitOnline: string[];
  /** The first sign of each wait-online service giving up. */
  timeouts: TimelineEvent[];
  stack: string | null;
}

export function networkOnlineFacts(boot: Pick<Boot, 'events'>): NetworkOnlineFacts {
  return {
    reached: boot.events.find((e) => e.kind === 'target-reached' && e.unit === 'network-online.target') ?? null,
    waitOnline: waitOnlineUnits(boot),
    timeouts: boot.events.filter((e) => e.kind === 'wait-online-timeout'),
    stack: networkStack(boot),
  };
}
