import type { EventOf } from '../model/event.js';
import type { Boot } from '../model/report.js';
import { failedUnits } from './failed-units.js';
import { evidenceOf, type Rule, type RuleHit } from './rule.js';

type BindFailed = EventOf<'bind-failed'>;

/** Bind failures whose line was cut before its reason, grouped by program, address and port, in order. */
function cutGroups(boot: Boot): BindFailed[][] {
  const groups = new Map<string, BindFailed[]>();
  for (const e of boot.events) {
    if (e.kind !== 'bind-failed' || !e.reasonCut) continue;
    const key = `${e.program}\0${e.address ?? ''}\0${e.port ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  return [...groups.values()];
}

/**
 * A service could not bind an address, and the line was cut before the reason (a pager at the
 * terminal's width: `error: Bind to port 22 on 10.43.42.64 faile`, delphix/delphix-platform#147).
 * The failure is certain, its cause is not: the address missing (EADDRNOTAVAIL, bind-address-missing)
 * and the port in use (EADDRINUSE, bind-address-in-use) both end that way. An error, as both are:
 * the service is not listening there.
 */
export const bindReasonCut: Rule = {
  id: 'bind-reason-cut',
  severity: 'error',
  description: 'A service could not bind an address; the line was cut before the reason',
  check(boot: Boot): RuleHit[] {
    const groups = cutGroups(boot);
    if (groups.length === 0) return [];
    const units = failedUnits(boot);
    return groups.map((group) => {
      const first = group[0]!;
      const failed = units.find((u) => u.cause?.kind === 'bind-failed' && group.some((g) => g.source.line === u.cause!.source.line && g.source.path === u.cause!.source.path)) ?? null;
      const unit = first.systemdUnit ?? failed?.unit ?? null;
      return {
        severity: 'error' as const,
        details: {
          address: first.address, port: first.port, family: first.family, program: first.program, unit,
          unitFailed: failed !== null, failures: group.length, failedAt: first.realtime,
        },
        evidence: evidenceOf(group.slice(0, 3)),
      };
    });
  },
};
