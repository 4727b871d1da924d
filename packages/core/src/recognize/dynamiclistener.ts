import type { SanSet } from '../model/event.js';
import { goTimeToIso } from './kubeadm.js';
import { redactedSans, sanSetOf } from './k0s.js';
import { innerText } from './inner.js';
import { componentName, eventBase, type Recognizer } from './recognizer.js';

/**
 * The component a dynamiclistener line is from when no journal identifier says it (a log file,
 * `kubectl logs`): the names it logs say it (`kube-system/rke2-serving`, `CN=rke2-server-ca@…`;
 * Rancher's own listener serves `serving-cert`), else k3s.
 */
function componentOfNames(names: string): string {
  if (names.includes('rke2')) return 'rke2';
  if (/(?:^|\/)serving-cert$/.test(names)) return 'rancher';
  return 'k3s';
}

// rancher/dynamiclistener, as k3s and rke2 log it (logrus, RFC3339 `time=`):
//   `Active TLS secret kube-system/k3s-serving (ver=239) (count 10): map[listener.cattle.io/cn-10.0.1.227:10.0.1.227 …
//    listener.cattle.io/fingerprint:SHA1=…]` (k3s-io/k3s#5163; older releases: `k3s-serving`, k3s#2754)
//   `Updating TLS secret for kube-system/k3s-serving (count: 10): map[…]` (k3s#5163, k3s#2914)
//   `Creating new TLS secret for kube-system/k3s-serving (count: 10): map[…]`
// The map's annotations are the certificate's SAN set: `cn-<mangled>:<name>`; IPv6 keys are mangled
// (`cn-__1-f16284:::1`), so the value is what follows the key's first colon.
//   `Active TLS secret / (ver=) (count 10): map[…]` and `Active TLS secret  (ver=) (count 9): map[…]`: no name, no
//   version, as k3s and rke2 log the secret they serve before it is stored (k3s-io/k3s#9418, rancher/rke2#2258)
// A line cut inside the map (a pager, a wrapped paste: rancher/rancher#50065) keeps the names before the cut.
const SECRET = /^(Active|Updating|Creating new) TLS secret (?:for )?(\S*?)(?: \(ver=\d*\))?(?: \(count:? \d+\): map\[(.*?)(\]?)\]?)?$/s;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * `certificate CN=k3s,O=k3s signed by CN=k3s-server-ca@1612641497: notBefore=2021-02-06 19:58:17 +0000 UTC notAfter=…` (k3s#2914):
 * subject, issuer, notBefore and notAfter (each time with its ` UTC`), or null. Exactly what
 * /^certificate (.+?) signed by (.+?): notBefore=(.+? UTC) notAfter=(.+? UTC)$/ matched and captured,
 * found with indexOf: the regex's lazy fields, tried against one another, were quadratic and worse.
 */
function signedBy(text: string): [subject: string, issuer: string, notBefore: string, notAfter: string] | null {
  const head = 'certificate ';
  if (!text.startsWith(head) || !text.endsWith(' UTC') || LINE_BREAK.test(text)) return null;
  // The last ` UTC notAfter=` that leaves a time before the final ` UTC`, the last `: notBefore=`
  // that leaves a time before it, the first ` signed by ` that leaves an issuer: a match exists
  // exactly when these exist, in this order.
  const after = text.lastIndexOf(' UTC notAfter=', text.length - 19);
  if (after < 0) return null;
  const before = text.lastIndexOf(': notBefore=', after - 13);
  if (before < 0) return null;
  const by = text.indexOf(' signed by ', head.length + 1);
  if (by < 0 || by > before - 12) return null;
  // Each field then as short as it can be, as the lazy `(.+?)` made it.
  const notBefore = text.indexOf(': notBefore=', by + 12);
  const notAfter = text.indexOf(' UTC notAfter=', notBefore + 13);
  return [text.slice(head.length, by), text.slice(by + 11, notBefore), text.slice(notBefore + 12, notAfter + 4), text.slice(notAfter + 14)];
}

export function sansOfListenerMap(map: string, cut = false): SanSet | null {
  const names: string[] = [];
  const items = map.split(/\s+/);
  // The last item of a map cut short may itself be cut (`cn-172.16.112.130:172.16.112.1`): left out.
  if (cut) items.pop();
  for (const item of items) {
    if (!item) continue;
    if (item === '...' || item === '…') return null; // truncated by whoever pasted it: the set is unknown
    const m = /^listener\.cattle\.io\/cn-[^:]*:(.+)$/.exec(item);
    if (m) names.push(m[1]!);
  }
  return sanSetOf(names);
}

/**
 * k3s and rke2 (dynamiclistener): the serving certificate's SAN set as it is created, updated and put
 * in use, from the journal (`k3s[90630]: time=… msg="Active TLS secret …"`), from /var/log/k3s.log or
 * from `kubectl logs`: the same line gives the same event (the component from the identifier, else
 * from the names the line logs).
 */
export const dynamiclistener: Recognizer = {
  id: 'dynamiclistener',
  needles: ['TLS secret', ' signed by '],
  recognize(entry, ctx) {
    const { text } = innerText(entry.message);
    const secret = SECRET.exec(text);
    if (secret) {
      const name = secret[2]!;
      const cut = secret[3] !== undefined && secret[4] !== ']';
      const sans = secret[3] === undefined ? null : sansOfListenerMap(secret[3], cut);
      ctx.emit({
        kind: 'cert-issued',
        ...eventBase(entry),
        component: componentName(entry, componentOfNames(name)),
        action: secret[1] === 'Active' ? 'active' : 'signed',
        // `/` and the empty name: a secret not stored yet, which names no certificate.
        ...(name !== '' && name !== '/' ? { certificate: name } : {}),
        ...(sans ? { sans, ...redactedSans(sans) } : {}),
        ...(sans && cut ? { sansPartial: true } : {}),
      });
      return;
    }
    const signed = signedBy(text);
    if (signed) {
      ctx.emit({
        kind: 'cert-issued',
        ...eventBase(entry),
        component: componentName(entry, componentOfNames(signed[1])),
        action: 'signed',
        subject: signed[0],
        issuer: signed[1],
        notBefore: goTimeToIso(signed[2]),
        notAfter: goTimeToIso(signed[3]),
      });
    }
  },
};
