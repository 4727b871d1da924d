import test from 'ava';
import { analyzeText } from './helpers/analyze.js';
import { runCli } from './helpers/cli.js';
import { recognize, recognizeAll } from './helpers/recognize.js';

// Issue 19: failures that are no unit's, bind's or certificate's still make the verdict `problem`.
// Each wording with its real line and the public report it came from.

test('NIC hangs: e1000e Detected Hardware Unit Hang names the interface, igb Detected Tx Unit Hang the device', (t) => {
  // https://github.com/gislab-npo/gislab/issues/407 (dmesg)
  t.like(recognize('kernel', 'e1000e 0000:00:19.0 eth0: Detected Hardware Unit Hang:')[0],
    { kind: 'component-failure', failure: 'nic-hang', component: 'e1000e', subject: 'eth0', error: null });
  // https://github.com/AVnu/OpenAvnu/issues/210 (syslog)
  t.like(recognize('kernel', 'igb 0000:09:00.0: Detected Tx Unit Hang')[0],
    { kind: 'component-failure', failure: 'nic-hang', component: 'igb', subject: '0000:09:00.0' });
  // The register dump after it, and the same words from anyone but the kernel, are no hang.
  t.is(recognize('kernel', '  TDH                  <13>').length, 0);
  t.is(recognize('myapp', 'e1000e 0000:00:19.0 eth0: Detected Hardware Unit Hang:').length, 0);
});

test('udev failing to rename an interface (systemd/systemd#15445); its rename lines still are renames', (t) => {
  // https://github.com/systemd/systemd/issues/15445
  t.like(recognize('systemd-udevd', "eth0: Failed to rename network interface 2 from 'eth0' to 'ens3': Device or resource busy")[0],
    { kind: 'component-failure', failure: 'interface-rename-failed', component: 'udev', subject: 'eth0', error: 'Device or resource busy' });
  t.is(recognize('systemd-udevd', 'eth0: Failed to process device, ignoring: Device or resource busy').length, 0);
  // https://github.com/coreos/docs/issues/125
  t.like(recognize('systemd-udevd', 'renamed network interface eth0 to ens3')[0], { kind: 'interface-renamed', interface: 'ens3' });
});

test('keepalived entering FAULT is a failure of its instance; MASTER and BACKUP are not (keepalived/keepalived#2190)', (t) => {
  // https://github.com/keepalived/keepalived/issues/2190
  const events = recognizeAll([
    ['Keepalived_vrrp', 'VRRP_Group(VG1) Syncing instances to FAULT state'],
    ['Keepalived_vrrp', '(VI_2) Entering FAULT STATE'],
    ['Keepalived_vrrp', '(VI_2) Entering BACKUP STATE'],
    ['Keepalived_vrrp', '(VI_2) Entering MASTER STATE'],
  ]);
  t.deepEqual(events.map((e) => e.kind), ['component-failure']);
  t.like(events[0], { failure: 'vrrp-fault', component: 'keepalived', subject: 'VI_2' });
});

test('a logrus level=fatal line is a fatal exit, with its message unquoted (kairos-io/kairos#484)', (t) => {
  // https://github.com/kairos-io/kairos/issues/484 (the author cut the line's start to "...")
  t.like(recognize('k3s', '... level=fatal msg="failed to find cpu cgroup (v2)"')[0],
    { kind: 'component-failure', failure: 'fatal', component: 'k3s', error: 'failed to find cpu cgroup (v2)' });
  t.like(recognize('k0s', 'time="2024-11-20 09:27:05" level=fatal msg="failed to start: \\"x\\"" component=kubelet')[0], { component: 'kubelet', error: 'failed to start: "x"' });
  t.is(recognize('k3s', 'time="2024-11-20 09:27:05" level=error msg="level=fatal is not logged here"').length, 0);
});

test("the kubelet's own client certificate expired (kubernetes/kubernetes#96256) is a TLS failure", (t) => {
  // https://github.com/kubernetes/kubernetes/issues/96256
  const line = 'E1111 00:15:53.851634   66610 transport.go:113] The currently active client certificate has expired, but the server is not responsive. A restart may be necessary to retrieve new initial credentials.';
  t.like(recognize('kubelet', line)[0], { kind: 'tls-verify-failed', reason: 'client-certificate-expired', component: 'kubelet', wanted: '', validFor: [] });
});

test('the verdict counts component failures (a run by its occurrences); a link coming up keeps ok', async (t) => {
  // https://github.com/gislab-npo/gislab/issues/407
  const report = await analyzeText('[ 9327.470501] e1000e 0000:00:19.0 eth0: Detected Hardware Unit Hang:\n[ 9329.469310] e1000e 0000:00:19.0 eth0: Detected Hardware Unit Hang:\n', 'dmesg.log');
  const boot = report.boots[0]!;
  t.is(boot.verdict, 'problem');
  t.deepEqual(boot.verdictReasons, [{ code: 'component-failures', count: 2 }]);
  const healthy = await analyzeText('[ 82.771627] igb: eth0 NIC Link is Up 1000 Mbps Full Duplex, Flow Control: RX/TX\n', 'dmesg.log');
  t.is(healthy.boots[0]!.verdict, 'ok');
});

test('exit code: a component failure weighs as a warning, a handshake cut short as info', (t) => {
  // https://github.com/gislab-npo/gislab/issues/407
  const hang = '[ 9327.470501] e1000e 0000:00:19.0 eth0: Detected Hardware Unit Hang:\n';
  t.is(runCli(['analyze', '-'], hang).status, 0);
  t.is(runCli(['analyze', '--fail-on', 'warning', '-'], hang).status, 1);
  // https://github.com/kubernetes/kubernetes/issues/70411
  const eof = 'I0430 09:13:38.627246       1 log.go:172] http: TLS handshake error from 192.168.5.30:35864: EOF\n';
  t.is(runCli(['analyze', '--fail-on', 'warning', '-'], eof).status, 0);
  t.is(runCli(['analyze', '--fail-on', 'info', '-'], eof).status, 1);
});

test('EADDRINUSE binds: nginx errno 98, dnsmasq (musl, glibc, glibc in Spanish), a socket unit; a wildcard counts', (t) => {
  // https://github.com/logseq/logseq/issues/1110
  t.like(recognize('nginx', 'nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)')[0],
    { kind: 'bind-failed', address: '0.0.0.0', port: 80, reason: 'Address already in use', inUse: true });
  // https://github.com/openwrt/luci/issues/6959
  t.like(recognize('dnsmasq', 'failed to create listening socket for 192.168.178.2: Address in use')[0],
    { kind: 'bind-failed', address: '192.168.178.2', port: null, inUse: true });
  // https://github.com/stooged/PI-Pwn/issues/14
  t.like(recognize('dnsmasq', 'failed to create listening socket for port 53: Address already in use')[0],
    { kind: 'bind-failed', address: null, port: 53, inUse: true });
  // https://github.com/nextcloud/nextcloudpi/issues/1553
  t.like(recognize('dnsmasq', 'failed to create listening socket for port 53: La dirección ya se está usando')[0], { port: 53, inUse: true });
  // https://github.com/coreos/bugs/issues/426
  t.like(recognize('systemd', 'sshd.socket: Failed to listen on sockets: Address already in use').find((e) => e.kind === 'bind-failed'),
    { kind: 'bind-failed', program: 'sshd.socket', address: null, inUse: true });
  // https://github.com/k3s-io/k3s/issues/5973 and https://github.com/kubernetes/website/issues/14019 (Go)
  t.like(recognize('k3s', 'listen tcp 127.0.0.1:6444: bind: address already in use')[0], { kind: 'bind-failed', address: '127.0.0.1', port: 6444, inUse: true });
  t.like(recognize('kube-apiserver', 'error: failed to create listener: failed to listen on 0.0.0.0:6443: listen tcp 0.0.0.0:6443: bind: address already in use')[0],
    { kind: 'bind-failed', address: '0.0.0.0', port: 6443, reason: 'address already in use', inUse: true });
  // https://github.com/rancher/rke/issues/688 (nginx on musl: errno 98 in musl's words)
  t.like(recognize('nginx', '2018/06/13 11:39:31 [emerg] 13#13: bind() to 0.0.0.0:6443 failed (98: Address in use)')[0], { port: 6443, inUse: true });
  // EADDRNOTAVAIL stays what it was: no inUse, and a wildcard is still no such failure.
  const missing = recognize('nginx', 'nginx: [emerg] bind() to 192.168.0.104:80 failed (99: Cannot assign requested address)')[0]!;
  t.like(missing, { kind: 'bind-failed', address: '192.168.0.104' });
  t.false('inUse' in missing);
  t.is(recognize('nginx', 'nginx: [emerg] bind() to 0.0.0.0:80 failed (99: Cannot assign requested address)').length, 0);
});

test('a port in use is bind-address-in-use, never bind-address-missing; the failed unit names it as its cause', async (t) => {
  const { isoLine } = await import('./helpers/analyze.js');
  // https://github.com/logseq/logseq/issues/1110 (the lines, on the helper's clock)
  const report = await analyzeText([
    isoLine(1, 'nginx[3026]', 'nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)'),
    isoLine(2, 'nginx[3026]', 'nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)'),
    isoLine(3, 'systemd[1]', 'nginx.service: Failed with result \'exit-code\'.'),
  ].join('\n') + '\n');
  const boot = report.boots[0]!;
  t.deepEqual(boot.findings.map((f) => f.rule).sort(), ['bind-address-in-use', 'unit-failed']);
  const inUse = boot.findings.find((f) => f.rule === 'bind-address-in-use')!;
  t.like(inUse.details, { address: '0.0.0.0', port: 80, program: 'nginx', failures: 2, unitFailed: true });
  t.like(boot.failedUnits?.[0]?.cause, { kind: 'bind-failed', inUse: true, port: 80 });
  t.regex(boot.findings.find((f) => f.rule === 'unit-failed')!.summary, /another process held the port/);
});

test('restarts that end in the start limit: the start-limit line is no repeat of the exit-code failure before it', async (t) => {
  const { isoLine } = await import('./helpers/analyze.js');
  // https://github.com/ddometita/mmumshad-kubernetes-the-hard-way/issues/7: its lines on the helper's clock
  // (that systemd logs `Failed with result 'exit-code'` again after the start limit).
  const lines = [
    "haproxy.service: Failed with result 'exit-code'.",
    'Failed to start HAProxy Load Balancer.',
    'haproxy.service: Scheduled restart job, restart counter is at 5.',
    'Stopped HAProxy Load Balancer.',
    'haproxy.service: Start request repeated too quickly.',
    "haproxy.service: Failed with result 'exit-code'.",
    'Failed to start HAProxy Load Balancer.',
  ].map((m, i) => isoLine(1 + i * 0.001, 'systemd[1]', m));
  const boot = (await analyzeText(`${lines.join('\n')}\n`)).boots[0]!;
  t.like(boot.failedUnits?.[0], { unit: 'haproxy.service', kind: 'start-limit-hit' });
  t.true(boot.findings.some((f) => f.rule === 'start-limit-hit'));
});

test("the kubelet's node IP on no interface (siderolabs/talos#8714), and etcd unable to publish itself (rancher/rke#1229)", (t) => {
  // https://github.com/siderolabs/talos/issues/8714 (zap JSON: the quotes escaped inside `err`)
  const talos = '{"ts":1715089289928.7717,"caller":"kubelet/kubelet_node_status.go:701","msg":"Failed to set some node status fields","node":{"name":"duke-10-224-238-2"},"err":"failed to validate nodeIP: node IP: \\"10.224.224.140\\" not found in the host\'s network interfaces"}';
  t.like(recognize('kubelet', talos)[0], { kind: 'component-failure', failure: 'node-ip-not-found', component: 'kubelet', subject: '10.224.224.140', error: null });
  // https://github.com/rancher/rke/issues/1229 (capnslog, as the reader gives it: the package and message)
  t.like(recognize('etcd', 'etcdserver: publish error: etcdserver: request timed out')[0],
    { kind: 'component-failure', failure: 'etcd-publish-failed', component: 'etcd', error: 'etcdserver: request timed out' });
  // Its peers' health checks failing are warnings of the member, no failure of it.
  t.is(recognize('etcd', 'rafthttp: health check for peer 1e68cb5571d2857f could not connect: dial tcp 10.16.2.25:2380: getsockopt: connection refused').length, 0);
});

test('etcd publish error also behind capnslog\'s own prefix (its stdout in a journal)', (t) => {
  // https://github.com/rancher/rke/issues/1229 (the line as etcd writes it to stdout)
  t.like(recognize('etcd', '2019-03-26 11:07:21.740463 E | etcdserver: publish error: etcdserver: request timed out')[0],
    { failure: 'etcd-publish-failed', error: 'etcdserver: request timed out' });
});
