import { enableWaitOnline, indent, list, secondsText, str, waitForAddressDropIn, type Wording } from './common.js';

export const waitOnlineMissing: Wording = {
  summary(d, severity) {
    const at = secondsText(d['networkOnlineAtMs']);
    const stack = typeof d['stack'] === 'string' ? ` (network stack: ${d['stack']})` : '';
    if (severity === 'info') return `network-online.target was reached at ${at} with no wait-online service${stack}; every address was already there this time`;
    const first = d['firstAddressAfter'];
    return `network-online.target was reached at ${at} with no wait-online service${stack}` +
      (typeof first === 'string' ? `; ${first} appeared on ${str(d['firstAddressAfterInterface'])} only at ${secondsText(d['firstAddressAfterAtMs'])}` : '');
  },
  remediation(d) {
    const stack = typeof d['stack'] === 'string' ? d['stack'] : null;
    const after = list(d['addressesAfter']);
    const lines = [
      'Why: network-online.target waits only for the services that hook into it (a wait-online service). None ran in this boot, ' +
      'so the target was reached right after network.target, and every unit ordered After=network-online.target started without ' +
      'waiting for an address.',
      'What to change:',
      `  1. ${enableWaitOnline(stack)}.`,
      '  2. Check that the units that need the network ask for it: Wants=network-online.target and After=network-online.target.',
    ];
    if (after.length > 0) {
      lines.push(`  3. For a unit that needs ${after[0]} itself, wait for the address in that unit:\n` +
        indent(waitForAddressDropIn('<unit>.service', str(d['firstAddressAfterInterface']), after[0]!), 5));
    }
    return lines.join('\n');
  },
};
