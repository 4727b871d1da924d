import type { EventOf, TimelineEvent } from '../model/event.js';
import type { Boot } from '../model/report.js';
import { networkOnlineFacts } from '../timeline/network-online.js';
import { compareInBoot, sinceBootUs } from '../timeline/time.js';
import { evidenceOf, ms, type Rule, type RuleHit } from './rule.js';

type BindFailed = EventOf<'bind-failed'>;
type UnitJob = EventOf<'unit-job'>;

/** How long after a bind failure systemd's `Failed to start …` still belongs to it. */
const FAILED_UNIT_WINDOW_US = 5_000_000;

/**
 * A service tried to bind an address before the address existed (EADDRNOTAVAIL), and the address
 * appeared later in the same boot: a boot-order race, not a wrong configuration.
 */
export const bindBeforeAddress: Rule = {
  id: 'bind-before-address',
  severity: 'error',
  description: 'A service failed to bind an address because it started before the address appeared',
  check(boot: Boot): RuleHit[] {
    const groups = bindFailureGroups(boot.events.filter((e): e is BindFailed => e.kind === 'bind-failed' && e.address !== null));
    if (groups.size === 0) return [];
    const facts = networkOnlineFacts(boot);
    const hits: RuleHit[] = [];
    const t = (e: TimelineEvent | null) => (e === null ? null : ms(sinceBootUs(e, boot)));
    for (const group of groups.values()) {
      const first = group[0]!;
      const last = group.at(-1)!;
      const appeared = appearedLater(boot, group);
      if (!appeared) continue;
      const unitFailed = failedUnitAfter(boot, last);
      const unit = first.systemdUnit ?? unitFailed?.unit ?? `${first.program}.service`;
      const failedAtMs = t(last);
      const appearedAtMs = t(appeared);
      hits.push({
        severity: 'error',
        details: {
          address: first.address,
          port: first.port,
          ports: [...new Set(group.map((g) => String(g.port)))],
          program: first.program,
          unit,
          unitGuessed: first.systemdUnit === null && unitFailed?.unit == null,
          reason: first.reason,
          failures: group.length,
          interface: appeared.interface,
          via: appeared.via,
          failedAt: last.realtime,
          failedAtMs,
          firstFailedAtMs: t(first),
          addressAppearedAt: appeared.realtime,
          addressAppearedAtMs: appearedAtMs,
          gapMs: failedAtMs !== null && appearedAtMs !== null ? appearedAtMs - failedAtMs : null,
          stack: facts.stack,
          waitOnlineUnits: facts.waitOnline,
          networkOnlineAtMs: t(facts.reached),
        },
        evidence: evidenceOf([...group.slice(0, 3), ...(unitFailed ? [unitFailed] : []), appeared]),
      });
    }
    return hits;
  },
};

/**
 * Bind failures for want of the address (EADDRNOTAVAIL; a port in use is bind-address-in-use's),
 * grouped by program and address (`program\0address`, empty for none), in order.
 */
export function bindFailureGroups(failures: readonly BindFailed[]): Map<string, BindFailed[]> {
  const groups = new Map<string, BindFailed[]>();
  for (const f of failures) {
    if (f.inUse || f.reasonCut) continue;
    const key = `${f.program}\0${f.address ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  return groups;
}

/**
 * The race this rule reports: the address of a group of failures appeared after the (last) failure
 * (its first appearance; every witness counts, virtual IPs too), and was not there (or gone) when
 * the first failed; else null. A failure with the address present was something else.
 */
export function appearedLater(boot: Boot, group: readonly BindFailed[]): EventOf<'address-added'> | null {
  const first = group[0]!;
  const last = group.at(-1)!;
  if (first.address === null) return null;
  const appeared = boot.events.find((e): e is EventOf<'address-added'> =>
    e.kind === 'address-added' && e.address === first.address && compareInBoot(last, e, boot) < 0) ?? null;
  return appeared !== null && !wasPresent(boot, first) ? appeared : null;
}

/** Whether the input shows the address on an interface when the failure happened (added and not removed before it). */
export function wasPresent(boot: Boot, failure: BindFailed): boolean {
  let present = false;
  for (const e of boot.events) {
    if (e === failure) return present;
    if (e.kind === 'address-added' && e.address === failure.address) present = true;
    if (e.kind === 'address-removed' && e.address === failure.address) present = false;
  }
  return present;
}

function failedUnitAfter(boot: Boot, failure: BindFailed): UnitJob | null {
  const at = sinceBootUs(failure, boot);
  const near: UnitJob[] = [];
  for (const e of boot.events) {
    if (e.kind !== 'unit-job' || e.phase !== 'failed' || compareInBoot(failure, e, boot) > 0) continue;
    const when = sinceBootUs(e, boot);
    if (at !== null && when !== null && when - at > FAILED_UNIT_WINDOW_US) break;
    near.push(e);
  }
  // `Failed to start nginx.service` / `… nginx - high performance web server`: the last one naming the program (systemd's
  // `Failed to start` comes after `Control process exited` and `Failed with result`), else the first.
  const name = failure.program.toLowerCase().replace(/d$/, '');
  const naming = near.filter((e) => `${e.unit ?? ''} ${e.description ?? ''}`.toLowerCase().includes(name));
  return naming.at(-1) ?? near[0] ?? null;
}
