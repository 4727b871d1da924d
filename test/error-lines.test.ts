import test from 'ava';
import { isErrorLine } from '@bootlens/core/internal';
import { analyzeText, eventsOf } from './helpers/analyze.js';
import { runCli } from './helpers/cli.js';

// Issue 19: a line a component itself marks as an error is a failure a person sees, even when
// bootlens reads it no further. Each form with its real line and the public report it came from.

// https://github.com/kubernetes/minikube/issues/8065 (`minikube logs`, the bullet taken off)
const MINIKUBE = 'E0510 22:32:52.425127       1 reflector.go:123] k8s.io/client-go/informers/factory.go:134: Failed to list *v1.PersistentVolume: Get https://localhost:8443/api/v1/persistentvolumes?limit=500&resourceVersion=0: dial tcp 127.0.0.1:8443: connect: connection refused';
// https://github.com/kelseyhightower/kubernetes-the-hard-way/pull/138 (syslog: the klog line after two spaces)
const KTHW = ' E0326 21:34:53.596196   20879 certificates.go:38] Failed to start certificate controller: open "/var/lib/kubernetes/ca.pem": no such file or directory';
// https://github.com/siderolabs/talos/pull/13505 (zap console, host and time taken off by the stamped reader)
const TALOS = 'ERROR time query error {"component": "controller-runtime", "controller": "time.SyncController", "server": "time.cloudflare.com", "error": "NTS session for time.cloudflare.com: key exchange: connection error: dial tcp: lookup time.cloudflare.com on 8.8.8.8:53: dial udp 8.8.8.8:53: connect: network is unreachable"}';
// https://github.com/kube-vip/kube-vip/issues/1747 (slog's text default)
const SLOG = '2026/09/04 08:38:17 ERROR [DHCP] unable to write rp_filter value=0 err="failed to open file: open /proc/sys/net/ipv4/conf/vip-7c8311ee/rp_filter: read-only file system"';
// https://github.com/rancher/k3os/issues/289 (logrus)
const LOGRUS = 'time="2019-11-20T17:54:28.685803956Z" level=error msg="Node password validation failed for \'k3os-4224\', using passwd file \'/var/lib/rancher/k3s/server/cred/node-passwd\'"';
// https://github.com/coze-dev/coze-studio/issues/2174 (etcd's zap JSON)
const ZAP = '{"level":"fatal","ts":"2025-09-17T05:15:43.816925Z","caller":"etcdmain/etcd.go:204","msg":"discovery failed","error":"cannot access data directory: mkdir /bitnami/etcd/data: permission denied"}';

test('error lines: klog E, a level word first (zap console, slog), logrus level=error, zap JSON', (t) => {
  for (const line of [MINIKUBE, KTHW, TALOS, SLOG, LOGRUS, ZAP]) t.true(isErrorLine(line), line);
});

test('no error lines: other levels, and error words that are no level (prose, a field, a unit failing)', (t) => {
  // The lines around the errors of the same reports.
  t.false(isErrorLine(' I0326 21:34:53.595729   20879 controllermanager.go:427] Starting "certificatesigningrequests"'));
  t.false(isErrorLine(' W0326 21:34:53.596236   20879 controllermanager.go:434] Skipping "certificatesigningrequests"'));
  t.false(isErrorLine('DEBUG sample stats {"component": "controller-runtime", "controller": "time.SyncController"}'));
  t.false(isErrorLine('2026/09/04 08:38:17 INFO successful add IP'));
  t.false(isErrorLine('time="2025-01-21T15:02:37Z" level=info msg="Starting kube-vip.io [v0.8.9]"'));
  t.false(isErrorLine('{"level":"warn","ts":"2025-09-17T05:15:43.816901Z","caller":"etcdmain/etcd.go:146","msg":"failed to start etcd"}'));
  t.false(isErrorLine('Error: failed to start'));
  t.false(isErrorLine('ERRORS: none'));
  t.false(isErrorLine('Failed to start nginx.service - A high performance web server.'));
  t.false(isErrorLine(''));
});

test("a component's error lines are one run per component, counted in the verdict; the event keeps their words", async (t) => {
  // https://github.com/kubernetes-sigs/kubespray/issues/3709 (cut by the pager)
  const report = await analyzeText([
    'Nov 18 06:02:16 mgm-k8s-master-1 kubelet[16695]: E1118 06:02:16.773362   16695 reflector.go:134] k8s.io/kubernetes/pkg/kubelet/kubelet.go:442: Failed t',
    'Nov 18 06:02:16 mgm-k8s-master-1 kubelet[16695]: E1118 06:02:16.816515   16695 kubelet.go:2236] node "mgm-k8s-master-1" not found',
    'Nov 18 06:02:16 mgm-k8s-master-1 kubelet[16695]: E1118 06:02:16.916712   16695 kubelet.go:2236] node "mgm-k8s-master-1" not found',
  ].join('\n') + '\n', 'kubelet.log', { year: 2018 });
  const boot = report.boots[0]!;
  const events = eventsOf(report);
  t.is(events.length, 1);
  t.like(events[0], { kind: 'component-failure', failure: 'error-logged', component: 'kubelet', error: 'k8s.io/kubernetes/pkg/kubelet/kubelet.go:442: Failed t', run: { count: 3 } });
  t.is(boot.verdict, 'problem');
  t.deepEqual(boot.verdictReasons, [{ code: 'error-lines', count: 3 }]);
});

test('zap console fields: the message and its error, the component named', async (t) => {
  const report = await analyzeText(`172.20.0.2: 2011-11-11T11:11:02.386Z ${TALOS}\n`, 'talos.log');
  t.like(eventsOf(report)[0], {
    failure: 'error-logged', component: 'controller-runtime',
    error: 'time query error: NTS session for time.cloudflare.com: key exchange: connection error: dial tcp: lookup time.cloudflare.com on 8.8.8.8:53: dial udp 8.8.8.8:53: connect: network is unreachable',
  });
});

test('an error line another recognizer reads is that event only, not an error line too', async (t) => {
  // https://github.com/kubernetes/kubernetes/issues/96256
  const line = 'E1111 00:15:53.851634   66610 transport.go:113] The currently active client certificate has expired, but the server is not responsive. A restart may be necessary to retrieve new initial credentials.';
  const report = await analyzeText(`${line}\n`, 'kubelet.log', { year: 2020 });
  t.deepEqual(eventsOf(report).map((e) => e.kind), ['tls-verify-failed']);
  t.false(report.boots[0]!.verdictReasons!.some((r) => r.code === 'error-lines'));
});

test('exit code: error lines weigh as info', (t) => {
  const text = `${MINIKUBE}\n`;
  t.is(runCli(['analyze', '--year', '2020', '-'], text).status, 0);
  t.is(runCli(['analyze', '--year', '2020', '--fail-on', 'warning', '-'], text).status, 0);
  t.is(runCli(['analyze', '--year', '2020', '--fail-on', 'info', '-'], text).status, 1);
});

test('logrus and zap JSON error lines are found by the dispatch, in a journal and alone; their info lines are not', async (t) => {
  const journal = await analyzeText([
    // https://github.com/rancher/k3os/issues/289 (as a journal line; the same k3s logs at info first)
    `Nov 20 17:54:28 k3os-4224 k3s[1]: ${LOGRUS}`,
    'Nov 20 17:54:28 k3os-4224 k3s[1]: time="2019-11-20T17:54:28.685803956Z" level=info msg="Starting k3s v0.11.0"',
  ].join('\n') + '\n', 'journal.log', { year: 2019 });
  t.like(eventsOf(journal), [{ kind: 'component-failure', failure: 'error-logged', component: 'k3s', source: { line: 1 } }]);
  t.is(eventsOf(journal).length, 1);
  const zap = await analyzeText(`${ZAP}\n`, 'etcd.log');
  t.like(eventsOf(zap), [{ failure: 'error-logged', error: 'discovery failed: cannot access data directory: mkdir /bitnami/etcd/data: permission denied' }]);
  // Without the dispatch's word, a time="…" or JSON line is not looked at.
  t.false(isErrorLine(LOGRUS, false));
  t.false(isErrorLine(ZAP, false));
});
