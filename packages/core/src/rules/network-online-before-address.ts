import type { Boot } from '../model/report.js';
import { addressesOfInterest, waitOnlineUnits } from '../timeline/addresses.js';
import { networkStack } from '../timeline/network-online.js';
import { compareInBoot, sinceBootUs } from '../timeline/time.js';
import { occurrencesOf } from '../timeline/fold.js';
import { evidenceOf, ms, type Rule, type RuleHit } from './rule.js';

/**
 * network-online.target was reached before an address that matters existed. Units ordered
 * `After=network-online.target` then start without it.
 */
export const networkOnlineBeforeAddress: Rule = {
  id: 'network-online-before-address',
  severity: 'warning',
  description: 'network-online.target was reached before an address the node needed had appeared',
  check(boot: Boot): RuleHit[] {
    const online = boot.events.find((e) => e.kind === 'target-reached' && e.unit === 'network-online.target');
    if (!online) return [];
    const waited = waitOnlineUnits(boot);
    const onlineAtMs = ms(sinceBootUs(online, boot));
    const hits: RuleHit[] = [];
    for (const { address, appeared, askedBy } of addressesOfInterest(boot)) {
      if (!appeared || compareInBoot(online, appeared, boot) >= 0) continue;
      const appearedAtMs = ms(sinceBootUs(appeared, boot));
      hits.push({
        severity: 'warning',
        details: {
          address,
          interface: appeared.interface,
          via: appeared.via,
          networkOnlineAt: online.realtime,
          networkOnlineAtMs: onlineAtMs,
          addressAppearedAt: appeared.realtime,
          addressAppearedAtMs: appearedAtMs,
          gapMs: onlineAtMs !== null && appearedAtMs !== null ? appearedAtMs - onlineAtMs : null,
          waitOnlineUnits: waited,
          askedByClients: occurrencesOf(askedBy),
          stack: networkStack(boot),
        },
        evidence: evidenceOf([online, appeared]),
      });
    }
    return hits;
  },
};
