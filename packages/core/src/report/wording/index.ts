import type { Wording } from './common.js';
import { certIssuedBeforeAddress } from './cert-issued-before-address.js';
import { certMissingAddress } from './cert-missing-address.js';
import { certNotYetValid } from './cert-not-yet-valid.js';
import { networkOnlineBeforeAddress } from './network-online-before-address.js';
import { bindBeforeAddress } from './bind-before-address.js';
import { waitOnlineMissing } from './wait-online-missing.js';
import { waitOnlineTimeout } from './wait-online-timeout.js';

import { unitNotAfterNetworkOnline } from './unit-not-after-network-online.js';

import { clockStep } from './clock-step.js';
import { bindAddressMissing } from './bind-address-missing.js';
import { bindAddressInUse } from './bind-address-in-use.js';
import { bindReasonCut } from './bind-reason-cut.js';
import { unitFailed } from './unit-failed.js';
import { dependencyFailed } from './dependency-failed.js';
import { deviceTimeout } from './device-timeout.js';
import { startLimitHit } from './start-limit-hit.js';

export type { Wording } from './common.js';

/**
 * The words of every rule's findings, by rule id: one module per rule, apart from the detection
 * in rules/ (a rule returns data; this says it to a person).
 */
export const WORDINGS: Readonly<Record<string, Wording>> = {
  'cert-issued-before-address': certIssuedBeforeAddress,
  'cert-missing-address': certMissingAddress,
  'cert-not-yet-valid': certNotYetValid,
  'network-online-before-address': networkOnlineBeforeAddress,
  'wait-online-timeout': waitOnlineTimeout,
  'wait-online-missing': waitOnlineMissing,
  'bind-before-address': bindBeforeAddress,
  'unit-not-after-network-online': unitNotAfterNetworkOnline,
  'clock-step': clockStep,
  'bind-address-missing': bindAddressMissing,
  'bind-address-in-use': bindAddressInUse,
  'bind-reason-cut': bindReasonCut,
  'unit-failed': unitFailed,
  'dependency-failed': dependencyFailed,
  'device-timeout': deviceTimeout,
  'start-limit-hit': startLimitHit,
};
