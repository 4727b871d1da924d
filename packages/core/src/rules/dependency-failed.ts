import type { Boot } from '../model/report.js';
import { failureHits } from './failed-units.js';
import type { Rule, RuleHit } from './rule.js';

/**
 * systemd did not start a unit because a unit it requires failed (`Dependency failed for …`, job
 * result `dependency`). systemd does not say which one: the cause given is the unit that failed (or
 * timed out) last before it, when the input shows one.
 */
export const dependencyFailed: Rule = {
  id: 'dependency-failed',
  severity: 'warning',
  description: 'A unit was not started because a unit it requires failed',
  check(boot: Boot): RuleHit[] {
    return failureHits(boot, ['dependency'], 'warning');
  },
};
