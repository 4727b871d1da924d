import { cfssl } from './cfssl.js';
import { k0s } from './k0s.js';
import { networkd } from './networkd.js';
import type { Recognizer } from './recognizer.js';
import { systemdUnits } from './systemd-units.js';
import { x509 } from './x509.js';

export type { Recognizer, RecognizeContext } from './recognizer.js';

/** Every recognizer, in the order they see an entry. */
export const RECOGNIZERS: readonly Recognizer[] = [systemdUnits, networkd, k0s, cfssl, x509];
