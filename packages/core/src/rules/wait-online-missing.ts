import type { Boot } from '../model/report.js';
import { addressesOfInterest } from '../timeline/addresses.js';
import { networkOnlineFacts } from '../timeline/network-online.js';
import { compareInBoot, sinceBootUs } from '../timeline/time.js';
import { evidenceOf, ms, type Rule, type RuleHit } from './rule.js';

/**
 * network-online.target was reached and no wait-online service ran: the target then means only
 * "network.target plus nothing", and `After=network-online.target` orders after nothing that waits.
 */
export const waitOnlineMissing: Rule = {
  id: 'wait-online-missing',
  severity: 'warning',
  description: 'network-online.target was reached but no wait-online service ran in that boot',
  check(boot: Boot): RuleHit[] {
    const facts = networkOnlineFacts(boot);
    if (!facts.reached || facts.waitOnline.length > 0) return [];
    const online = facts.reached;
    const addresses = addressesOfInterest(boot).filter((a) => a.appeared);
    const after = addresses.filter((a) => compareInBoot(online, a.appeared!, boot) < 0);
    // Every address was already there: the missing waiter did no harm this time.
    const severity = addresses.length > 0 && after.length === 0 ? 'info' : 'warning';
    return [{
      severity,
      details: {
        networkOnlineAt: online.realtime,
        networkOnlineAtMs: ms(sinceBootUs(online, boot)),
        stack: facts.stack,
        addressesBefore: addresses.filter((a) => !after.includes(a)).map((a) => a.address),
        addressesAfter: after.map((a) => a.address),
        firstAddressAfter: after[0]?.address ?? null,
        firstAddressAfterInterface: after[0]?.appeared!.interface ?? null,
        firstAddressAfterAtMs: after[0] ? ms(sinceBootUs(after[0].appeared!, boot)) : null,
      },
      evidence: evidenceOf([online, ...after.slice(0, 3).map((a) => a.appeared!)]),
    }];
  },
};
