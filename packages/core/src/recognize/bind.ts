import type { JournalEntry } from '../model/entry.js';
import { addressFamily } from './net.js';
import { eventBase, type Recognizer } from './recognizer.js';

// EADDRNOTAVAIL, as each program words it:
// nginx:   `nginx: [emerg] bind() to 192.168.0.104:80 failed (99: Cannot assign requested address)`, `bind() to [2001:db8::5]:80 failed (99: …)`
//          (some libc builds print `(99: Unknown error)`);
// sshd:    `error: Bind to port 22 on 192.168.77.222 failed: Cannot assign requested address.`;
// haproxy: `[ALERT] 028/000017 (16567) : Starting frontend kubernetes: cannot bind socket [192.168.5.30:6443]` (≤ 2.3, no reason given),
//          `[ALERT]    (2066) : Binding [/etc/haproxy/haproxy.cfg:34] for frontend fe: cannot bind socket (Cannot assign requested address) for [10.0.53.2:443]` (≥ 2.4);
// Go:      `listen tcp 192.168.255.10:2380: bind: cannot assign requested address` (etcd, kube-apiserver, k3s, …; also tcp4/tcp6/udp).
// An address the author redacted (`bind() to ##.##.###.###:80`, NixOS/nixpkgs#5832) is kept as written (net.ts).
const NGINX = /bind\(\) to (\[[0-9a-fA-F:.]+\]|[0-9.xX#*]+):(\d+) failed \(99: ([^)]*)\)/;
const SSHD = /Bind to port (\d+) on (\S+) failed: (Cannot assign requested address)\.?/;
const HAPROXY_OLD = /: cannot bind socket \[(\[?[0-9a-fA-F:.]+?\]?):(\d+)\]/;
// The reason holds no parentheses: `[^()]` stops at the next `(` instead of reading the rest of the
// line again from every `cannot bind socket (` (quadratic on a line of them without a `)`).
const HAPROXY_NEW = /: cannot bind socket \(([^()]*)\) for \[(\[?[0-9a-fA-F:.]+?\]?):(\d+)\]/;
const GO_LISTEN = /listen (?:tcp|tcp4|tcp6|udp|udp4|udp6) (\[[0-9a-fA-F:.]+(?:%\w+)?\]|[0-9.]+):(\d+): bind: (cannot assign requested address)/;

function unbracket(a: string): string {
  return a.startsWith('[') && a.endsWith(']') ? a.slice(1, -1) : a;
}

function match(message: string): { address: string; port: number; reason: string | null } | null {
  let m = NGINX.exec(message);
  if (m) return { address: unbracket(m[1]!), port: Number(m[2]), reason: m[3]! };
  m = SSHD.exec(message);
  if (m) return { address: m[2]!, port: Number(m[1]), reason: m[3]! };
  m = HAPROXY_NEW.exec(message);
  if (m) return m[1] === 'Cannot assign requested address' ? { address: unbracket(m[2]!), port: Number(m[3]), reason: m[1]! } : null;
  m = HAPROXY_OLD.exec(message);
  if (m) return { address: unbracket(m[1]!), port: Number(m[2]), reason: null };
  m = GO_LISTEN.exec(message);
  if (m) return { address: unbracket(m[1]!).replace(/%\w+$/, ''), port: Number(m[2]), reason: m[3]! };
  return null;
}

/**
 * A service failing to bind a socket to an address the node does not have (yet). Any program: the
 * wordings are the programs' own and specific enough (errno 99 / EADDRNOTAVAIL), and wildcard
 * addresses, which never fail this way, are ignored.
 */
export const bindFailures: Recognizer = {
  id: 'bind-failures',
  needles: ['bind() to ', 'Bind to port ', 'cannot bind socket', 'bind: cannot assign requested address'],
  recognize(entry: JournalEntry, ctx) {
    const found = match(entry.message);
    if (!found) return;
    const family = addressFamily(found.address);
    if (!family || found.address === '0.0.0.0' || found.address === '::') return;
    ctx.emit({
      kind: 'bind-failed',
      ...eventBase(entry),
      address: found.address,
      port: found.port,
      family: family.family,
      program: entry.identifier ?? 'unknown',
      reason: found.reason,
      ...(family.redacted ? { redacted: true as const } : {}),
    });
  },
};
