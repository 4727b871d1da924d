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
import type { Rule } from './rule.js';

export type { Rule, RuleHit, Details } from './rule.js';

/** Every rule bootlens runs, in the order their findings are listed. */
export const RULES: readonly Rule[] = [certIssuedBeforeAddress, certMissingAddress, certNotYetValid, networkOnlineBeforeAddress, unitNotAfterNetworkOnline, waitOnlineTimeout, waitOnlineMissing, bindBeforeAddress, clockStep,
  bindAddressMissing, bindAddressInUse, bindReasonCut, unitFailed, startLimitHit, dependencyFailed, deviceTimeout];
