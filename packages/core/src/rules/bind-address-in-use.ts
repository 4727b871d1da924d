import type { EventOf } from '../model/event.js';
import type { Boot } from '../model/report.js';
import { failedUnits } from './failed-units.js';
import { evidenceOf, type Rule, type RuleHit } from './rule.js';

type BindFailed = EventOf<'bind-failed'>;

/** EADDRINUSE failures grouped by program, address and port, in order. */
function inUseGroups(boot: Boot): BindFailed[][] {
  const groups = new Map<string, BindFailed[]>();
  for (const e of boot.events) {
    if (e.kind !== 'bind-failed' || !e.inUse) continue;
    const key = `${e.program}\0${e.address ?? ''}\0${e.port ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  return [...groups.values()];
}

/**
 * A service could not bind because another socket held the port (EADDRINUSE: `Address already in
 * use`, musl's `Address in use`, nginx's errno 98). Not a missing address: bind-address-missing and
 * bind-before-address never claim these. An error: the service is not listening, and another
 * process (often a second copy of it, or systemd-resolved's stub on port 53) is.
 */
export const bindAddressInUse: Rule = {
  id: 'bind-address-in-use',
  severity: 'error',
  description: 'A service could not bind a port another process held (EADDRINUSE)',
  check(boot: Boot): RuleHit[] {
    const groups = inUseGroups(boot);
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
          unitFailed: failed !== null, reason: first.reason, failures: group.length, failedAt: first.realtime,
        },
        evidence: evidenceOf(group.slice(0, 3)),
      };
    });
  },
};
