import { parseLogrus } from './logrus.js';
import { eventBase, type Recognizer } from './recognizer.js';

// Go crypto/x509 HostnameError: `x509: certificate is valid for 127.0.0.1, 10.96.0.1, not 192.168.2.10`.
// Names and addresses never hold a comma or a space, so the list splits unambiguously (no backtracking).
const VALID_FOR = /x509: certificate is valid for ((?:[\w.:*-]+, )*[\w.:*-]+), not ([\w.:*-]*[\w:*-])/;

/** A TLS client refusing a certificate, from whichever process logged it. */
export const x509: Recognizer = {
  id: 'x509',
  needles: ['x509: certificate is valid for'],
  recognize(entry, ctx) {
    const m = VALID_FOR.exec(entry.message);
    if (!m) return;
    const component = parseLogrus(entry.message)?.['component'] ?? entry.identifier;
    ctx.emit({ kind: 'tls-verify-failed', ...eventBase(entry), validFor: m[1]!.split(', '), wanted: m[2]!, component: component ?? null });
  },
};
