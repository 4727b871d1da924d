import type { JournalEntry } from '../model/entry.js';
import type { AddressFamily } from '../model/event.js';
import { addressFamily } from './net.js';
import { eventBase, type Recognizer, type RecognizeContext } from './recognizer.js';

// EADDRNOTAVAIL (errno 99), as each program words it:
// nginx:   `nginx: [emerg] bind() to 192.168.0.104:80 failed (99: Cannot assign requested address)`, `bind() to [2001:db8::5]:80 failed (99: …)`
//          (some libc builds print `(99: Unknown error)`);
// sshd:    `error: Bind to port 22 on 192.168.77.222 failed: Cannot assign requested address.`, then `fatal: Cannot bind any address.`;
// haproxy: `[ALERT] 028/000017 (16567) : Starting frontend kubernetes: cannot bind socket [192.168.5.30:6443]` (≤ 2.3, no reason given),
//          `[ALERT]    (2066) : Binding [/etc/haproxy/haproxy.cfg:34] for frontend fe: cannot bind socket (Cannot assign requested address) for [10.0.53.2:443]` (≥ 2.4);
// Go:      `listen tcp 192.168.255.10:2380: bind: cannot assign requested address` (etcd, kube-apiserver, k3s, dockerd, …; also tcp4/tcp6/udp).
// apache:  `(99)Cannot assign requested address: AH00072: make_sock: could not bind to address 10.0.0.1:80` (gluu-58 in test/corpus/bind);
// postgres: `could not bind IPv6 address "::1": Address not available` (musl's wording; glibc: `Cannot assign requested address`);
// redis:   `Could not create server TCP listening socket ::1:6379: bind: Cannot assign requested address`;
// dnsmasq: `failed to create listening socket for 10.192.122.1: Cannot assign requested address`;
// unbound: `error: can't bind socket: Cannot assign requested address for ::1` (optionally ` port 53`);
// nsd:     `can't bind udp socket: Cannot assign requested address` (no address);
// named:   `could not listen on UDP socket: address not available`, naming the address on the `listening on IPv6 interface ens33, ADDR#53` line before it;
// chronyd: `Could not bind IPv6 NTP socket : Cannot assign requested address` (no address);
// openvpn: `TCP/UDP: Socket bind failed on local address [AF_INET]192.168.18.120:65301: Address not available (errno=99)`;
// networkd: `DHCPv6 CLIENT: Failed to bind to UDP socket at address fe80::…: Cannot assign requested address`;
// keepalived: `bind unicast_src [192.168.1.208] failed 99 - Cannot assign requested address` (a paste may turn the address into a Markdown link);
// chronyd 4.x: `Could not open command socket on [::1]:323`, `Could not open NTP socket on [::]:123` (no reason; dockur/chrony#18:
//          no IPv6 in the container); a wildcard address says only which port;
// haproxy: `Starting proxy Public-HTTPS: cannot bind socket` (SysV init script output, no address: nbevans' keepalived notes);
// generic: `ERROR: bind: Cannot assign requested address` (shadowsocks-libev ss-server, shadowsocks/shadowsocks-libev#729),
//          `sock_create_server(): unable to bind() socket (Cannot assign requested address)` (mbusd, 3cky/mbusd#58) (no address);
// systemd: `fleet.socket failed to listen on sockets: Cannot assign requested address` / `x.socket: Failed to listen on sockets: …` (no address).
// inspircd: its start-up report (2.0, inspircd#1794): `WARNING: Not all your client ports could be bound -- ` (no address;
//          what a port failed with follows), then a table of the ports, `1.\tAddress: 192.0.2.7:6697 \tReason: Cannot assign
//          requested address` (`<all>` for a blank address: the wildcard);
// An address the author redacted (`bind() to ##.##.###.###:80`, NixOS/nixpkgs#5832) is kept as written (net.ts).
// EADDRINUSE (errno 98: another socket holds the port; the address may be a wildcard), where the wording is the same:
// nginx:   `bind() to 0.0.0.0:80 failed (98: Address already in use)` (logseq/logseq#1110);
// dnsmasq: `failed to create listening socket for 192.168.178.2: Address in use` (musl, openwrt/luci#6959),
//          `failed to create listening socket for port 53: Address already in use` (no bind-interfaces: the wildcard; stooged/PI-Pwn#14),
//          the same in glibc's Spanish, `La dirección ya se está usando` (nextcloud/nextcloudpi#1553);
// systemd: `sshd.socket: Failed to listen on sockets: Address already in use` (coreos/bugs#426);
// Go:      `listen tcp 127.0.0.1:6444: bind: address already in use` (k3s-io/k3s#5973), `listen tcp 0.0.0.0:6443: …` (kubernetes/website#14019).
const NGINX = /bind\(\) to (\[[0-9a-fA-F:.]+\]|[0-9.xX#*a-z-]+):(\d+) failed \((9[89]): ([^)]*)\)/;
// sshd names the port and address, then `failed: ` and the reason: EADDRNOTAVAIL, or EADDRINUSE
// (`failed: Address already in use.`, termux/termux-packages#6126; musl's `Address in use.`,
// hassio-addons/app-ssh#669). A pager cuts the line at the terminal's width (`… on 10.43.42.64 faile`,
// delphix/delphix-platform#147) and `systemctl status` ellipsizes it in the middle (`… on 0.0.0.0
// faile…use.`, MichaIng/DietPi#2618): what is left decides the reason when only one fits.
const SSHD = /Bind to port (\w+) on (\S+) f/;
/** sshd's endings, after the address: the reasons it logs. */
const SSHD_ENDINGS: ReadonlyArray<{ text: string; inUse: boolean }> = [
  { text: 'failed: Cannot assign requested address.', inUse: false },
  { text: 'failed: Address already in use.', inUse: true },
  { text: 'failed: Address in use.', inUse: true },
];
const SSHD_FATAL = /^fatal: (Cannot bind any address)\.?$/;
const HAPROXY_OLD = /: cannot bind socket \[(\[?[0-9a-fA-F:.]+?\]?):(\d+)\]/;
// The reason holds no parentheses: `[^()]` stops at the next `(` instead of reading the rest of the
// line again from every `cannot bind socket (` (quadratic on a line of them without a `)`).
const HAPROXY_NEW = /: cannot bind socket \(([^()]*)\) for \[(\[?[0-9a-fA-F:.]+?\]?):(\d+)\]/;
const GO_LISTEN = /listen (?:tcp|tcp4|tcp6|udp|udp4|udp6) (\[[0-9a-fA-F:.]+(?:%\w+)?\]|[0-9.]+):(\d+): bind: (cannot assign requested address|address already in use)/;
const APACHE = /\(99\)(Cannot assign requested address): (?:AH\d+: )?make_sock: could not bind to address (\[[0-9a-fA-F:.]+\]|[0-9.]+):(\d+)/;
const POSTGRES = /could not bind IPv([46]) address "([0-9a-fA-F:.]+)": (Cannot assign requested address|Address not available)/;
const REDIS = /Could not create server TCP listening socket ([0-9a-fA-F:.]+):(\d+): bind: (Cannot assign requested address)/;
const DNSMASQ = /failed to create listening socket for (?:port (\d+)|([0-9a-fA-F:.]+)): (Cannot assign requested address|Address already in use|Address in use|La dirección ya se está usando)/;
const UNBOUND = /can't bind socket: (Cannot assign requested address) for ([0-9a-fA-F:.]+)(?: port (\d+))?/;
const NSD = /can't bind (?:udp|tcp) socket: (Cannot assign requested address)/;
const NAMED_LISTENING = /listening on IPv[46] interface [^,\s]+, ([0-9a-fA-F:.]+)#(\d+)/;
const NAMED = /could not listen on (?:UDP|TCP) socket: (address not available)/;
const CHRONYD = /Could not bind IPv([46]) (?:NTP|command) socket ?: (Cannot assign requested address)/;
const OPENVPN = /Socket bind failed on local address \[AF_INET6?\]([0-9a-fA-F:.]+):(\d+): (Cannot assign requested address|Address not available)/;
const NETWORKD = /Failed to bind to UDP socket at address ([0-9a-fA-F:.]+): (Cannot assign requested address)/;
const KEEPALIVED = /bind unicast_src \[([0-9a-fA-F:.]+)\](?:\([^()\s]*\))? failed 99 - (Cannot assign requested address|Cannot assign)/;
const CHRONYD_OPEN = /^Could not open (?:command|NTP) socket on (\[[0-9a-fA-F:.]+\]|[0-9.]+):(\d+)$/;
const HAPROXY_BARE = /: cannot bind socket$/;
const BIND_GENERIC = /(?:\bbind: |unable to bind\(\) socket \()(Cannot assign requested address)\)?$/;
const SOCKET_UNIT = /^(\S+\.socket):? [Ff]ailed to listen on sockets: (Cannot assign requested address|Address already in use)$/;
const INSPIRCD_ROW = /^\d{1,3}\.\s{1,8}Address: (\[[0-9a-fA-F:.]+\]|[0-9.xX#*a-z-]+|<all>):(\d{1,5})\s{1,8}Reason: (Cannot assign requested address|Address already in use)$/;
const INSPIRCD_WARNING = /^(?:WARNING: |Warning! )?Not all your client ports could be bound\b/;
// The EADDRINUSE wordings above (errno 98 for nginx).
const IN_USE = /^(?:[Aa]ddress (?:already )?in use|La dirección ya se está usando)$/;

interface Found { address: string | null; port: number | null; reason: string | null; family?: AddressFamily; program?: string; inUse?: boolean; reasonCut?: boolean }

function unbracket(a: string): string {
  return a.startsWith('[') && a.endsWith(']') ? a.slice(1, -1) : a;
}

const fam = (v: string): AddressFamily => (v === '6' ? 'ipv6' : 'ipv4');

/** The wordings that name the address. */
function matchAddressed(message: string): Found | null {
  let m = NGINX.exec(message);
  if (m) return { address: unbracket(m[1]!), port: Number(m[2]), reason: m[4]!, inUse: m[3] === '98' };
  m = SSHD.exec(message);
  // The ending is the rest of the message, from its `f` (a `$` in the pattern made it polynomial).
  if (m) return sshdEnding({ address: m[2]!, port: /^\d+$/.test(m[1]!) ? Number(m[1]) : null, reason: null }, message.slice(m.index + m[0].length - 1));
  m = HAPROXY_NEW.exec(message);
  if (m) return m[1] === 'Cannot assign requested address' ? { address: unbracket(m[2]!), port: Number(m[3]), reason: m[1]! } : null;
  m = HAPROXY_OLD.exec(message);
  if (m) return { address: unbracket(m[1]!), port: Number(m[2]), reason: null };
  m = GO_LISTEN.exec(message);
  if (m) return { address: unbracket(m[1]!).replace(/%\w+$/, ''), port: Number(m[2]), reason: m[3]! };
  m = APACHE.exec(message);
  if (m) return { address: unbracket(m[2]!), port: Number(m[3]), reason: m[1]! };
  m = POSTGRES.exec(message);
  if (m) return { address: m[2]!, port: null, reason: m[3]! };
  m = REDIS.exec(message);
  if (m) return { address: m[1]!, port: Number(m[2]), reason: m[3]! };
  m = DNSMASQ.exec(message);
  if (m) return { address: m[2] ?? null, port: m[1] === undefined ? null : Number(m[1]), reason: m[3]! };
  m = UNBOUND.exec(message);
  if (m) return { address: m[2]!, port: m[3] === undefined ? null : Number(m[3]), reason: m[1]! };
  m = OPENVPN.exec(message);
  if (m) return { address: m[1]!, port: Number(m[2]), reason: m[3]! };
  m = NETWORKD.exec(message);
  if (m) return { address: m[1]!, port: null, reason: m[2]! };
  m = KEEPALIVED.exec(message);
  if (m) return { address: m[1]!, port: null, reason: 'Cannot assign requested address' };
  m = INSPIRCD_ROW.exec(message);
  if (m) return { address: m[1] === '<all>' ? null : unbracket(m[1]!), port: Number(m[2]), reason: m[3]! };
  return null;
}

/**
 * sshd's bind failure from what is left of its ending (SSHD): the reason when the ending is whole,
 * or when what a cut or an ellipsis left fits only reasons of one kind (then `reason` is what is
 * left); `reasonCut` when it fits both (`faile`); null for another reason.
 */
function sshdEnding(found: Found, logged: string): Found | null {
  const ending = logged.trimEnd();
  const whole = SSHD_ENDINGS.find((e) => e.text === ending || e.text === `${ending}.`);
  if (whole) return { ...found, reason: whole.text.slice('failed: '.length, -1), inUse: whole.inUse };
  const dots = ending.indexOf('…');
  const head = dots === -1 ? ending : ending.slice(0, dots);
  const tail = dots === -1 ? '' : ending.slice(dots + 1);
  const fits = SSHD_ENDINGS.filter((e) => e.text.startsWith(head) && e.text.endsWith(tail) && head.length + tail.length < e.text.length);
  if (fits.length === 0) return null;
  const left = head.startsWith('failed: ') ? ending.slice('failed: '.length) : null;
  if (fits.every((e) => e.inUse) || fits.every((e) => !e.inUse)) return { ...found, reason: left, inUse: fits[0]!.inUse };
  return { ...found, reasonCut: true };
}

/** The wordings that do not name the address (named's is filled in from its `listening on` line). */
function matchUnaddressed(message: string): Found | null {
  let m = SSHD_FATAL.exec(message);
  if (m) return { address: null, port: null, reason: m[1]! };
  m = NSD.exec(message);
  if (m) return { address: null, port: null, reason: m[1]! };
  m = NAMED.exec(message);
  if (m) return { address: null, port: null, reason: m[1]! };
  m = CHRONYD.exec(message);
  if (m) return { address: null, port: null, reason: m[2]!, family: fam(m[1]!) };
  m = SOCKET_UNIT.exec(message);
  if (m) return { address: null, port: null, reason: m[2]!, program: m[1]! };
  m = BIND_GENERIC.exec(message);
  if (m) return { address: null, port: null, reason: m[1]! };
  m = CHRONYD_OPEN.exec(message);
  if (m) {
    const address = unbracket(m[1]!);
    return { address: address === '::' || address === '0.0.0.0' ? null : address, port: Number(m[2]), reason: null };
  }
  if (HAPROXY_BARE.test(message) || INSPIRCD_WARNING.test(message)) return { address: null, port: null, reason: null };
  return null;
}

interface ProcessMemory {
  /** Processes (`identifier[pid]`) that logged an addressed bind failure: their `fatal: Cannot bind any address` adds nothing. */
  failed: Set<string>;
  /** named's last `listening on … ADDR#PORT`, per process. */
  listening: Map<string, { address: string; port: number }>;
}

const MEMORY_CAP = 1000;

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (map.size >= MEMORY_CAP && !map.has(key)) map.delete(map.keys().next().value as K);
  map.set(key, value);
}

function emit(entry: JournalEntry, ctx: RecognizeContext, found: Found): void {
  const family = found.address === null ? null : addressFamily(found.address);
  const inUse = found.inUse ?? (found.reason !== null && IN_USE.test(found.reason));
  // A wildcard never lacks its address (EADDRNOTAVAIL there is no such failure); its port can be taken.
  if (found.address !== null && (!family || (!inUse && (found.address === '0.0.0.0' || found.address === '::')))) return;
  ctx.emit({
    kind: 'bind-failed',
    ...eventBase(entry),
    address: found.address,
    port: found.port,
    family: family?.family ?? found.family ?? null,
    program: found.program ?? entry.identifier ?? 'unknown',
    reason: found.reason,
    ...(inUse ? { inUse: true as const } : {}),
    ...(found.reasonCut ? { reasonCut: true as const } : {}),
    ...(family?.redacted ? { redacted: true as const } : {}),
  });
}

/**
 * A service failing to bind a socket to an address the node does not have (yet), or to a port
 * another socket holds (`inUse`). Any program: the wordings are the programs' own and specific
 * enough (errno 99 / EADDRNOTAVAIL, errno 98 / EADDRINUSE), and wildcard addresses, which never
 * lack their address, count only for a port in use.
 */
export const bindFailures: Recognizer = {
  id: 'bind-failures',
  needles: [
    'bind() to ', 'Bind to port ', 'cannot bind socket', 'bind: cannot assign requested address', 'address already in use', 'Cannot bind any address',
    'make_sock: could not bind', 'could not bind IPv', 'Could not create server TCP listening socket', 'failed to create listening socket for',
    "can't bind ", 'listening on IPv', 'address not available', 'Could not bind IPv', 'Socket bind failed on local address',
    'Failed to bind to UDP socket at address', 'ailed to listen on sockets: ', 'bind unicast_src [', 'bind: Cannot assign requested address',
    'unable to bind() socket (', 'Could not open command socket on ', 'Could not open NTP socket on ',
    'Reason: Cannot assign requested address', 'Reason: Address already in use', 'client ports could be bound',
  ],
  recognize(entry: JournalEntry, ctx) {
    const memory = ctx.state<ProcessMemory>('bind-failures', () => ({ failed: new Set(), listening: new Map() }));
    const who = `${entry.identifier ?? ''}[${entry.pid ?? ''}]`;
    const listening = NAMED_LISTENING.exec(entry.message);
    if (listening) {
      remember(memory.listening, who, { address: listening[1]!, port: Number(listening[2]) });
      return;
    }
    const found = matchAddressed(entry.message);
    if (found) {
      if (memory.failed.size < MEMORY_CAP) memory.failed.add(who);
      emit(entry, ctx, found);
      return;
    }
    const bare = matchUnaddressed(entry.message);
    if (!bare) return;
    if (SSHD_FATAL.test(entry.message) && memory.failed.has(who)) return;
    if (NAMED.test(entry.message)) {
      const last = memory.listening.get(who);
      if (last) {
        emit(entry, ctx, { ...bare, address: last.address, port: last.port });
        return;
      }
    }
    emit(entry, ctx, bare);
  },
};
