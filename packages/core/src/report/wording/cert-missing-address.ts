import { certRemedies } from './cert-remedies.js';
import { list, secondsText, str, type Wording } from './common.js';

const ORIGIN_WORDS: Record<string, string> = { file: 'the certificate file', log: 'the SAN set the server logged', 'client-error': "a client's x509 error" };

function why(d: Record<string, unknown>): string[] {
  const reasons: string[] = [];
  const expected = list(d['expectedBy']);
  if (expected.length > 0) reasons.push(`expected by ${expected.join(', ')}`);
  if (d['interface'] !== null && d['interface'] !== undefined) reasons.push(`on ${str(d['interface'])} from ${secondsText(d['addressAppearedAtMs'])}`);
  const asked = Number(d['askedByClients'] ?? 0);
  if (asked > 0) reasons.push(`${d['presentedByClient'] === true ? 'refused by' : 'asked for by'} ${list(d['askedBy']).join(', ')} (${asked}×)`);
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
    if (d['presentedByClient'] === true) return clientCertificateRemedy(address, sans, list(d['askedBy']));
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

/** etcd (or another server checking clients) refused a client whose own certificate lacks the client's address. */
function clientCertificateRemedy(address: string, sans: string[], servers: string[]): string {
  return [
    `What happened: ${servers.join(', ') || 'the server'} refused the client at ${address}: the certificate that client presented is valid for ` +
      `${sans.length > 0 ? sans.join(', ') : 'no IP address'}, without its own address ${address}. A certificate copied from another member ` +
      'or issued before the address changed does this.',
    'What to change:',
    `  1. Issue the member at ${address} its own peer (and client) certificate with ${address} among its subject alternative names, ` +
      'signed by the same CA, and restart etcd there; do not copy one member\'s certificate to another.',
    '  2. For kubeadm: on that node, kubeadm init phase certs etcd-peer and etcd-server (after moving the old pair away) re-issue them for its own address.',
  ].join('\n');
}
