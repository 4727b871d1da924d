import test from 'ava';
import { renderHtml, renderMarkdown, renderText, type Report, type TimelineEvent } from '@bootlens/core';
import { isRedactedAddress } from '../packages/core/src/recognize/net.js';
import { parseLogrus } from '../packages/core/src/recognize/logrus.js';
import { analyzeText, eventsOf } from './helpers/analyze.js';
import { recognize, recognizeAll } from './helpers/recognize.js';
import { reportProblems } from './robustness/helpers.js';

// Issue 14: every recognizer works on a message whatever source it came from. The same line read
// from the journal (`journalctl -u k3s`), from a log file (/var/log/k3s.log) and from `kubectl logs`
// gives the same event; the component comes from the content where no journal identifier names it.
// Every line is quoted from the public report named beside it.

/** An event without what depends on where the line was read: its source, time, identifier and message. */
function facts(e: TimelineEvent): Record<string, unknown> {
  const { source: _s, realtime: _r, monotonicUs: _m, identifier: _i, systemdUnit: _u, message: _msg, ...rest } = e as TimelineEvent & Record<string, unknown>;
  return rest;
}

const OPTIONS = { year: 2024, timeZone: 'UTC' };

async function bySource(journal: string, file: string): Promise<[TimelineEvent[], TimelineEvent[]]> {
  const a = await analyzeText(journal + '\n', 'journal.short', OPTIONS);
  const b = await analyzeText(file + '\n', 'k3s.log', OPTIONS);
  for (const r of [a, b]) t_ok(r);
  return [eventsOf(a), eventsOf(b)];
}

function t_ok(report: Report): void {
  const problems = reportProblems(report);
  if (problems.length > 0) throw new Error(problems.join('; '));
}

test('k3s dynamiclistener: journal and log file give the same cert-issued event', async (t) => {
  // k3s-io/k3s#9274 (journalctl -u k3s; the map shortened to its first names).
  const line = 'time="2024-01-23T15:00:31+02:00" level=info msg="Updating TLS secret for kube-system/k3s-serving (count: 10): map[listener.cattle.io/cn-10.43.0.1:10.43.0.1 listener.cattle.io/cn-10.54.65.165:10.54.65.165 listener.cattle.io/cn-127.0.0.1:127.0.0.1 listener.cattle.io/cn-__1-f16284:::1 listener.cattle.io/cn-localhost:localhost listener.cattle.io/fingerprint:SHA1=B2E3]"';
  const [journal, file] = await bySource(`Jan 23 15:00:31 vm-165 k3s[699204]: ${line}`, line);
  t.is(journal.length, 1);
  t.deepEqual(file.map(facts), journal.map(facts));
  t.like(file[0], { kind: 'cert-issued', component: 'k3s', action: 'signed', certificate: 'kube-system/k3s-serving', sans: { ip: ['10.43.0.1', '10.54.65.165', '127.0.0.1', '::1'], dns: ['localhost'] } });
  // Both read 13:00:31Z: the line's own time= in the file, the journal stamp (in --tz UTC) here.
  t.is(file[0]!.realtime, '2024-01-23T13:00:31.000000Z');
});

test('rke2 and Rancher: the component comes from the secret the line names when no identifier does', async (t) => {
  // rancher/rke2#5482 (journalctl -u rke2-server).
  const rke2 = 'time="2024-02-16T14:35:48+01:00" level=info msg="Active TLS secret kube-system/rke2-serving (ver=2156) (count 11): map[listener.cattle.io/cn-10.102.0.1:10.102.0.1 listener.cattle.io/cn-127.0.0.1:127.0.0.1 listener.cattle.io/fingerprint:SHA1=0D1D]"';
  const [journal, file] = await bySource(`Feb 16 14:35:48 ds-cen-kma004.hiddendomain.tld rke2[3357]: ${rke2}`, rke2);
  t.deepEqual(file.map(facts), journal.map(facts));
  t.is(file[0]!.kind === 'cert-issued' && file[0]!.component, 'rke2');
  // rancher/rancher#35977: Rancher's own listener, Go's standard logger, in its pod log.
  const rancher = await analyzeText('2021/12/27 21:53:19 [INFO] Active TLS secret serving-cert (ver=113283780) (count 9): map[listener.cattle.io/cn-127.0.0.1:127.0.0.1 listener.cattle.io/cn-172.16.1.187:172.16.1.187 listener.cattle.io/fingerprint:SHA1=F9E6]\n', 'rancher.log', OPTIONS);
  t.like(eventsOf(rancher)[0], { kind: 'cert-issued', component: 'rancher', action: 'active', certificate: 'serving-cert', sans: { ip: ['127.0.0.1', '172.16.1.187'] } });
});

test('k0s: the api address line from the journal and from a log file', async (t) => {
  // k0sproject/k0s#3732.
  const line = 'time="2023-11-20 09:27:18" level=info msg="using api address: 172.23.18.11"';
  const [journal, file] = await bySource(`Nov 20 09:27:18 hostname k0s[891]: ${line}`, line);
  t.deepEqual(file.map(facts), journal.map(facts));
  t.like(file[0], { kind: 'api-address-selected', component: 'k0s', address: '172.23.18.11', defaulted: false });
});

test('etcd: a peer rejected for its SANs, from the journal (capnslog to journald) and from the container log', async (t) => {
  // etcd-io/etcd#15740 (container log); under systemd capnslog writes the message without stamp and package.
  const message = 'rejected connection from "192.16.0.3:41464" (error "tls: "192.16.0.3" does not match any of DNSNames ["host1" "localhost"]", ServerName "", IPAddresses ["192.16.0.1" "127.0.0.1" "::1"], DNSNames ["host1" "localhost"])';
  const [journal, file] = await bySource(`May 24 02:17:33 host1 etcd[2443]: ${message}`, `2023-05-24 02:17:33.760448 I | embed: ${message}`);
  t.deepEqual(file.map(facts), journal.map(facts));
  t.like(file[0], { kind: 'tls-verify-failed', component: 'etcd', wanted: '192.16.0.3', validFor: ['192.16.0.1', '127.0.0.1', '::1', 'host1', 'localhost'] });
});

test('kubelet x509: the same facts from the journal and from a klog file; the component where the klog file names it', async (t) => {
  // kubernetes/kubernetes#10694 (journalctl -u kubelet).
  const line = 'E0702 23:54:56.092537   12850 reflector.go:136] Failed to list *api.Service: Get https://172.10.1.100:443/api/v1/services: x509: certificate is valid for 10.0.2.15, 10.254.0.1, not 172.10.1.100';
  const [journal, file] = await bySource(`Jul 02 23:54:56 node-1.vms.local kubelet[12850]: ${line}`, line);
  const { component: c1, ...j } = facts(journal[0]!);
  const { component: c2, ...f } = facts(file[0]!);
  t.deepEqual(f, j);
  t.is(c1, 'kubelet');
  t.is(c2, null, 'reflector.go does not say whose it is');
  // The kubelet's own source files do (kubernetes/kubernetes#10297's glog header, with a valid-for error).
  const own = recognize('', 'I0624 17:38:50.031165    5012 kubelet.go:766] Unable to register 10.0.0.4 with the apiserver: Post https://10.0.0.2:6443/api/v1/nodes: x509: certificate is valid for 10.0.0.3, not 10.0.0.2', { identifier: null });
  t.like(own[0], { kind: 'tls-verify-failed', component: 'kubelet', wanted: '10.0.0.2' });
});

test('cfssl: k0s\'s logrus line from a file names k0s by its component=cfssl; the old Go-log form and a klog-wrapped one are read', (t) => {
  // The k0s race sample's line shape (k0s ≥ 1.27) without a journal identifier.
  const [logrus] = recognize('', 'time="2024-11-20 09:27:04" level=info msg="signed certificate with serial number 720453962566726186874200712715602223103714098808" component=cfssl', { identifier: null });
  t.like(logrus, { kind: 'cert-issued', component: 'k0s', action: 'signed', serial: '720453962566726186874200712715602223103714098808' });
  // k0sproject/k0s#1195 (cfssl's own logger inside k0s, in a Podman container).
  const [old] = recognize('', '2021/10/15 22:12:14 [INFO] signed certificate with serial number 337483343134460078200949745178730287746213460518', { identifier: null });
  t.like(old, { kind: 'cert-issued', component: 'cfssl', action: 'signed', serial: '337483343134460078200949745178730287746213460518' });
  // kelseyhightower/kubernetes-the-hard-way#138: kube-controller-manager's signer in a glog line, the serial redacted.
  const [glog] = recognize('kube-controller-manager', ' I0326 21:36:37.913309   20958 logs.go:41] [INFO] signed certificate with serial number <redacted>');
  t.like(glog, { kind: 'cert-issued', component: 'kube-controller-manager', action: 'signed' });
  t.false('serial' in glog!);
});

test('dynamiclistener variants: no name and no version, a map cut short, IPv6 keys', (t) => {
  // k3s-io/k3s#9418 (map shortened here to three names).
  const [noName] = recognize('k3s', 'time="2024-02-08T01:11:47+08:00" level=info msg="Active TLS secret / (ver=) (count 10): map[listener.cattle.io/cn-10.0.0.43:10.0.0.43 listener.cattle.io/cn-__1-f16284:::1 listener.cattle.io/fingerprint:SHA1=1A8B]"');
  t.like(noName, { kind: 'cert-issued', component: 'k3s', action: 'active', sans: { ip: ['10.0.0.43', '::1'], dns: [] } });
  t.false('certificate' in noName!);
  // rancher/rke2#2258: a double space where the name would be.
  const [doubleSpace] = recognize('rke2', 'time="2021-12-10T17:28:12Z" level=info msg="Active TLS secret  (ver=) (count 9): map[listener.cattle.io/cn-10.43.0.1:10.43.0.1 listener.cattle.io/cn-172.31.19.195:172.31.19.195]"');
  t.like(doubleSpace, { kind: 'cert-issued', component: 'rke2', action: 'active', sans: { ip: ['10.43.0.1', '172.31.19.195'] } });
  // rancher/rancher#50065: the paste wrapped the line inside the map; the names before the cut are kept, the cut one is not.
  const [cut] = recognize('rke2', 'time="2025-04-29T07:10:58Z" level=info msg="Updating TLS secret for kube-system/rke2-serving (count: 15): map[listener.cattle.io/cn-10.43.0.1:10.43.0.1 listener.cattle.io/cn-127.0.0.1:127.0.0.1 listener.cattle.io/cn-172.16.112.130:172.16.112.1');
  t.like(cut, { kind: 'cert-issued', action: 'signed', certificate: 'kube-system/rke2-serving', sans: { ip: ['10.43.0.1', '127.0.0.1'] }, sansPartial: true });
});

test('a SAN list cut short does not make an address missing from the certificate', async (t) => {
  // rancher/rancher#50065's cut line, and the node's address (not among the names shown) on eth0.
  const report = await analyzeText([
    '2025-04-29T07:10:50+0000 node systemd-networkd[500]: eth0: DHCPv4 address 172.16.112.100/24, gateway 172.16.112.1 acquired from 172.16.112.1',
    '2025-04-29T07:10:58+0000 node rke2[1952]: time="2025-04-29T07:10:58Z" level=info msg="Updating TLS secret for kube-system/rke2-serving (count: 15): map[listener.cattle.io/cn-10.43.0.1:10.43.0.1 listener.cattle.io/cn-127.0.0.1:127.0.0.1 listener.cattle.io/cn-172.16',
  ].join('\n') + '\n');
  t_ok(report);
  t.deepEqual(report.boots.flatMap((b) => b.findings).filter((f) => f.rule === 'cert-missing-address'), []);
  const row = report.boots[0]!.sanAudits?.[0]?.rows.find((r) => r.name === '172.16.112.100');
  t.is(row?.inCertificate, null);
});

test('kubeadm: the certificate phase in every wording, from its output or through a provisioning unit', (t) => {
  // kubernetes/kubernetes#74249 (kubeadm 1.28 keeping its certificates).
  t.like(recognize('kubeadm', '[certs] Using existing apiserver certificate and key on disk')[0], { kind: 'cert-issued', action: 'reused', certificate: 'apiserver' });
  // kubernetes/kubeadm#947 (1.10: `[certificates]`), inside a cloud-init line as the journal would have it.
  const [old] = recognize('cloud-init', '[certificates] etcd/server serving cert is signed for DNS names [localhost] and IPs [127.0.0.1]');
  t.like(old, { kind: 'cert-issued', component: 'kubeadm', certificate: 'etcd/server', sans: { ip: ['127.0.0.1'], dns: ['localhost'] } });
});

test('microk8s: the kicker\'s openssl signing (Signature ok, then the subject of the same process)', (t) => {
  // canonical/microk8s#2241.
  const kicker = 'microk8s.daemon-apiserver-kicker';
  const events = recognizeAll([
    [kicker, 'Signature ok', { pid: 61683 }],
    [kicker, 'subject=/CN=front-proxy-client', { pid: 61683 }],
    [kicker, 'Getting CA Private Key', { pid: 61683 }],
  ]);
  t.like(events, [{ kind: 'cert-issued', component: 'microk8s', action: 'signed', certificate: 'front-proxy-client' }]);
  t.is(events.length, 1);
  // canonical/microk8s#3575: OpenSSL 1.1's subject form.
  t.like(recognizeAll([
    [kicker, 'Signature ok', { pid: 1760604 }],
    [kicker, 'subject=C = GB, ST = Canonical, L = Canonical, O = Canonical, OU = Canonical, CN = 127.0.0.1', { pid: 1760604 }],
  ]), [{ kind: 'cert-issued', certificate: '127.0.0.1' }]);
  // A subject printed without a signing just before (`openssl x509 -noout -subject`) is not a signing.
  t.deepEqual(recognize(kicker, 'subject=/CN=front-proxy-client'), []);
  // Another program's openssl output is not the kicker's signing.
  t.deepEqual(recognizeAll([['openssl', 'Signature ok'], ['openssl', 'subject=/CN=x']]), []);
});

test('kube-vip: slog lines (≥ 0.9) and logrus lines put the VIP on its interface', (t) => {
  // kube-vip/kube-vip#1747.
  t.like(recognize('', '2026/09/04 08:38:17 INFO (svcs) adding VIP ip=192.168.122.127 interface=vip-7c8311ee namespace=default name=lb1', { identifier: null })[0],
    { kind: 'address-added', address: '192.168.122.127', interface: 'vip-7c8311ee', via: 'kube-vip' });
  // kube-vip/kube-vip#277.
  t.like(recognize('', 'time="2021-09-30T13:28:30Z" level=info msg="Broadcasting ARP update for 192.168.0.100 (52:54:00:d4:04:50) via enp1s0"', { identifier: null })[0],
    { kind: 'address-added', address: '192.168.0.100', interface: 'enp1s0' });
});

test('keepalived: its netlink watcher\'s lines (address gone, link down, rename)', (t) => {
  // keepalived/keepalived#2190.
  const k = 'Keepalived_vrrp';
  const events = recognizeAll([
    [k, 'Deassigned address 172.21.42.20 from interface enp1s0f0'],
    [k, 'Netlink reports enp1s0f1 down'],
    [k, 'Interface name has changed from eth0 to enp1s0f0'],
  ]);
  t.like(events, [
    { kind: 'address-removed', address: '172.21.42.20', interface: 'enp1s0f0', via: 'keepalived' },
    { kind: 'link-down', interface: 'enp1s0f1', via: 'keepalived' },
    { kind: 'interface-renamed', interface: 'enp1s0f0', formerName: 'eth0', via: 'keepalived' },
  ]);
});

test('logrus: terminal and slog lines give level and msg; a value cut before its closing quote is kept', (t) => {
  // k3s-io/k3s#4438.
  t.like(parseLogrus('ERRO[0025] CA cert validation failed: Get "https://127.0.0.1:6443/cacerts": x509: certificate has expired or is not yet valid'),
    { level: 'erro', msg: 'CA cert validation failed: Get "https://127.0.0.1:6443/cacerts": x509: certificate has expired or is not yet valid' });
  // kube-vip/kube-vip#1579: slog quotes a key with a space.
  t.like(parseLogrus('2026/07/07 05:17:10 DEBUG watcher provider=endpointslices "service name"=nfg-gateway-nginx endpoints=4'),
    { level: 'debug', msg: 'watcher', provider: 'endpointslices', 'service name': 'nfg-gateway-nginx', endpoints: '4' });
  // k0sproject/k0s#3732: the author's paste ends before the closing quote.
  t.like(parseLogrus('time="2023-11-20 09:27:18" level=info msg="using api address: 172.23.18.11'), { msg: 'using api address: 172.23.18.11' });
});

test('redacted addresses: told apart from real ones and from names', (t) => {
  for (const r of ['x.x.x.17', '10.0.x.x', 'xx.xxx.xx.132', '10.yyy.yyy.yyy', '<IP>', '<external IPv4>', '[REDACTED]', 'a.b.c.d', '192.168.x.xxx', '##.##.###.###', 'xxxxx', 'old-ip', '2001:db8:xxxx::1']) {
    t.true(isRedactedAddress(r), r);
  }
  for (const real of ['10.0.0.17', '::1', '2001:db8::1', 'localhost', 'kubernetes.default', 'ip-10-0-0-5', 'eth0', '', 'x', 'xx', 'db8.example.com', '1.2.3']) {
    t.false(isRedactedAddress(real), real);
  }
});

test('redacted addresses: the event is yielded with the address as written, marked, and never matches a real one', async (t) => {
  const lines = [
    // NixOS/nixpkgs#105570 (sshd), NixOS/nixpkgs#5832 (nginx), lunar sshd: each author hid the address.
    '2024-11-20T09:27:01+0000 vb sshd[29345]: error: Bind to port 22 on x.x.x.250 failed: Cannot assign requested address.',
    '2024-11-20T09:27:02+0000 www nginx[1296]: nginx: [emerg] bind() to ##.##.###.###:80 failed (99: Cannot assign requested address)',
    // hetznercloud/hcloud-cloud-controller-manager#316: `<external IPv4>` in the valid-for list.
    '2024-11-20T09:27:03+0000 node kubelet[900]: E1120 09:27:03.000000 900 server.go:1] Failed to load logs: Get "https://10.0.1.3:10250/containerLogs/x": x509: certificate is valid for 127.0.0.1, <external IPv4>, not 10.0.1.3',
    // etcd-io/etcd#8206: the wanted address redacted.
    '2024-11-20T09:27:04+0000 node etcd[3213]: rejected connection from "10.yyy.yyy.yyy:37194" (tls: "10.yyy.yyy.yyy" does not match any of DNSNames ["etcd0" "etcd1"])',
    // A real address on the node, a redacted one in k0s's SANs and API address (k0s line shapes of the race sample).
    '2024-11-20T09:27:05+0000 node systemd-networkd[500]: eth0: DHCPv4 address 192.168.2.10/24, gateway 192.168.2.1 acquired from 192.168.2.1',
    '2024-11-20T09:27:06+0000 node k0s[891]: time="2024-11-20 09:27:06" level=info msg="using api address: x.x.x.10"',
    '2024-11-20T09:27:06+0000 node k0s[891]: time="2024-11-20 09:27:06" level=info msg="using sans: [x.x.x.10 <IP> k0s.example.com]"',
    '2024-11-20T09:27:07+0000 node Keepalived_vrrp[77]: Deassigned address <VIP> from interface eth0',
  ];
  const report = await analyzeText(lines.join('\n') + '\n', 'redacted.log', { timeZone: 'UTC' });
  t_ok(report);
  // Every rule ran over them; every renderer shows them.
  for (const render of [renderText, renderMarkdown, renderHtml]) t.true(render(report).includes('x.x.x.250'));
  const events = eventsOf(report);
  const of = (kind: string) => events.filter((e) => e.kind === kind) as Array<TimelineEvent & Record<string, unknown>>;
  t.like(of('bind-failed'), [{ address: 'x.x.x.250', port: 22, redacted: true }, { address: '##.##.###.###', port: 80, redacted: true }]);
  const [hcloud, etcd] = of('tls-verify-failed');
  t.like(hcloud, { wanted: '10.0.1.3', validFor: ['127.0.0.1', '<external IPv4>'], redacted: true });
  t.like(etcd, { wanted: '10.yyy.yyy.yyy', component: 'etcd', redacted: true });
  t.like(of('api-address-selected')[0], { address: 'x.x.x.10', redacted: true });
  t.like(of('sans-configured')[0], { sans: { ip: ['x.x.x.10', '<IP>'], dns: ['k0s.example.com'] }, redacted: true });
  t.false('redacted' in of('address-added')[0]!, 'a real address is not marked');
  t.like(of('address-removed')[0], { address: '<VIP>', interface: 'eth0', redacted: true });
  // The real address is never taken for a redacted one: the client's 10.0.1.3 is missing, nothing is said of the
  // redacted SANs. A redacted wanted name is missing as written: etcd's error says itself the certificate lacks it.
  const findings = report.boots.flatMap((b) => b.findings);
  const missing = findings.filter((f) => f.rule === 'cert-missing-address').map((f) => f.details['address']);
  t.true(missing.includes('10.0.1.3'));
  t.deepEqual(missing.filter((a) => typeof a === 'string' && isRedactedAddress(a)), ['10.yyy.yyy.yyy']);
  for (const f of findings) t.not(f.details['address'], 'x.x.x.10');
});

test('redacted addresses in the network stacks\' lines: the lease and the address, as written', (t) => {
  // systemd-networkd's DHCPv4 line (the shape of systemd/systemd#23005) and NetworkManager's lease line
  // (≥ 1.3x), with the addresses hidden the way authors hide them (issue 14).
  const networkd = recognize('systemd-networkd', 'eth0: DHCPv4 address 10.0.x.x/24, gateway 10.0.x.1 acquired from 10.0.x.1');
  t.like(networkd, [
    { kind: 'address-added', address: '10.0.x.x', prefixLength: 24, interface: 'eth0', family: 'ipv4', redacted: true },
    { kind: 'dhcp-lease', address: '10.0.x.x', gateway: '10.0.x.1', redacted: true },
  ]);
  const nm = recognize('NetworkManager', '<info>  [1676000000.2965] dhcp4 (wlan0): state changed new lease, address=192.168.x.xxx');
  t.like(nm.find((e) => e.kind === 'address-added'), { address: '192.168.x.xxx', interface: 'wlan0', redacted: true });
});
