import type { Boot } from '../model/report.js';
import { failureHits } from './failed-units.js';
import type { Rule, RuleHit } from './rule.js';

/**
 * A unit failed to start in this boot (`Failed to start …`, `… Failed with result '…'`, `Active:
 * failed` in a pasted `systemctl status`), whatever bootlens sees or does not see of why. An error
 * for a unit that serves on the network or whose failure has a network cause (a bind or TLS
 * failure), else a warning. A unit that then hit its start limit failed too: it has this finding
 * and a start-limit-hit one. Dependency failures and device timeouts have their own rules.
 */
export const unitFailed: Rule = {
  id: 'unit-failed',
  severity: 'error',
  description: 'A unit failed to start during the boot',
  check(boot: Boot): RuleHit[] {
    return failureHits(boot, ['failed', 'start-limit-hit'], 'warning');
  },
};
