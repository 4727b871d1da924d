import type { Wording } from './common.js';
import { certIssuedBeforeAddress } from './cert-issued-before-address.js';
import { networkOnlineBeforeAddress } from './network-online-before-address.js';

export type { Wording } from './common.js';

/**
 * The words of every rule's findings, by rule id: one module per rule, apart from the detection
 * in rules/ (a rule returns data; this says it to a person).
 */
export const WORDINGS: Readonly<Record<string, Wording>> = {
  'cert-issued-before-address': certIssuedBeforeAddress,
  'network-online-before-address': networkOnlineBeforeAddress,
};
