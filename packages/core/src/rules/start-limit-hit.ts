import type { Boot } from '../model/report.js';
import { failureHits } from './failed-units.js';
import type { Rule, RuleHit } from './rule.js';

/**
 * A unit was restarted too often and systemd gave up on it (`Start request repeated too quickly`,
 * result `start-limit-hit`; older systemd: `start-limit`): it stays failed until `systemctl
 * reset-failed`. An error for a unit that serves on the network, else a warning.
 */
export const startLimitHit: Rule = {
  id: 'start-limit-hit',
  severity: 'error',
  description: 'A unit failed repeatedly and systemd stopped restarting it (start limit hit)',
  check(boot: Boot): RuleHit[] {
    return failureHits(boot, ['start-limit-hit'], 'warning');
  },
};
