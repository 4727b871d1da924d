import type { EventOf } from '../model/event.js';
import type { Boot } from '../model/report.js';
import { appearedLater, bindFailureGroups, wasPresent } from './bind-before-address.js';
import { failedUnits } from './failed-units.js';
import { evidenceOf, type Rule, type RuleHit } from './rule.js';

type BindFailed = EventOf<'bind-failed'>;

/**
 * A service could not bind an address because the node did not have it at that moment
 * (EADDRNOTAVAIL: `Cannot assign requested address`, `Cannot bind any address`, `address not
 * available`). An error on its own: the service is not listening where it should, whatever the
 * input shows of the address. Where the address's arrival later in the boot is in the input,
 * bind-before-address reports the failure instead (it says when the address came, and how late),
 * and this rule stays silent for that program and address: one finding per failure, never two.
 */
export const bindAddressMissing: Rule = {
  id: 'bind-address-missing',
  severity: 'error',
  description: 'A service could not bind an address the node did not have (EADDRNOTAVAIL)',
  check(boot: Boot): RuleHit[] {
    const groups = bindFailureGroups(boot.events.filter((e): e is BindFailed => e.kind === 'bind-failed'));
    // Where the address came later in the input, bind-before-address reports the group (same test, same groups).
    for (const [key, group] of groups) if (appearedLater(boot, group)) groups.delete(key);
    if (groups.size === 0) return [];
    // A program's line without an address (sshd's `fatal: Cannot bind any address`) adds nothing to its lines with one.
    const named = new Set([...groups.values()].filter((g) => g[0]!.address !== null).map((g) => g[0]!.program));
    const units = failedUnits(boot);
    const hits: RuleHit[] = [];
    for (const group of groups.values()) {
      const first = group[0]!;
      if (first.address === null && named.has(first.program)) continue;
      const failed = units.find((u) => u.cause?.kind === 'bind-failed' && group.some((g) => g.source.line === u.cause!.source.line && g.source.path === u.cause!.source.path)) ?? null;
      const unit = first.systemdUnit ?? failed?.unit ?? (first.program.endsWith('.socket') ? first.program : null);
      hits.push({
        severity: 'error',
        details: {
          address: first.address,
          port: first.port,
          ports: [...new Set(group.map((g) => String(g.port)))],
          family: first.family,
          program: first.program,
          unit,
          unitFailed: failed !== null,
          reason: first.reason,
          failures: group.length,
          addressSeenBefore: first.address !== null && wasPresent(boot, first),
          failedAt: first.realtime,
        },
        evidence: evidenceOf([...group.slice(0, 3)]),
      });
    }
    return hits;
  },
};

