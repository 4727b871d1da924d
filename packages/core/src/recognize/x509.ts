import type { EventOf } from '../model/event.js';
import { innerText } from './inner.js';
import { anyRedacted } from './net.js';
import { isoFromMicros } from '../time.js';
import { klogComponent, type Recognizer } from './recognizer.js';
import { RepeatMemo } from './repeats.js';

type Reason = NonNullable<EventOf<'tls-verify-failed'>['reason']>;

// Go crypto/x509 (verify.go) error texts, each with or without `tls: failed to verify certificate: `
// (Go ≥ 1.20) and kubectl's `Unable to connect to the server: `. Names and addresses never hold a
// comma or a space, so the lists split unambiguously (no backtracking).
const NAME = String.raw`[\w.:*%-]*[\w:*%-]`;
// A list item is a name or address, or what an author put in place of one (`<external IPv4>`,
// hetznercloud/hcloud-cloud-controller-manager#316): kept as written (net.ts, isRedactedAddress).
const ITEM = String.raw`(?:[\w.:*%-]+|<[^<>,\n]+>)`;
const VALID_FOR = new RegExp(String.raw`x509: certificate is valid for ((?:${ITEM}, )*${ITEM}), not (${NAME}|<[^<>,\n]+>)`);
// Before Go 1.?? the HostnameError texts had no `x509: ` prefix (projectcalico/calico#2040).
const NO_IP_SANS = new RegExp(String.raw`(?:x509: )?cannot validate certificate for (${NAME}) because it doesn't contain any IP SANs`);
const NO_NAMES = new RegExp(String.raw`x509: certificate is not valid for any names, but wanted to match (${NAME})`);
// Go 1.15–1.16: `…, use SANs or temporarily enable Common Name matching with GODEBUG=x509ignoreCN=0`.
const LEGACY_CN = /x509: certificate relies on legacy Common Name field/;
// The client does not trust the issuer: `x509: certificate signed by unknown authority`, with or without
// Go's `(possibly because of "crypto/rsa: verification error" while trying to verify candidate authority
// certificate "kubernetes")` (kubernetes/kubernetes#48282, k3s-io/k3s#411, rancher/rke#3050).
const UNKNOWN_AUTHORITY = /x509: certificate signed by unknown authority/;
// The kubelet's certificate manager (client-go transport/cert_rotation, pkg/kubelet/certificate/transport.go)
// when its own client certificate expired: `The currently active client certificate has expired, but the
// server is not responsive. A restart may be necessary …` / `… has expired and the server is responsive,
// closing all connections.` (kubernetes/kubernetes#96256).
const CLIENT_EXPIRED = /The currently active client certificate has expired\b/;
const TIME = /x509: certificate has expired or is not yet valid(?:: current time (\S+) is (before|after) ([^\s,;)"\\]+))?/;
// etcd's own SAN check of a client certificate (client/pkg/transport/listener.go):
// `tls: "10.0.0.2" does not match any of DNSNames ["a" "b"]`, quotes escaped inside a quoted error.
// The lists hold no brackets: `[^[\]]` stops at the next list's `[` rather than reading the rest
// of the line again from every `DNSNames [` (quadratic on a line of them without a `]`).
// A page may show the quotes as typographic ones: `tls: “10.yyy.yyy.yyy” does not match any of DNSNames [“etcd0” …]`
// (etcd-io/etcd#8206).
const ETCD_SAN = /tls: \\*["“]([^"“”\\]+)\\*["”] does not match any of DNSNames \[([^[\]]*)\]/;
const ETCD_IPS = /IPAddresses \[([^[\]]*)\]/;
const ETCD_DNS = /, DNSNames \[([^[\]]*)\]\)?$/;
// The URL a Go client was fetching: `Get "https://192.168.2.10:6443/api?timeout=32s": …`.
const URL_HOST = /https?:\/\/(\[[0-9A-Fa-f:.%]+\]|[^/:"\s\\]+)/g;

// A quoted item starts where a run of backslashes starts (`(?<!\\)`): from inside the run it could
// only fail again, each time re-reading the run, quadratic on a long one.
function quotedList(text: string): string[] {
  return [...text.matchAll(/(?<![\\“])\\*["“]([^"“”\\]*)\\*["”]/g)].map((m) => m[1]!).filter(Boolean);
}

function isoOrSelf(text: string): string {
  const t = Date.parse(text);
  return Number.isNaN(t) ? text : new Date(t).toISOString().replace('.000Z', 'Z');
}

/** The host of the last URL before `index` in `text`, brackets off an IPv6 literal; '' when none. */
function hostBefore(text: string, index: number): string {
  let host = '';
  for (const m of text.matchAll(URL_HOST)) {
    if (m.index! > index) break;
    host = m[1]!.replace(/^\[|\]$/g, '');
  }
  return host;
}

interface Failure { reason: Reason; validFor: string[]; wanted: string; currentTime?: string; boundary?: string }

function classify(text: string, raw: string, json: Record<string, unknown> | null): Failure | null {
  let m = VALID_FOR.exec(text);
  if (m) return { reason: 'hostname-mismatch', validFor: m[1]!.split(', '), wanted: m[2]! };
  if ((m = NO_IP_SANS.exec(text))) return { reason: 'no-ip-sans', validFor: [], wanted: m[1]! };
  if ((m = NO_NAMES.exec(text))) return { reason: 'no-names', validFor: [], wanted: m[1]! };
  if ((m = LEGACY_CN.exec(text))) return { reason: 'legacy-cn', validFor: [], wanted: hostBefore(text, m.index) };
  if ((m = TIME.exec(text))) {
    const wanted = hostBefore(text, m.index);
    if (m[1] === undefined) return { reason: 'expired-or-not-yet-valid', validFor: [], wanted };
    return { reason: m[2] === 'before' ? 'not-yet-valid' : 'expired', validFor: [], wanted, currentTime: isoOrSelf(m[1]), boundary: isoOrSelf(m[3]!) };
  }
  if (CLIENT_EXPIRED.test(text)) return { reason: 'client-certificate-expired', validFor: [], wanted: '' };
  if ((m = UNKNOWN_AUTHORITY.exec(text))) return { reason: 'unknown-authority', validFor: [], wanted: hostBefore(text, m.index) };
  if ((m = ETCD_SAN.exec(text) ?? ETCD_SAN.exec(raw))) {
    // zap (etcd ≥ 3.4) gives the client certificate's SANs as fields; capnslog (3.2/3.3) at the line's end.
    const ips = Array.isArray(json?.['ip-addresses']) ? (json!['ip-addresses'] as unknown[]).map(String) : quotedList(ETCD_IPS.exec(raw)?.[1] ?? '');
    const dns = Array.isArray(json?.['dns-names']) ? (json!['dns-names'] as unknown[]).map(String) : quotedList(ETCD_DNS.exec(raw)?.[1] ?? m[2]!);
    return { reason: 'hostname-mismatch', validFor: [...ips, ...dns], wanted: m[1]! };
  }
  return null;
}

/** What a message says: the failure, the component the message itself names (else null), whether an address in it is redacted. */
export interface Found { failure: Failure; named: string | null; redacted: boolean }

/** What an x509 error in this message says (null: none), as far as the message alone says it. */
export function x509Finding(message: string): Found | null {
  const inner = innerText(message);
  const failure = classify(inner.text, message, inner.json);
  if (!failure) return null;
  const named = inner.component ?? (inner.json && inner.json['msg'] === 'rejected connection' ? 'etcd' : null);
  return { failure, named, redacted: anyRedacted([failure.wanted, ...failure.validFor]) };
}

// What x509Finding() gave for recent messages, by repeatKey (issue 16: a broken node's kubelet logs its x509
// error every few seconds, relayed by k0s). The key differs from the message only in a leading
// logrus `time="…"` value and a klog header's date and time, at the start of the message or of
// logrus's `msg`. x509Finding() reads neither: logrus parses `time=""` as it parses any quoted stamp and
// x509 reads only `msg`, `error`/`err` and `component`; a klog header with other digits is stripped
// (KLOG_HEADER) or kept alike; every pattern of classify() starts with words (`x509: `, `tls: `,
// `cannot validate`, `IPAddresses [`, `, DNSNames [`, `http`) that cannot start in or before those
// pieces, so none reads them; the zap form starts with `{` and has no key cut. What depends on the
// entry (its identifier, klogComponent of its message) is not cached. Test: test/repeats.test.ts.
const repeats = new RepeatMemo<Found | null>();

/** A TLS client refusing a certificate, from whichever process logged it, for any of Go's x509 reasons. */
export const x509: Recognizer = {
  id: 'x509',
  // Every x509-prefixed text classify() reads starts `x509: certificate ` (the others have their own
  // needles); the longer needle lets the dispatch's scan skip further (docs/performance.md, round 5).
  needles: ['x509: certificate ', 'cannot validate certificate for', 'does not match any of DNSNames', 'active client certificate has expired'],
  // What it finds depends on the message's repeatKey alone (see above); the component on the identifier
  // and the message's klog file, which the key keeps.
  repeatsAlike: true,
  recognize(entry, ctx) {
    let found = repeats.get(entry.message);
    if (found === undefined) repeats.set(entry.message, (found = x509Finding(entry.message)));
    if (found === null) return;
    const { failure } = found;
    const component = found.named ?? entry.identifier ?? klogComponent(entry.message);
    // Spelled out, not `...eventBase(entry)`: spreading into a literal cost ~2,000 instructions per
    // event, and a broken node logs this every few seconds (issue 16). Same fields, same order.
    const event: EventOf<'tls-verify-failed'> = {
      kind: 'tls-verify-failed',
      monotonicUs: entry.monotonicUs,
      realtime: entry.realtimeUs === null ? null : isoFromMicros(entry.realtimeUs),
      source: entry.source,
      identifier: entry.identifier,
      systemdUnit: entry.unit,
      message: entry.message,
      validFor: failure.validFor.slice(),
      wanted: failure.wanted,
      component: component ?? null,
      reason: failure.reason,
    };
    if (failure.currentTime !== undefined) {
      event.currentTime = failure.currentTime;
      event.boundary = failure.boundary!;
    }
    if (found.redacted) event.redacted = true;
    ctx.emit(event);
  },
};
