import type { Boot } from '../model/report.js';
import { failedUnits, failureHits } from './failed-units.js';
import type { Rule, RuleHit } from './rule.js';

/**
 * A device unit never appeared (`Timed out waiting for device …`, job result `timeout` on a
 * `.device`): the disk, partition, serial port or network interface a unit waited for was not found
 * within its timeout (90 s by default). An error when a unit then failed for want of it (a
 * dependency failure names it), else a warning.
 */
export const deviceTimeout: Rule = {
  id: 'device-timeout',
  severity: 'warning',
  description: 'A device a unit needed did not appear before its timeout',
  check(boot: Boot): RuleHit[] {
    const all = failedUnits(boot);
    return failureHits(boot, ['device-timeout'], 'warning', (f) =>
      all.some((d) => d.kind === 'dependency' && d.cause?.kind === 'unit-failed' && d.cause.unit === (f.unit ?? f.description)) ? 'error' : 'warning');
  },
};
