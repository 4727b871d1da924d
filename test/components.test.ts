import test from 'ava';
import { readInput, type InputFormat, type JournalEntry } from '@bootlens/core/internal';

// Issue 14: component logs read from a file, `kubectl logs` or `crictl logs`, with no journal
// prefix. Every line below is quoted from the public report named beside it (most are in
// test/corpus/component/ and test/corpus/certificates/).

interface Read {
  entries: JournalEntry[];
  markers: number[];
  summary: Awaited<ReturnType<typeof readInput>>['summary'];
  diagnostics: Awaited<ReturnType<typeof readInput>>['diagnostics'];
}

async function read(lines: readonly string[], options: { format?: InputFormat; year?: number; timeZone?: string } = { year: 2024, timeZone: 'UTC' }): Promise<Read> {
  const entries: JournalEntry[] = [];
  const markers: number[] = [];
  const result = await readInput({ path: 'paste.log', content: lines.join('\n') + '\n' }, {
    entry: (e) => entries.push(e),
    bootMarker: (_id, line) => markers.push(line),
  }, options);
  return { entries, markers, ...result };
}

const iso = (us: number | null) => (us === null ? null : new Date(us / 1000).toISOString());

test('klog: the whole line is the message, the stamp read as -o short reads its own (year, zone, notes)', async (t) => {
  // docker/for-win#10794 (kube-controller-manager container log).
  const lines = [
    'I0331 13:09:05.676960       1 secure_serving.go:197] Serving securely on 127.0.0.1:10257',
    'W0331 13:09:05.679501       1 controllermanager.go:628] fetch api resource lists failed, use legacy client builder: Get "https://192.168.65.4:6443/api/v1?timeout=32s": x509: certificate is valid for 10.96.0.1, 0.0.0.0, 192.168.65.3, 127.0.0.1, not 192.168.65.4',
    // kubernetes/kubernetes#10297 (2015 kubelet, glog): the same header.
    'I0624 17:38:50.031165    5012 kubelet.go:766] Unable to register 10.0.0.4 with the apiserver: Post https://10.0.0.2:6443/api/v1/nodes: x509: certificate signed by unknown authority',
  ];
  const { entries, summary } = await read(lines, { year: 2021, timeZone: 'UTC' });
  t.like(summary, { format: 'klog', lines: 3, parsed: 3, skipped: 0, entries: 3 });
  t.is(entries[1]!.message, lines[1]);
  t.is(entries[0]!.identifier, null);
  t.is(iso(entries[0]!.realtimeUs), '2021-03-31T13:09:05.676Z');
  t.is(entries[0]!.realtimeUs! % 1000, 960);
  t.deepEqual(entries.map((e) => e.priority), [6, 4, 6]);
  // Without --year and --tz, the same assumptions as -o short, said once each.
  const guessed = await read(lines.slice(0, 1), {});
  t.deepEqual(guessed.diagnostics.map((d) => d.code).sort(), ['year-assumed', 'zone-assumed']);
});

test('klog: a line that looks like klog but is not is skipped as a garbled klog line, the rest read', async (t) => {
  const { summary, diagnostics } = await read([
    'I0331 13:09:05.676960       1 secure_serving.go:197] Serving securely on 127.0.0.1:10257',
    'I1399 13:09:05.676960       1 secure_serving.go:197] month 13',
  ], { year: 2021, timeZone: 'UTC' });
  t.like(summary, { lines: 2, parsed: 1, skipped: 1, entries: 1 });
  t.is(diagnostics[0]!.code, 'unparsable-line');
});

test('logrus: RFC 3339 time= with nanoseconds and offsets, k0s\'s zone-less time=, the message is the line', async (t) => {
  const lines = [
    // k3s-io/k3s#2754 (k3s server output).
    'time="2020-12-28T16:44:44.799917703Z" level=info msg="Active TLS secret k3s-serving (ver=215) (count 7): map[listener.cattle.io/cn-10.43.0.1:10.43.0.1 listener.cattle.io/cn-127.0.0.1:127.0.0.1]"',
    // eks-anywhere#5219 (kube-vip container log).
    'time="2023-03-21T02:16:01Z" level=info msg="kube-vip will bind to interface [eno1]"',
    // k3s-io/k3s#411 (+01:00 offset).
    'time="2019-04-29T03:19:44.829455265+01:00" level=error msg="server https://localhost:6443/cacerts is not trusted"',
  ];
  const { entries, summary, diagnostics } = await read(lines, {});
  t.like(summary, { format: 'logrus', lines: 3, parsed: 3, skipped: 0 });
  t.is(entries[0]!.message, lines[0]);
  t.is(entries[0]!.realtimeUs, Date.UTC(2020, 11, 28, 16, 44, 44) * 1000 + 799917);
  t.is(iso(entries[2]!.realtimeUs), '2019-04-29T02:19:44.829Z');
  t.deepEqual(entries.map((e) => e.priority), [6, 6, 3]);
  t.deepEqual(diagnostics, [], 'stamps with a zone need no assumption');
  // k0s writes local time without a zone (k0sproject/k0s#3732): read in --tz, else noted.
  const k0s = 'time="2023-11-20 09:27:18" level=info msg="using api address: 172.23.18.11"';
  t.is(iso((await read([k0s], { timeZone: 'America/New_York' })).entries[0]!.realtimeUs), '2023-11-20T14:27:18.000Z');
  t.deepEqual((await read([k0s], {})).diagnostics.map((d) => d.code), ['zone-assumed']);
});

test('logrus: terminal lines (INFO[0025]) carry no time, are read in input order and say so', async (t) => {
  // k3s-io/k3s#4438: k3s run in a terminal with the clock set to 2031, etcd's zap lines between.
  const lines = [
    'ERRO[0025] CA cert validation failed: Get "https://127.0.0.1:6443/cacerts": x509: certificate has expired or is not yet valid: current time 2031-11-11T00:40:39Z is after 2022-11-10T00:34:39Z',
    '{"level":"warn","ts":"2031-11-11T00:40:40.583Z","caller":"embed/config_logging.go:169","msg":"rejected connection","remote-addr":"127.0.0.1:38608","server-name":"","error":"remote error: tls: bad certificate"}',
    'INFO[0028] Failed to test data store connection: context deadline exceeded',
  ];
  const { entries, summary, diagnostics } = await read(lines, {});
  t.like(summary, { format: 'logrus', lines: 3, parsed: 3, skipped: 0, entries: 3 });
  t.deepEqual(summary.regions?.map((r) => r.format), ['logrus', 'zap', 'logrus']);
  t.deepEqual(entries.map((e) => e.realtimeUs === null), [true, false, true]);
  t.is(iso(entries[1]!.realtimeUs), '2031-11-11T00:40:40.583Z');
  t.deepEqual(entries.map((e) => e.priority), [3, 4, 6]);
  t.deepEqual(diagnostics.map((d) => [d.code, d.line]), [['no-time', 1]]);
});

test('zap: JSON lines with ts as RFC 3339 or epoch milliseconds; the logger names the identifier', async (t) => {
  const lines = [
    // k3s-io/k3s#4438 (embedded etcd).
    '{"level":"warn","ts":"2031-11-11T00:40:42.117Z","logger":"etcd-client","caller":"v3/retry_interceptor.go:62","msg":"retrying of unary invoker failed","attempt":0}',
    // siderolabs/talos#8714 (kubelet --logging-format=json, epoch milliseconds).
    '{"ts":1715089289928.7717,"caller":"kubelet/kubelet_node_status.go:701","msg":"Failed to set some node status fields","node":{"name":"duke-10-224-238-2"},"err":"failed to validate nodeIP: node IP: \\"10.224.224.140\\" not found in the host\'s network interfaces"}',
  ];
  const { entries, summary } = await read(lines, {});
  t.like(summary, { format: 'zap', lines: 2, parsed: 2, skipped: 0 });
  t.is(entries[0]!.identifier, 'etcd-client');
  t.is(entries[0]!.priority, 4);
  t.is(entries[0]!.message, lines[0]);
  t.is(entries[1]!.identifier, null);
  t.is(iso(entries[1]!.realtimeUs), '2024-05-07T13:41:29.928Z');
});

test('journal json stays journal json: upper-case fields, and systemd 219\'s spaced `{ "__CURSOR" : … }`', async (t) => {
  // openfaas/faasd's journal reader test (pkg/logs): a line of `journalctl -o json` from an older systemd.
  const old = '{ "__CURSOR" : "s=71c4550142d14ace8e2959e3540cc15c;i=133c;b=44864010f0d94baba7b6bf8019f82a56;m=2945cd3;t=5a00d4eb59180;x=8ed47f7f9b3d798", "__REALTIME_TIMESTAMP" : "1583353899094400", "__MONOTONIC_TIMESTAMP" : "43277523", "_BOOT_ID" : "44864010f0d94baba7b6bf8019f82a56", "SYSLOG_IDENTIFIER" : "openfaas-fn:nodeinfo", "_PID" : "2254", "MESSAGE" : "2020/03/04 20:31:39 POST / - 200 OK - ContentLength: 83", "_SOURCE_REALTIME_TIMESTAMP" : "1583353899094372" }';
  const { entries, summary } = await read([old, old.replace(/ : /g, ':').replace(/, "/g, ',"').replace('{ "', '{"')]);
  t.like(summary, { format: 'json', lines: 2, parsed: 2, skipped: 0, entries: 2 });
  t.like(entries[0], { identifier: 'openfaas-fn:nodeinfo', pid: 2254, monotonicUs: 43277523, bootId: '44864010f0d94baba7b6bf8019f82a56', realtimeUs: 1583353899094372 });
  t.deepEqual(entries[1], { ...entries[0]!, source: { path: 'paste.log', line: 2 } });
});

test('kubeadm: phase lines and the prose between them, no time, identifier kubeadm; klog lines of --v=5 are their own region', async (t) => {
  // kubernetes/kubeadm#947 (v1.10 wording) and kubernetes/kubeadm#1047 (v1.11, klog lines inside).
  const lines = [
    '[init] using Kubernetes version: v1.11.2',
    '[preflight] running pre-flight checks',
    'I0810 13:04:57.272222   21281 kernel_validator.go:81] Validating kernel version',
    '[preflight/images] Pulling images required for setting up a Kubernetes cluster',
    '        [WARNING HTTPProxyCIDR]: connection to "10.96.0.0/12" uses proxy "https://****************". This may lead to malfunctional cluster setup. Make sure that Pod and Services IP ranges specified correctly as exceptions in proxy configuration',
    '[certificates] apiserver serving cert is signed for DNS names [kubem1<domain> kubernetes kubernetes.default kubernetes.default.svc kubernetes.default.svc.cluster.local] and IPs [10.96.0.1 10.169.150.123]',
    // The end of a `kubeadm init` (kubernetes/kubeadm#2699): prose kubeadm prints, read as its entries.
    'Your Kubernetes control-plane has initialized successfully!',
  ];
  const { entries, summary, diagnostics } = await read(lines, { year: 2018, timeZone: 'UTC' });
  t.like(summary, { format: 'kubeadm', lines: 7, parsed: 7, skipped: 0, entries: 7 });
  t.deepEqual(summary.regions?.map((r) => r.format), ['kubeadm', 'klog', 'kubeadm']);
  t.deepEqual(entries.map((e) => e.identifier), ['kubeadm', 'kubeadm', null, 'kubeadm', 'kubeadm', 'kubeadm', 'kubeadm']);
  t.is(entries[4]!.message, lines[4]!.trim());
  t.is(entries[4]!.priority, 4);
  t.true(entries.filter((e) => e.identifier === 'kubeadm').every((e) => e.realtimeUs === null && e.monotonicUs === null));
  t.true(diagnostics.some((d) => d.code === 'no-time'));
});

test('OpenRC rc.log: runlevels with their start time, einfo bullets, daemons\' own lines, a boot per boot', async (t) => {
  // /var/log/rc.log of a Gentoo server, pasted in the forum thread "md1 won't stop - shutdown problem"
  // (ClientAlive, 2011-11-30); OpenRC's rc-logger.c writes the `rc … logging … at` lines with asctime.
  const lines = [
    'rc shutdown logging started at Thu Nov 24 06:24:13 2011',
    '',
    ' * Stopping sshd ...',
    ' [ ok ]',
    ' * ERROR: mdraid failed to stop',
    '',
    'rc shutdown logging stopped at Thu Nov 24 06:24:17 2011',
    '',
    '',
    'rc boot logging started at Mon Nov 28 00:47:43 2011',
    '',
    ' *   Adding routes',
    '/dev/md1: clean, 1690/262144 files, 77015/1048560 blocks',
    'rc boot logging stopped at Mon Nov 28 00:47:51 2011',
    'rc default logging started at Mon Nov 28 00:47:51 2011',
    'dhcpcd[1936]: eth0: leased 192.168.0.11 for 604800 seconds',
  ];
  const { entries, summary, markers } = await read(lines, { timeZone: 'UTC' });
  t.like(summary, { format: 'openrc', lines: 16, parsed: 16, skipped: 0, entries: 11 });
  t.deepEqual(markers, [10], 'the boot runlevel after a shutdown starts a boot; default does not');
  const byLine = new Map(entries.map((e) => [e.source.line, e]));
  t.is(byLine.get(3)!.message, 'Stopping sshd ...');
  t.is(byLine.get(5)!.message, 'ERROR: mdraid failed to stop');
  t.is(byLine.get(12)!.message, 'Adding routes');
  t.is(iso(byLine.get(3)!.realtimeUs), '2011-11-24T06:24:13.000Z');
  t.is(iso(byLine.get(13)!.realtimeUs), '2011-11-28T00:47:43.000Z');
  t.like(byLine.get(16), { identifier: 'dhcpcd', pid: 1936, message: 'eth0: leased 192.168.0.11 for 604800 seconds' });
  t.is(iso(byLine.get(16)!.realtimeUs), '2011-11-28T00:47:51.000Z');
});

test('OpenRC: a bullet in front of another format\'s line is not OpenRC\'s (minikube logs)', async (t) => {
  // OpenRC/openrc#1038 (Debian rc.log: banner and einfo lines), k0sproject/k0s#1035 (rc-service output).
  const { summary } = await read([
    '   OpenRC 0.63.3 is starting up Linux 7.0.7+deb14-amd64 (x86_64)',
    ' * /proc is already mounted',
    'Configuring network interfaces...done.',
  ]);
  t.like(summary, { format: 'openrc', parsed: 3, skipped: 0, entries: 3 });
  // kubernetes/minikube#8065: `* ` bullets in front of klog lines belong to klog, not to OpenRC.
  const minikube = await read([
    '* E0510 22:32:52.425127       1 reflector.go:123] k8s.io/client-go/informers/factory.go:134: Failed to list *v1.PersistentVolume: Get https://localhost:8443/api/v1/persistentvolumes?limit=500&resourceVersion=0: dial tcp 127.0.0.1:8443: connect: connection refused',
    ' * /proc is already mounted',
  ]);
  // Without a reader for the bullet it is skipped; with one, klog reads it (with its time): never OpenRC.
  const first = minikube.entries.find((e) => e.source.line === 1);
  t.true(first === undefined || first.realtimeUs !== null);
  t.is(minikube.entries.find((e) => e.source.line === 2)?.message, '/proc is already mounted');
});

test('capnslog (etcd 3.2–3.4) and Go\'s standard logger: stamps in local time, etcd packages name etcd', async (t) => {
  const capnslog = await read([
    // rancher/rke#1533.
    '2019-08-12 09:18:14.406666 I | embed: rejected connection from "192.168.1.11:39971" (error "EOF", ServerName "")',
    // etcd-io/etcd#8780.
    '2017-10-27 17:58:48.835305 N | etcdmain: the server is already initialized as member before, starting as etcd member...',
  ], { timeZone: 'UTC' });
  t.like(capnslog.summary, { format: 'capnslog', parsed: 2, skipped: 0 });
  t.like(capnslog.entries[0], { identifier: 'etcd', priority: 6, message: 'embed: rejected connection from "192.168.1.11:39971" (error "EOF", ServerName "")' });
  t.is(capnslog.entries[0]!.realtimeUs, Date.UTC(2019, 7, 12, 9, 18, 14) * 1000 + 406666);
  t.is(capnslog.entries[1]!.priority, 5);
  const golog = await read([
    // k0sproject/k0s#1195 (cfssl inside k0s, in a Podman container).
    '2021/10/15 22:12:14 [INFO] signed certificate with serial number 337483343134460078200949745178730287746213460518',
    // projectcalico/felix#393 (etcd 2.0).
    '2015/04/16 17:07:31 etcdserver: advertise client URLs = http://localhost:2379,http://localhost:4001',
  ], { timeZone: 'UTC' });
  t.like(golog.summary, { format: 'golog', parsed: 2, skipped: 0 });
  t.is(golog.entries[0]!.message, '2021/10/15 22:12:14 [INFO] signed certificate with serial number 337483343134460078200949745178730287746213460518');
  t.is(iso(golog.entries[1]!.realtimeUs), '2015-04-16T17:07:31.000Z');
});

test('a k3s service log mixes Go log, logrus and klog lines: one region each, every line read', async (t) => {
  // rancher/k3os#289 (/var/log/k3s-service.log).
  const { summary, entries } = await read([
    '2019-11-20 17:54:28.674346 I | http: TLS handshake error from 127.0.0.1:60264: remote error: tls: bad certificate',
    'time="2019-11-20T17:54:28.685803956Z" level=error msg="Node password rejected, duplicate hostname or contents of \'/etc/rancher/node/password\' may not match server node-passwd entry, try enabling a unique node name with the --with-node-id flag"',
    'time="2019-11-20T17:54:29.260505179Z" level=info msg="Waiting for master node  startup: resource name may not be empty"',
  ], { timeZone: 'UTC' });
  t.like(summary, { lines: 3, parsed: 3, skipped: 0, entries: 3 });
  t.deepEqual(summary.regions?.map((r) => r.format), ['capnslog', 'logrus']);
  t.is(entries[0]!.identifier, null, 'http: is not an etcd package');
});

test('a journal paste interleaved with a component log switches regions and comes back', async (t) => {
  // k3s-io/k3s#9274 (journalctl -u k3s) and the same k3s's klog lines as `kubectl logs` shows them.
  const { summary, entries } = await read([
    'Jan 23 15:00:31 vm-165 k3s[699204]: I0123 15:00:31.576834  699204 deployment_controller.go:168] "Starting controller" controller="deployment"',
    'I0123 15:00:31.576846  699204 shared_informer.go:311] Waiting for caches to sync for deployment',
    'Jan 23 15:00:31 vm-165 k3s[699204]: I0123 15:00:31.730070  699204 controllermanager.go:642] "Started controller" controller="persistentvolume-attach-detach-controller"',
  ]);
  t.like(summary, { lines: 3, parsed: 3, skipped: 0, entries: 3 });
  t.deepEqual(summary.regions?.map((r) => r.format), ['short', 'klog', 'short']);
  t.deepEqual(entries.map((e) => e.identifier), ['k3s', null, 'k3s']);
  t.is(entries[1]!.message, 'I0123 15:00:31.576846  699204 shared_informer.go:311] Waiting for caches to sync for deployment');
});
