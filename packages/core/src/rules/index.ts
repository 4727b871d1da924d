import { certIssuedBeforeAddress } from './cert-issued-before-address.js';
import { networkOnlineBeforeAddress } from './network-online-before-address.js';
import type { Rule } from './rule.js';

export type { Rule, RuleHit, Details } from './rule.js';

/** Every rule bootlens runs, in the order their findings are listed. */
export const RULES: readonly Rule[] = [certIssuedBeforeAddress, networkOnlineBeforeAddress];
