import { eventBase, type Recognizer } from './recognizer.js';

// microk8s.daemon-apiserver-kicker (a shell loop) regenerates the API server's certificate from
// csr.conf.template when the node's addresses change, then restarts the API server:
// `CSR change detected. Reconfiguring the kube-apiserver` (canonical/microk8s#2185, #2241); newer
// releases: `cert change detected. Reconfiguring the kube-apiserver`.
const CHANGE = /^(?:CSR|cert) change detected\. Reconfiguring the kube-apiserver/;

/** microk8s re-signing its API server certificate because the node's addresses changed. */
export const microk8s: Recognizer = {
  id: 'microk8s',
  needles: ['change detected. Reconfiguring the kube-apiserver'],
  recognize(entry, ctx) {
    if (!CHANGE.test(entry.message)) return;
    ctx.emit({ kind: 'cert-issued', ...eventBase(entry), component: 'microk8s', action: 'signed', certificate: 'server.crt' });
  },
};
