import type { EventOf } from '../model/event.js';
import type { Boot } from '../model/report.js';
import { failedUnits } from './failed-units.js';
import { evidenceOf, type RuleHit } from './rule.js';

type BindFailed = EventOf<'bind-failed'>;

/** The bind failures `pick` keeps, grouped by program, address and port, in order. */
function portGroups(boot: Boot, pick: (e: BindFailed) => boolean): BindFailed[][] {
  const groups = new Map<string, BindFailed[]>();
  for (const e of boot.events) {
    if (e.kind !== 'bind-failed' || !pick(e)) continue;
    const key = `${e.program}\0${e.address ?? ''}\0${e.port ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  return [...groups.values()];
}

/**
 * One error hit per group of the bind failures `pick` keeps (bind-address-in-use, bind-reason-cut):
 * the failure's address, port and program, its unit and whether that unit failed over it, how many
 * times, and the first three lines as evidence. `withReason`: the details carry the logged reason.
 */
export function bindPortHits(boot: Boot, pick: (e: BindFailed) => boolean, withReason: boolean): RuleHit[] {
  const groups = portGroups(boot, pick);
  if (groups.length === 0) return [];
  const units = failedUnits(boot);
  return groups.map((group) => {
    const first = group[0]!;
    const failed = units.find((u) => u.cause?.kind === 'bind-failed' && group.some((g) => g.source.line === u.cause!.source.line && g.source.path === u.cause!.source.path)) ?? null;
    const unit = first.systemdUnit ?? failed?.unit ?? (first.program.endsWith('.socket') ? first.program : null);
    return {
      severity: 'error' as const,
      details: {
        address: first.address, port: first.port, family: first.family, program: first.program, unit,
        unitFailed: failed !== null, ...(withReason ? { reason: first.reason } : {}), failures: group.length, failedAt: first.realtime,
      },
      evidence: evidenceOf(group.slice(0, 3)),
    };
  });
}
