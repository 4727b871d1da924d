import type { Boot } from '../model/report.js';
import { bindPortHits } from './bind-port-groups.js';
import type { Rule, RuleHit } from './rule.js';

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
    return bindPortHits(boot, (e) => e.reasonCut === true, false);
  },
};
