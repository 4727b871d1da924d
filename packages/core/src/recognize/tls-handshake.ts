import { innerText } from './inner.js';
import { isRedactedAddress } from './net.js';
import { componentName, eventBase, klogComponent, type Recognizer } from './recognizer.js';

// Go net/http's server (kube-apiserver, k3s, the kubelet, every Go HTTPS server):
// `http: TLS handshake error from 127.0.0.1:60264: remote error: tls: bad certificate`
// (kubernetes/kubernetes#78158, k3s-io/k3os#289). The peer is `host:port` or `[v6]:port`.
const GO_HTTP = /http: TLS handshake error from (\[[^\]\s]*\]:\d+|[^\s:[\]]+:\d+): /;
// etcd (capnslog, 3.2/3.3): `rejected connection from "192.168.0.12:34990" (error "remote error: tls: bad certificate", ServerName "")`
// (etcd-io/etcd#11770).
const ETCD = /rejected connection from "([^"\s]+)" \(error "([^"]*)"/;

interface Refusal { peer: string; error: string; etcd: boolean }

function refusal(text: string, json: Record<string, unknown> | null): Refusal | null {
  // etcd 3.4+ (zap): {"msg":"rejected connection","remote-addr":"127.0.0.1:38608","error":"remote error: tls: bad certificate"} (k3s-io/k3s#4438).
  if (json) {
    const peer = json['remote-addr'];
    const error = json['error'];
    if (json['msg'] === 'rejected connection' && typeof peer === 'string' && typeof error === 'string') return { peer, error, etcd: true };
  }
  let m = GO_HTTP.exec(text);
  // The error is the rest of the line.
  if (m) return { peer: m[1]!, error: text.slice(m.index + m[0].length).trim(), etcd: false };
  if ((m = ETCD.exec(text))) return { peer: m[1]!, error: m[2]!, etcd: true };
  return null;
}

/** A TLS server refusing a handshake (the server's side of a certificate problem), whoever logged it. */
export const tlsHandshake: Recognizer = {
  id: 'tls-handshake',
  needles: ['TLS handshake error from ', 'rejected connection'],
  recognize(entry, ctx) {
    const inner = innerText(entry.message);
    const r = refusal(inner.text, inner.json);
    if (!r) return;
    // with-unit names the unit instead (`rke2-server.service[902]:`): folded to the program.
    const component = inner.component ?? (r.etcd ? 'etcd' : null) ?? (entry.identifier === null ? klogComponent(entry.message) : componentName(entry, entry.identifier));
    const host = r.peer.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    ctx.emit({
      kind: 'tls-handshake-failed',
      ...eventBase(entry),
      component,
      peer: r.peer,
      error: r.error,
      ...(isRedactedAddress(host) ? { redacted: true as const } : {}),
    });
  },
};
