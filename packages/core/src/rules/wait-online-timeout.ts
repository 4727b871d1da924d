import type { EventOf, TimelineEvent } from '../model/event.js';
import type { Boot } from '../model/report.js';
import { addressesOfInterest } from '../timeline/addresses.js';
import { networkOnlineFacts } from '../timeline/network-online.js';
import { compareInBoot, sinceBootUs } from '../timeline/time.js';
import { evidenceOf, ms, type Rule, type RuleHit } from './rule.js';

const NETWORKD = 'systemd-networkd-wait-online.service';

/**
 * A wait-online service gave up. network-online.target is then reached anyway (it only `Wants=` the
 * waiter), so everything ordered after it starts on a network that was not ready — after a delay of
 * the whole timeout.
 */
export const waitOnlineTimeout: Rule = {
  id: 'wait-online-timeout',
  severity: 'warning',
  description: 'A wait-online service timed out, so network-online.target was reached without the network being online',
  check(boot: Boot): RuleHit[] {
    const facts = networkOnlineFacts(boot);
    const timeouts = [...facts.timeouts] as Array<EventOf<'wait-online-timeout'> | EventOf<'unit-job'>>;
    // A wait-online unit that failed without saying why (older NetworkManager-wait-online, filtered journals).
    for (const e of boot.events) {
      if (e.kind !== 'unit-job' || e.phase !== 'failed' || e.unit === null || !/wait-online/.test(e.unit)) continue;
      if (!timeouts.some((t) => sameWaiter(t.unit, e.unit))) timeouts.push(e);
    }
    const t = (e: TimelineEvent | null | undefined) => (e ? ms(sinceBootUs(e, boot)) : null);
    return timeouts.map((timeout) => {
      const unit = timeout.unit!;
      const started = boot.events.find((e) => e.kind === 'unit-job' && e.phase === 'starting' && sameWaiter(e.unit, unit)) ?? null;
      const failed = boot.events.find((e) => e.kind === 'unit-job' && e.phase === 'failed' && sameWaiter(e.unit, unit)) ?? null;
      const later = addressesOfInterest(boot).filter((a) => a.appeared && compareInBoot(a.appeared, timeout, boot) > 0);
      const timedOutAtMs = t(timeout);
      const startedAtMs = t(started);
      return {
        severity: 'warning' as const,
        details: {
          unit,
          stack: facts.stack ?? (unit === NETWORKD ? 'systemd-networkd' : 'NetworkManager'),
          reason: timeout.kind === 'wait-online-timeout' ? 'timeout' : 'failed',
          startedAtMs,
          timedOutAt: timeout.realtime,
          timedOutAtMs,
          waitedMs: startedAtMs !== null && timedOutAtMs !== null ? timedOutAtMs - startedAtMs : null,
          networkOnlineAtMs: t(facts.reached),
          addressesLater: later.map((a) => a.address),
          interfacesLater: [...new Set(later.map((a) => a.appeared!.interface))],
        },
        evidence: evidenceOf([started, timeout, failed, facts.reached, ...later.map((a) => a.appeared)].filter((e): e is TimelineEvent => e !== null && e !== undefined)),
      };
    });
  },
};

function sameWaiter(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const kind = (u: string) => (u.startsWith('NetworkManager') ? 'nm' : u.startsWith('systemd-networkd') ? 'networkd' : u);
  return kind(a) === kind(b);
}
