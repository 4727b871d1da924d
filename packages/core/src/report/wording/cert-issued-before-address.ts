import { certRemedies } from './cert-remedies.js';
import { indent, list, secondsText, str, waitForAddressDropIn, waitOnlineUnitFor, whyNetworkOnlineDidNotWait, type Wording } from './common.js';
import { pushAll } from '../../util/bounded.js';

export const certIssuedBeforeAddress: Wording = {
    summary(d, severity) {
      const n = Number(d['certificates']);
      const verb = d['onlyLoaded'] === true ? 'put in use' : 'issued';
      const what = `${str(d['component'])} ${verb} ${n === 1 ? 'its certificate' : `${n} certificates`} (last at ${secondsText(d['issuedAtMs'])})`;
      const healed = severity === 'info'
        ? `; it re-issued ${n === 1 ? 'it' : 'them'} at ${secondsText(d['reissuedAtMs'])}${d['reissuedWithSans'] === true ? ` with ${str(d['address'])}` : ''}`
        : '';
      return `${what} before ${str(d['address'])} appeared on ${str(d['interface'])} at ${secondsText(d['addressAppearedAtMs'])}` +
        ` (${secondsText(d['gapMs'])} later)${healed}`;
    },
    remediation(d, severity) {
      const component = str(d['component']);
      const address = str(d['address']);
      const iface = str(d['interface']);
      const unit = typeof d['unit'] === 'string' ? d['unit'] : `${component}.service`;
      const validFor = list(d['certificateValidFor']);
      const lines: string[] = [];
      const picked = d['apiAddressDefaulted'] === true
        ? `found no usable address, fell back to ${str(d['apiAddress'])},`
        : d['apiAddress'] !== null ? `chose ${str(d['apiAddress'])} as its API address` : 'started';
      const logged = list(d['certificateSans']);
      lines.push(`What happened: ${component} ${picked} and signed its certificates with the addresses it had then` +
        (logged.length > 0 ? ` (${logged.join(', ')})` : '') + '; ' +
        `${address} appeared on ${iface} (${str(d['via'])}) ${secondsText(d['gapMs'])} after the last certificate.` +
        (validFor.length > 0 ? ` Clients that connect to ${address} fail with "x509: certificate is valid for ${validFor.join(', ')}, not ${address}".` : ''));
      if (severity === 'info') {
        lines.push(`It re-issued its certificates at ${secondsText(d['reissuedAtMs'])}, after the address appeared, so this boot healed itself; the next boot may not.`);
      }
      lines.push(`Why After=network-online.target did not help: ${whyNetworkOnlineDidNotWait(d)}`);
      lines.push('What to change:');
      lines.push(`  1. Make ${unit} wait for the address itself. A drop-in:\n${indent(waitForAddressDropIn(unit, iface, address), 5)}`);
      lines.push(`  2. Make network-online.target mean something: systemctl enable ${waitOnlineUnitFor(str(d['via']))}.`);
      pushAll(lines, certRemedies(component, address, 3));
      return lines.join('\n');
    },
  };
