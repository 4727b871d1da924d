import { certRemedies } from './cert-remedies.js';
import { list, secondsText, str, type Wording } from './common.js';

const ORIGIN_WORDS: Record<string, string> = { file: 'the certificate file', log: 'the SAN set the server logged', 'client-error': "a client's x509 error" };

function why(d: Record<string, unknown>): string[] {
  const reasons: string[] = [];
  const expected = list(d['expectedBy']);
  if (expected.length > 0) reasons.push(`expected by ${expected.join(', ')}`);
  if (d['interface'] !== null && d['interface'] !== undefined) reasons.push(`on ${str(d['interface'])} from ${secondsText(d['addressAppearedAtMs'])}`);
  const asked = Number(d['askedByClients'] ?? 0);
  if (asked > 0) reasons.push(`asked for by ${list(d['askedBy']).join(', ')} (${asked}×)`);
  return reasons;
}

export const certMissingAddress: Wording = {
  summary(d) {
    const certs = list(d['certificates']);
    return `${str(d['address'])} is not in the SANs of ${certs.length === 1 ? certs[0] : `${certs.length} certificates`} (${why(d).join('; ')})`;
  },
  remediation(d) {
    const address = str(d['address']);
    const sans = list(d['certificateSans']);
    const origins = list(d['origins']).map((o) => ORIGIN_WORDS[o] ?? o);
    const lines = [
      `What happened: ${origins.join(' and ')} show${origins.length === 1 ? 's' : ''} a certificate valid for ${sans.length > 0 ? sans.join(', ') : 'no IP address'}, ` +
        `without ${address}; clients that connect to ${address} fail x509 verification ("certificate is valid for …, not ${address}").`,
      'What to change:',
      ...certRemedies(typeof d['component'] === 'string' ? d['component'] : null, address, 1),
    ];
    return lines.join('\n');
  },
};
