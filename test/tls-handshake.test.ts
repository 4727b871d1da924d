import test from 'ava';
import { recognize } from './helpers/recognize.js';

// TLS failures the corpus shows (issue 15): a server refusing a handshake (its side of a certificate
// problem), and a client not trusting the issuer.

test('Go net/http: kube-apiserver behind klog (kubernetes/kubernetes#78158)', (t) => {
  // https://github.com/kubernetes/kubernetes/issues/78158
  const line = 'I0521 11:49:34.876306    1236 log.go:172] http: TLS handshake error from 10.91.32.169:57432: tls: first record does not look like a TLS handshake';
  t.like(recognize('kube-apiserver', line)[0], {
    kind: 'tls-handshake-failed', component: 'kube-apiserver', peer: '10.91.32.169:57432', error: 'tls: first record does not look like a TLS handshake',
  });
});

test('Go net/http: remote error with and without the tls: prefix, a redacted peer (k3os#289, kubernetes#22822)', (t) => {
  // https://github.com/rancher/k3os/issues/289 (capnslog-style stamp, k3s's embedded server)
  t.like(recognize('k3s', '2019-11-20 17:54:28.674346 I | http: TLS handshake error from 127.0.0.1:60264: remote error: tls: bad certificate')[0],
    { kind: 'tls-handshake-failed', peer: '127.0.0.1:60264', error: 'remote error: tls: bad certificate' });
  // https://github.com/kubernetes/kubernetes/issues/22822 (Go 1.5: `remote error: bad certificate`; the author hid the peer)
  const redacted = recognize('kube-apiserver', 'I0622 22:38:16.699924    5253 logs.go:41] http: TLS handshake error from xx.xx.xx.xx:49486: remote error: bad certificate')[0];
  t.like(redacted, { peer: 'xx.xx.xx.xx:49486', error: 'remote error: bad certificate', redacted: true });
  t.like(recognize('h', 'http: TLS handshake error from [::1]:443: EOF')[0], { peer: '[::1]:443', error: 'EOF' });
  t.is(recognize('kube-apiserver', 'http: TLS handshake error from somewhere').length, 0);
});

test('etcd: capnslog and zap rejected connection (etcd-io/etcd#11770, k3s-io/k3s#4438)', (t) => {
  // https://github.com/etcd-io/etcd/issues/11770 (syslog, etcd 3.3)
  t.like(recognize('etcd', 'rejected connection from "192.168.0.12:34990" (error "remote error: tls: bad certificate", ServerName "")')[0],
    { kind: 'tls-handshake-failed', component: 'etcd', peer: '192.168.0.12:34990', error: 'remote error: tls: bad certificate' });
  // https://github.com/k3s-io/k3s/pull/4438 (embedded etcd 3.5 in k3s, zap JSON)
  const zap = '{"level":"warn","ts":"2031-11-11T00:40:40.583Z","caller":"embed/config_logging.go:169","msg":"rejected connection","remote-addr":"127.0.0.1:38608","server-name":"","error":"remote error: tls: bad certificate"}';
  t.like(recognize('k3s', zap)[0], { kind: 'tls-handshake-failed', component: 'etcd', peer: '127.0.0.1:38608', error: 'remote error: tls: bad certificate' });
  t.is(recognize('k3s', '{"msg":"rejected connection"}').length, 0);
});

test('x509 unknown authority: the client does not trust the issuer; wanted is the URL host (kubernetes#48282, k3s#411, rke#3050)', (t) => {
  // https://github.com/kubernetes/kubernetes/issues/48282
  t.like(recognize('kubelet', 'E0629 05:29:43.583645    2413 kubelet_node_status.go:106] Unable to register node "bootstrap-e2e-minion-group-bxn4" with API server: Post https://35.192.63.12/api/v1/nodes: x509: certificate signed by unknown authority')[0],
    { kind: 'tls-verify-failed', reason: 'unknown-authority', wanted: '35.192.63.12', validFor: [], component: 'kubelet' });
  // https://github.com/k3s-io/k3s/issues/411 (logrus, the crypto/rsa hint quoted inside msg)
  const k3s = 'time="2019-04-29T03:19:44.829455265+01:00" level=error msg="server https://localhost:6443/cacerts is not trusted: Get https://localhost:6443/cacerts: x509: certificate signed by unknown authority (possibly because of \\"crypto/rsa: verification error\\" while trying to verify candidate authority certificate \\"k3s-ca\\")"';
  t.like(recognize('k3s', k3s)[0], { kind: 'tls-verify-failed', reason: 'unknown-authority', wanted: 'localhost', component: 'k3s' });
  // https://github.com/rancher/rke/issues/3050 (ingress controller, quoted URL)
  t.like(recognize('nginx-ingress-controller', 'E0922 01:30:03.632236       7 reflector.go:138] k8s.io/client-go@v0.23.6/tools/cache/reflector.go:167: Failed to watch *v1.Service: Get "https://10.43.0.1:443/api/v1/services?allowWatchBookmarks=true": x509: certificate signed by unknown authority')[0],
    { reason: 'unknown-authority', wanted: '10.43.0.1' });
});

test('the verdict: a handshake a client broke off over the certificate is a refusal; one cut short (EOF) a failed handshake', async (t) => {
  const { analyzeText } = await import('./helpers/analyze.js');
  // https://github.com/rancher/k3os/issues/289 (the line as k3s's journal shows it)
  const bad = await analyzeText('2019-11-20T17:54:28.674346+0000 node k3s[812]: http: TLS handshake error from 127.0.0.1:60264: remote error: tls: bad certificate\n');
  t.is(bad.boots[0]!.verdict, 'problem');
  t.deepEqual(bad.boots[0]!.verdictReasons, [{ code: 'unexplained-refusals', count: 1 }]);
  // A client that broke off (or a load balancer's probe): the server logged an error, no refusal
  // (kubernetes/kubernetes#70411's people call it a problem; the CLI's exit code weighs it as info).
  const probe = await analyzeText('2019-11-20T17:54:28.674346+0000 node k3s[812]: http: TLS handshake error from 10.0.0.2:41234: EOF\n');
  t.is(probe.boots[0]!.events[0]!.kind, 'tls-handshake-failed');
  t.is(probe.boots[0]!.verdict, 'problem');
  t.deepEqual(probe.boots[0]!.verdictReasons, [{ code: 'failed-handshakes', count: 1 }]);
});
