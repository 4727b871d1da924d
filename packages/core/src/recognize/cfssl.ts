import { innerText } from './inner.js';
import { componentName, eventBase, type Recognizer } from './recognizer.js';

// cfssl's `signed certificate with serial number N`, as k0s ≥ 1.27 logs it through logrus
// (`msg="signed certificate with serial number …" component=cfssl`), as older k0s let cfssl's own logger
// print it (`2022/09/10 21:46:16 [INFO] signed certificate …`, k0s#2151, k0sproject/k0s#1195), and inside a
// klog line (kube-controller-manager's CSR signer: `I0326 21:36:37.913309 20958 logs.go:41] [INFO] signed
// certificate with serial number <redacted>`, kelseyhightower/kubernetes-the-hard-way#138). A serial the
// author redacted leaves the event without one.
const SIGNED = /^(?:\[INFO\] )?signed certificate with serial number (\S+)$/;

/** Certificates signed through cfssl (k0s signs every leaf certificate this way, on every start). */
export const cfssl: Recognizer = {
  id: 'cfssl',
  needles: ['signed certificate with serial number'],
  recognize(entry, ctx) {
    const inner = innerText(entry.message);
    const serial = SIGNED.exec(inner.text)?.[1];
    if (serial === undefined) return;
    // k0s tags cfssl's lines `component=cfssl`: from a log file without a journal identifier, that names k0s.
    const component = componentName(entry, inner.component === 'cfssl' ? 'k0s' : 'cfssl');
    ctx.emit({ kind: 'cert-issued', ...eventBase(entry), component, action: 'signed', ...(/^\d+$/.test(serial) ? { serial } : {}) });
  },
};
