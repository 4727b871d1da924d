import type { Boot } from '../model/report.js';
import { bindPortHits } from './bind-port-groups.js';
import type { Rule, RuleHit } from './rule.js';

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
    return bindPortHits(boot, (e) => e.inUse === true, true);
  },
};
