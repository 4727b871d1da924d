import { redactedSans, sanSetOf } from './k0s.js';
import { innerText } from './inner.js';
import { eventBase, type Recognizer } from './recognizer.js';

// kubeadm init/join prints its phases to stdout; they reach the journal when a provisioning unit
// (cloud-init, an Ansible or shell unit) runs it, prefixed however that tool prefixes them.
// `[certs] apiserver serving cert is signed for DNS names [kube1 kubernetes …] and IPs [10.96.0.1 172.16.99.103]`
// (kubernetes/kubeadm#2699); ≤ 1.12 the phase was `[certificates]` (kubeadm#947, calico#2040), and the
// oldest releases wrote `API Server serving cert`. Neither the name nor the lists hold a bracket, so
// each stops at the next `[` rather than reading the rest of the line again from every `[certs] `
// (quadratic on a line of them); the name, like `.`, does not cross a line break.
const SIGNED_FOR = /\[(?:certs|certificates)\] ([^[\]\n\r\u2028\u2029]+?) serving cert is signed for DNS names \[([^[\]]*)\] and IPs \[([^[\]]*)\]/;
// `[certs] Using the existing "apiserver" certificate and key` (older: without quotes, with a period);
// since 1.13 `[certs] Using existing apiserver certificate and key on disk` (kubernetes/kubernetes#74249).
const EXISTING = /\[(?:certs|certificates)\] Using (?:the )?existing "?([\w./ -]+?)"? certificate and key/;

function certName(printed: string): string {
  return /^API ?Server$/i.test(printed) ? 'apiserver' : printed;
}

/** kubeadm's certificate phase: the SANs it signed each serving certificate for, or that it kept one. */
export const kubeadm: Recognizer = {
  id: 'kubeadm',
  needles: ['serving cert is signed for', 'certificate and key'],
  recognize(entry, ctx) {
    const text = entry.message;
    const signed = SIGNED_FOR.exec(text);
    if (signed) {
      const sans = sanSetOf([...signed[2]!.split(/\s+/), ...signed[3]!.split(/\s+/)]);
      ctx.emit({ kind: 'cert-issued', ...eventBase(entry), component: 'kubeadm', action: 'signed', certificate: certName(signed[1]!), sans, ...redactedSans(sans) });
      return;
    }
    const existing = EXISTING.exec(text);
    if (existing) {
      ctx.emit({ kind: 'cert-issued', ...eventBase(entry), component: 'kubeadm', action: 'reused', certificate: certName(existing[1]!) });
    }
  },
};

// kube-apiserver (and the other k8s.io/apiserver servers) at -v=2, tlsconfig.go:
// `"Loaded serving cert" certName="serving-cert::/etc/kubernetes/pki/apiserver.crt::…key" certDetail="\"kube-apiserver\"
//  [serving] validServingFor=[10.96.0.1,192.168.2.10,kubernetes,…] issuer=\"kubernetes\" (2024-03-08 11:25:05 +0000 UTC
//  to 2025-03-08 11:25:05 +0000 UTC (now=…))"`. Quotes are escaped once more inside k0s's logrus wrapping.
const LOADED = /"Loaded serving cert" certName=\\*"([^"\\]*)\\*" certDetail=\\*"\\*"([^"\\]*)\\*" \[serving\] validServingFor=\[([^\]]*)\](?: issuer=\\*"([^"\\]*)\\*")?(?: \((\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}) UTC to (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}) UTC)?/;

/** `2024-03-08 11:25:05 +0000` → `2024-03-08T11:25:05Z`. */
export function goTimeToIso(text: string): string {
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.\d+)? ([+-]\d\d)(\d\d)/.exec(text);
  if (!m) return text;
  const t = Date.parse(`${m[1]}T${m[2]}${m[3]}:${m[4]}`);
  return Number.isNaN(t) ? text : new Date(t).toISOString().replace('.000Z', 'Z');
}

/** kube-apiserver telling which serving certificate it loaded and the names it is valid for. */
export const apiserverServingCert: Recognizer = {
  id: 'kube-apiserver-serving-cert',
  needles: ['"Loaded serving cert"', '\\"Loaded serving cert\\"'],
  recognize(entry, ctx) {
    const inner = innerText(entry.message);
    // k0s wraps the scheduler and controller-manager too; their self-signed localhost certs are not the API's.
    if (inner.component !== null && inner.component !== 'kube-apiserver') return;
    const m = LOADED.exec(inner.text) ?? LOADED.exec(entry.message);
    if (!m) return;
    const certName = m[1]!;
    if (!certName.startsWith('serving-cert::')) return;
    const path = certName.split('::')[1] ?? certName;
    ctx.emit({
      kind: 'cert-issued',
      ...eventBase(entry),
      component: entry.identifier ?? 'kube-apiserver',
      action: 'loaded',
      certificate: path,
      subject: m[2]!,
      sans: sanSetOf(m[3]!.split(',').filter(Boolean)),
      ...(m[4] !== undefined ? { issuer: m[4] } : {}),
      ...(m[5] !== undefined ? { notBefore: goTimeToIso(m[5]), notAfter: goTimeToIso(m[6]!) } : {}),
    });
  },
};
