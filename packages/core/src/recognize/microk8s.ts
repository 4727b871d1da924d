import { eventBase, type Recognizer } from './recognizer.js';

// microk8s.daemon-apiserver-kicker (a shell loop) regenerates the API server's certificate from
// csr.conf.template when the node's addresses change, then restarts the API server:
// `CSR change detected. Reconfiguring the kube-apiserver` (canonical/microk8s#2185, #2241); newer
// releases: `cert change detected. Reconfiguring the kube-apiserver`.
const CHANGE = /^(?:CSR|cert) change detected\. Reconfiguring the kube-apiserver/;
// The kicker signs with `openssl x509 -req`, which prints `Signature ok` (OpenSSL 3: `Certificate request
// self-signature ok`), then the subject: `subject=/CN=front-proxy-client` (canonical/microk8s#2241),
// `subject=C = GB, ST = Canonical, …, CN = 127.0.0.1` (OpenSSL 1.1, canonical/microk8s#3575).
const SIGNATURE_OK = /^(?:Signature ok|Certificate request self-signature ok)$/;
const SUBJECT = /^subject= ?(.*)$/;
const CN = /(?:^|[/,] ?)CN ?= ?([^,/]*)/;

const KICKER = 'microk8s.daemon-apiserver-kicker';

/** microk8s re-signing its API server certificate because the node's addresses changed. */
export const microk8s: Recognizer = {
  id: 'microk8s',
  needles: ['change detected. Reconfiguring the kube-apiserver'],
  recognize(entry, ctx) {
    if (!CHANGE.test(entry.message)) return;
    ctx.emit({ kind: 'cert-issued', ...eventBase(entry), component: 'microk8s', action: 'signed', certificate: 'server.crt' });
  },
};

/**
 * The certificates microk8s's kicker signs with openssl. Only the kicker's lines: openssl's short
 * words would make every other message's needle scan slower (recognize/dispatch.ts, round 5).
 */
export const microk8sSigning: Recognizer = {
  id: 'microk8s-signing',
  needles: ['ignature ok', 'subject='],
  identifiers: [KICKER],
  recognize(entry, ctx) {
    if (entry.identifier !== KICKER) return;
    const message = entry.message;
    // openssl's two lines come from one process: the subject counts only right after its `Signature ok`.
    const signing = ctx.state('microk8s.signing', () => ({ pid: null as number | null, open: false }));
    if (SIGNATURE_OK.test(message)) {
      Object.assign(signing, { pid: entry.pid, open: true });
      return;
    }
    const subject = SUBJECT.exec(message);
    const same = signing.open && signing.pid === entry.pid;
    signing.open = false;
    const cn = subject === null ? '' : CN.exec(subject[1]!)?.[1]?.trim() ?? '';
    if (!same || cn === '') return;
    ctx.emit({ kind: 'cert-issued', ...eventBase(entry), component: 'microk8s', action: 'signed', certificate: cn });
  },
};
