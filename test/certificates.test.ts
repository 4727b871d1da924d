import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TimelineEvent } from '@bootlens/core';
import { analyze, renderText, Report } from '@bootlens/core';
import { analyzeText, isoLine } from './helpers/analyze.js';
import { recognize } from './helpers/recognize.js';

const only = (events: TimelineEvent[], kind: string) => events.filter((e) => e.kind === kind);

// --- Go x509 texts ----------------------------------------------------------------------------

test('x509 hostname mismatch behind kubectl (k3s-io/k3s#5007) and inside k0s-wrapped klog (unescaped)', (t) => {
  // "Unable to connect to the server: x509: certificate is valid for 10.210.6.3, 10.43.0.1, 127.0.0.1, not 10.208.6.35"
  const [e] = only(recognize('kubectl', 'Unable to connect to the server: x509: certificate is valid for 10.210.6.3, 10.43.0.1, 127.0.0.1, not 10.208.6.35'), 'tls-verify-failed');
  t.like(e, { reason: 'hostname-mismatch', wanted: '10.208.6.35', validFor: ['10.210.6.3', '10.43.0.1', '127.0.0.1'] });
  const wrapped = 'time="2024-11-20 09:27:41" level=info msg="E1120 09:27:41.613170    1158 reflector.go:158] \\"Unhandled Error\\" err=\\"Get \\\\\\"https://192.168.2.10:6443/api\\\\\\": tls: failed to verify certificate: x509: certificate is valid for 127.0.0.1, 10.96.0.1, not 192.168.2.10\\"" component=kubelet stream=stderr';
  t.like(only(recognize('k0s', wrapped), 'tls-verify-failed')[0], { reason: 'hostname-mismatch', wanted: '192.168.2.10', component: 'kubelet' });
});

test('x509: no IP SANs, with and without the x509 prefix (projectcalico/calico#2040)', (t) => {
  // "Failed to list *v1.Service: Get https://10.96.0.1:443/api/v1/services?resourceVersion=0: cannot validate certificate for 10.96.0.1 because it doesn't contain any IP SANs."
  const [old] = only(recognize('calico', "Failed to list *v1.Service: Get https://10.96.0.1:443/api/v1/services?resourceVersion=0: cannot validate certificate for 10.96.0.1 because it doesn't contain any IP SANs."), 'tls-verify-failed');
  t.like(old, { reason: 'no-ip-sans', wanted: '10.96.0.1', validFor: [] });
  const [now] = only(recognize('kubelet', "Get \"https://192.168.2.10:6443/api\": tls: failed to verify certificate: x509: cannot validate certificate for 192.168.2.10 because it doesn't contain any IP SANs"), 'tls-verify-failed');
  t.like(now, { reason: 'no-ip-sans', wanted: '192.168.2.10' });
});

test('x509: not valid for any names (goharbor/harbor#9821, mattermost-plugin-msteams-meetings#95)', (t) => {
  // 'Post "https://login.microsoftonline.com/…/oauth2/v2.0/token": x509: certificate is not valid for any names, but wanted to match login.microsoftonline.com'
  const [e] = only(recognize('mattermost', 'Post "https://login.microsoftonline.com/e310/oauth2/v2.0/token": x509: certificate is not valid for any names, but wanted to match login.microsoftonline.com'), 'tls-verify-failed');
  t.like(e, { reason: 'no-names', wanted: 'login.microsoftonline.com' });
});

test('x509: legacy Common Name, both Go wordings (theforeman/forklift#1481, cncamp/101#12)', (t) => {
  // "yggdrasild[23786]: cannot connect to broker: network Error : x509: certificate relies on legacy Common Name field, use SANs or temporarily enable Common Name matching with GODEBUG=x509ignoreCN=0"
  t.like(only(recognize('yggdrasild', 'cannot connect to broker: network Error : x509: certificate relies on legacy Common Name field, use SANs or temporarily enable Common Name matching with GODEBUG=x509ignoreCN=0'), 'tls-verify-failed')[0], { reason: 'legacy-cn', wanted: '' });
  const [e] = only(recognize('kubelet', 'Get "https://k8s.example.com:6443/healthz": x509: certificate relies on legacy Common Name field, use SANs instead'), 'tls-verify-failed');
  t.like(e, { reason: 'legacy-cn', wanted: 'k8s.example.com' });
});

test('x509: not yet valid and expired carry both times (k0sproject/k0s#1766); the old text without them too (k0s#3732)', (t) => {
  // "Unable to connect to the server: x509: certificate has expired or is not yet valid: current time 2022-05-27T17:18:31Z is before 2022-05-27T20:50:00Z"
  const [early] = only(recognize('kubectl', 'Unable to connect to the server: x509: certificate has expired or is not yet valid: current time 2022-05-27T17:18:31Z is before 2022-05-27T20:50:00Z'), 'tls-verify-failed');
  t.like(early, { reason: 'not-yet-valid', currentTime: '2022-05-27T17:18:31Z', boundary: '2022-05-27T20:50:00Z', wanted: '' });
  const [late] = only(recognize('kubelet', 'Get "https://10.0.0.1:6443/api": tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2025-01-02T00:00:00Z is after 2024-12-31T23:59:59Z'), 'tls-verify-failed');
  t.like(late, { reason: 'expired', wanted: '10.0.0.1', boundary: '2024-12-31T23:59:59Z' });
  t.like(only(recognize('kubectl', 'Unable to connect to the server: x509: certificate has expired or is not yet valid'), 'tls-verify-failed')[0], { reason: 'expired-or-not-yet-valid' });
});

test('etcd zap JSON: x509 inside "error", and the SAN check with ip-addresses/dns-names (etcd-io/etcd#10929 wording)', (t) => {
  const zap = '{"level":"warn","ts":"2024-11-20T09:27:41.613Z","caller":"embed/config_logging.go:169","msg":"rejected connection","remote-addr":"172.17.8.1:53178","server-name":"","ip-addresses":["172.17.8.101","127.0.0.1"],"dns-names":["localhost","etcd"],"error":"tls: \\"172.17.8.1\\" does not match any of DNSNames [\\"localhost\\" \\"etcd\\"]"}';
  t.like(only(recognize('etcd', zap), 'tls-verify-failed')[0], { component: 'etcd', wanted: '172.17.8.1', validFor: ['172.17.8.101', '127.0.0.1', 'localhost', 'etcd'] });
  // capnslog (etcd 3.3), etcd-io/etcd#10929: `embed: rejected connection from "172.17.8.1:53178" (error "tls: \"172.17.8.1\" does not match any of DNSNames [...]", ServerName "", IPAddresses [...], DNSNames [...])`
  const capnslog = 'embed: rejected connection from "172.17.8.1:53178" (error "tls: \\"172.17.8.1\\" does not match any of DNSNames [\\"localhost\\" \\"k8s-1\\"] (lookup etcd on 4.2.2.2:53: no such host)", ServerName "", IPAddresses ["172.17.8.101" "127.0.0.1"], DNSNames ["localhost" "k8s-1"])';
  t.like(only(recognize('etcd', capnslog), 'tls-verify-failed')[0], { wanted: '172.17.8.1', validFor: ['172.17.8.101', '127.0.0.1', 'localhost', 'k8s-1'] });
  const inner = '{"level":"warn","ts":"2024-11-20T09:27:41Z","msg":"health check failed","error":"x509: certificate is valid for 127.0.0.1, not 10.0.0.5"}';
  t.like(only(recognize('etcd', inner), 'tls-verify-failed')[0], { wanted: '10.0.0.5', reason: 'hostname-mismatch' });
});

// --- kubeadm, kube-apiserver -----------------------------------------------------------------

test('kubeadm [certs] SAN lines, current and ≤1.12 wording, prefixed by another tool (kubeadm#2699, #947, calico#2040)', (t) => {
  // "[certs] apiserver serving cert is signed for DNS names [kube1 kubernetes kubernetes.default kubernetes.default.svc kubernetes.default.svc.cluster.local] and IPs [10.96.0.1 172.16.99.103]"
  const [e] = only(recognize('cloud-init', '[certs] apiserver serving cert is signed for DNS names [kube1 kubernetes kubernetes.default kubernetes.default.svc kubernetes.default.svc.cluster.local] and IPs [10.96.0.1 172.16.99.103]'), 'cert-issued');
  t.like(e, { component: 'kubeadm', action: 'signed', certificate: 'apiserver', sans: { ip: ['10.96.0.1', '172.16.99.103'] } });
  const [old] = only(recognize('provision.sh', 'TASK [kubeadm init] [certificates] apiserver serving cert is signed for DNS names [kubem1 kubernetes] and IPs [10.96.0.1 10.169.150.123]'), 'cert-issued');
  t.like(old, { certificate: 'apiserver', sans: { dns: ['kubem1', 'kubernetes'], ip: ['10.96.0.1', '10.169.150.123'] } });
  t.like(only(recognize('kubeadm', '[certificates] API Server serving cert is signed for DNS names [m kubernetes] and IPs [10.96.0.1 10.0.0.1]'), 'cert-issued')[0], { certificate: 'apiserver' });
  t.like(only(recognize('kubeadm', '[certs] etcd/server serving cert is signed for DNS names [kube1 localhost] and IPs [172.16.99.103 127.0.0.1 ::1]'), 'cert-issued')[0], { certificate: 'etcd/server', sans: { ip: ['172.16.99.103', '127.0.0.1', '::1'] } });
  t.like(only(recognize('kubeadm', '[certs] Using the existing "apiserver" certificate and key'), 'cert-issued')[0], { action: 'reused', certificate: 'apiserver' });
});

test('kube-apiserver "Loaded serving cert" (klog structured, tlsconfig.go:200), bare and wrapped by k0s', (t) => {
  const line = 'I0311 15:53:26.998666 2101307 tlsconfig.go:200] "Loaded serving cert" certName="serving-cert::/etc/kubernetes/pki/apiserver.crt::/etc/kubernetes/pki/apiserver.key" certDetail="\\"kube-apiserver\\" [serving] validServingFor=[10.96.0.1,192.168.2.10,kubernetes,kubernetes.default] issuer=\\"kubernetes\\" (2024-03-08 11:25:05 +0000 UTC to 2025-03-08 11:25:05 +0000 UTC (now=2024-03-11 15:53:26.998640146 +0000 UTC))"';
  const [e] = only(recognize('kube-apiserver', line), 'cert-issued');
  t.like(e, { action: 'loaded', certificate: '/etc/kubernetes/pki/apiserver.crt', subject: 'kube-apiserver', issuer: 'kubernetes', notBefore: '2024-03-08T11:25:05Z', sans: { ip: ['10.96.0.1', '192.168.2.10'], dns: ['kubernetes', 'kubernetes.default'] } });
  const wrapped = `time="2024-11-20 09:27:06" level=info msg=${JSON.stringify(line)} component=kube-apiserver stream=stderr`;
  t.like(only(recognize('k0s', wrapped), 'cert-issued')[0], { component: 'k0s', action: 'loaded' });
  // The scheduler's self-signed loopback cert is not the API's.
  t.deepEqual(only(recognize('k0s', wrapped.replace('component=kube-apiserver', 'component=kube-scheduler')), 'cert-issued'), []);
});

// --- k3s / rke2 dynamiclistener, microk8s -----------------------------------------------------

const K3S_UPDATE = 'time="2022-07-19T13:53:12-07:00" level=info msg="Updating TLS secret for kube-system/k3s-serving (count: 10): map[listener.cattle.io/cn-10.0.1.227:10.0.1.227 listener.cattle.io/cn-10.43.0.1:10.43.0.1 listener.cattle.io/cn-127.0.0.1:127.0.0.1 listener.cattle.io/cn-__1-f16284:::1 listener.cattle.io/cn-debian01.lan.khaus:debian01.lan.khaus listener.cattle.io/cn-kubernetes:kubernetes listener.cattle.io/cn-localhost:localhost listener.cattle.io/fingerprint:SHA1=6DE892F043766D0B02A768010DB6BFB5B8357208]"';

test('dynamiclistener: Updating TLS secret with a mangled IPv6 key (k3s-io/k3s#5163), Active without namespace (k3s#2754)', (t) => {
  const [u] = only(recognize('k3s', K3S_UPDATE), 'cert-issued');
  t.like(u, { component: 'k3s', action: 'signed', certificate: 'kube-system/k3s-serving' });
  t.deepEqual((u as { sans?: unknown }).sans, { ip: ['10.0.1.227', '10.43.0.1', '127.0.0.1', '::1'], dns: ['debian01.lan.khaus', 'kubernetes', 'localhost'] });
  // "Active TLS secret k3s-serving (ver=215) (count 7): map[…]" (k3s v1.20.0)
  const active = 'time="2020-12-28T16:44:44.799917703Z" level=info msg="Active TLS secret k3s-serving (ver=215) (count 7): map[listener.cattle.io/cn-10.43.0.1:10.43.0.1 listener.cattle.io/cn-127.0.0.1:127.0.0.1 listener.cattle.io/cn-192.168.1.143:192.168.1.143 listener.cattle.io/cn-localhost:localhost listener.cattle.io/fingerprint:SHA1=4F104FF2B5BF9444A7A539873D471E752AE34EF1]"';
  t.like(only(recognize('k3s', active), 'cert-issued')[0], { action: 'active', certificate: 'k3s-serving', sans: { ip: ['10.43.0.1', '127.0.0.1', '192.168.1.143'] } });
  // A map cut short by whoever pasted it (k3s#2914 as quoted) has no known SAN set.
  const cut = only(recognize('k3s', 'time="2021-02-09T14:28:13.717815726-05:00" level=info msg="Updating TLS secret for k3s-serving (count: 16): map[listener.cattle.io/cn-10.1.0.139:10.1.0.139 ...]"'), 'cert-issued')[0] as { sans?: unknown };
  t.is(cut.sans, undefined);
  t.like(only(recognize('rke2', 'time="2024-01-01T00:00:00Z" level=info msg="Creating new TLS secret for kube-system/rke2-serving (count: 1): map[listener.cattle.io/cn-10.0.0.9:10.0.0.9]"'), 'cert-issued')[0], { component: 'rke2', action: 'signed' });
});

test('dynamiclistener: certificate … signed by … with notBefore (k3s-io/k3s#2914)', (t) => {
  const line = 'time="2021-02-09T14:28:07.600794282-05:00" level=info msg="certificate CN=k3s,O=k3s signed by CN=k3s-server-ca@1612641497: notBefore=2021-02-06 19:58:17 +0000 UTC notAfter=2022-02-09 19:28:07 +0000 UTC"';
  t.like(only(recognize('k3s', line), 'cert-issued')[0], { subject: 'CN=k3s,O=k3s', issuer: 'CN=k3s-server-ca@1612641497', notBefore: '2021-02-06T19:58:17Z', notAfter: '2022-02-09T19:28:07Z' });
});

test('microk8s apiserver-kicker re-signing (canonical/microk8s#2185)', (t) => {
  // "Apr 20 09:57:13 john-trx40-designair microk8s.daemon-apiserver-kicker[33342]: CSR change detected. Reconfiguring the kube-apiserver"
  t.like(only(recognize('microk8s.daemon-apiserver-kicker', 'CSR change detected. Reconfiguring the kube-apiserver'), 'cert-issued')[0], { component: 'microk8s', action: 'signed' });
  t.is(only(recognize('microk8s.daemon-apiserver-kicker', 'cert change detected. Reconfiguring the kube-apiserver'), 'cert-issued').length, 1);
});

// --- rules on inline journals ----------------------------------------------------------------

const dhcp = (s: number, ip: string, iface = 'eth0') =>
  isoLine(s, 'systemd-networkd[412]', `${iface}: DHCPv4 address ${ip}/24, gateway 10.0.1.1 acquired from 10.0.1.1`);
const k3s = (s: number, msg: string) => isoLine(s, 'k3s[30586]', `time="2024-11-20T09:27:0${Math.min(9, Math.floor(s))}Z" level=info msg="${msg}"`);
const map = (...names: string[]) => `map[${names.map((n) => `listener.cattle.io/cn-${n.replace(/:/g, '_')}:${n}`).join(' ')} listener.cattle.io/fingerprint:SHA1=00]`;

const findings = async (lines: string[], options = {}) => (await analyzeText(lines.join('\n'), 'boot.log', options)).boots.flatMap((b) => b.findings);

test('k3s race healed by a later Updating TLS secret that adds the address: info, and no missing-address finding', async (t) => {
  const lines = [
    k3s(2, `Active TLS secret kube-system/k3s-serving (ver=239) (count 4): ${map('10.43.0.1', '127.0.0.1', 'localhost', 'kubernetes')}`),
    dhcp(6, '10.0.1.227'),
    k3s(9, `Updating TLS secret for kube-system/k3s-serving (count: 5): ${map('10.0.1.227', '10.43.0.1', '127.0.0.1', 'localhost', 'kubernetes')}`),
  ];
  const all = await findings(lines);
  const [f, ...rest] = all.filter((x) => x.rule === 'cert-issued-before-address');
  t.is(rest.length, 0);
  t.like(f, { severity: 'info', details: { component: 'k3s', address: '10.0.1.227', reissuedWithSans: true } });
  t.regex(f!.summary, /re-issued it at .* with 10\.0\.1\.227/);
  t.deepEqual(all.filter((x) => x.rule === 'cert-missing-address'), []);
});

test('k3s race not healed: an error naming --tls-san, and cert-missing-address from the logged SAN set', async (t) => {
  const lines = [k3s(2, `Active TLS secret kube-system/k3s-serving (ver=239) (count 2): ${map('10.43.0.1', '127.0.0.1')}`), dhcp(6, '10.0.1.227'),
    isoLine(30, 'kubectl', 'Unable to connect to the server: x509: certificate is valid for 10.43.0.1, 127.0.0.1, not 10.0.1.227')];
  const all = await findings(lines);
  const before = all.find((x) => x.rule === 'cert-issued-before-address')!;
  t.is(before.severity, 'error');
  t.regex(before.remediation, /tls-san: \[10\.0\.1\.227\] and node-ip: 10\.0\.1\.227/);
  const missing = all.find((x) => x.rule === 'cert-missing-address')!;
  t.like(missing, { severity: 'error', details: { address: '10.0.1.227', component: 'k3s', askedByClients: 1 } });
  t.deepEqual(missing.details['origins'], ['log']); // the client's error shows the same certificate: not listed twice
  t.regex(missing.remediation, /delete secret k3s-serving/);
});

test('kubeadm signed before DHCP: error with the kubeadm remediation; silent when the IPs held the address', async (t) => {
  const signed = (s: number, ips: string) => isoLine(s, 'cloud-init[1022]', `[certs] apiserver serving cert is signed for DNS names [kube1 kubernetes] and IPs [${ips}]`);
  const all = await findings([signed(3, '10.96.0.1 10.0.2.15'), dhcp(7, '172.16.99.103')], { expectAddresses: ['172.16.99.103'] });
  const f = all.find((x) => x.rule === 'cert-issued-before-address')!;
  t.like(f, { severity: 'warning', details: { component: 'kubeadm', certificate: 'apiserver' } });
  t.regex(f.remediation, /kubeadm init phase certs apiserver --apiserver-advertise-address 172\.16\.99\.103 --apiserver-cert-extra-sans 172\.16\.99\.103/);
  t.like(all.find((x) => x.rule === 'cert-missing-address'), { severity: 'error', details: { expectedBy: ['--expect-address'] } });
  t.deepEqual(await findings([signed(3, '10.96.0.1 172.16.99.103'), dhcp(7, '172.16.99.103')]), []);
});

test('cert-not-yet-valid: the client error, and the timesyncd step that fixed the clock', async (t) => {
  const lines = [
    isoLine(5, 'kubelet', 'Get "https://10.0.0.1:6443/api": x509: certificate has expired or is not yet valid: current time 2024-11-20T09:27:05Z is before 2024-11-20T12:50:00Z'),
    isoLine(20, 'systemd-timesyncd[227]', 'Initial clock synchronization to Wed 2024-11-20 12:55:00.000000 UTC.'),
  ];
  const [f] = (await findings(lines)).filter((x) => x.rule === 'cert-not-yet-valid');
  t.like(f, { severity: 'error', details: { origin: 'client-error', notBefore: '2024-11-20T12:50:00Z', skewMs: 12_175_000, wanted: '10.0.0.1' } });
  t.regex(f!.summary, /3\.4 h before the certificate's NotBefore/);
  if (f!.details['clockStepAtMs'] !== null) t.regex(f!.remediation, /stepped the clock .* forward/);
  t.regex(f!.remediation, /systemd-time-wait-sync\.service/);
});

test('cert-not-yet-valid: a server loaded a certificate whose NotBefore was ahead of its clock', async (t) => {
  const line = 'I1120 09:27:06.000000 1041 tlsconfig.go:200] "Loaded serving cert" certName="serving-cert::/var/lib/k0s/pki/server.crt::/var/lib/k0s/pki/server.key" certDetail="\\"kubernetes\\" [serving] validServingFor=[127.0.0.1,10.96.0.1] issuer=\\"kubernetes-ca\\" (2024-11-21 08:00:00 +0000 UTC to 2025-11-21 08:00:00 +0000 UTC (now=2024-11-20 09:27:06 +0000 UTC))"';
  const [f] = (await findings([isoLine(6, 'kube-apiserver[1041]', line)])).filter((x) => x.rule === 'cert-not-yet-valid');
  t.like(f, { details: { origin: 'log', notBefore: '2024-11-21T08:00:00Z', certificate: '/var/lib/k0s/pki/server.crt' } });
});

// --- certificate files, config, and the race sample ------------------------------------------

const RACE = 'samples/journals/k0s-reboot-race.short-iso-precise';
const SERVER_CRT = 'samples/certs/k0s-reboot-race/server.crt';

test('a PEM file is read, matched to its cfssl line by serial (hex vs decimal) and dated to a window', async (t) => {
  const report = await analyze([RACE], { certificates: [SERVER_CRT] });
  const [cert] = report.certificates!;
  t.like(cert, {
    serialDecimal: '165050993559161138607775615531667478668894645400', notBefore: '2024-11-20T09:22:00Z', isCA: false,
    dating: 'cfssl-backdate', signedFrom: '2024-11-20T09:26:30Z', signedTo: '2024-11-20T09:27:30Z', issuance: { boot: 0, component: 'k0s' },
  });
  t.deepEqual(cert!.sans.ip, ['127.0.0.1', '::1', '127.0.1.1', 'fe80::1a66:daff:fe4c:2e91', '10.96.0.1']);
  // The logged signing (09:27:05.43) lies inside the window NotBefore gives.
  const logged = Date.parse(cert!.issuance!.realtime!);
  t.true(logged >= Date.parse(cert!.signedFrom!) && logged < Date.parse(cert!.signedTo!));
  t.notThrows(() => Report.parse(report));
});

test('race sample with --cert: SAN audit rows, both certificate findings, and the text table fits 80 columns', async (t) => {
  const report = await analyze([RACE], { certificates: [SERVER_CRT] });
  const [boot] = report.boots;
  const audit = boot!.sanAudits!.find((a) => a.origin === 'file')!;
  t.is(boot!.sanAudits!.filter((a) => a.origin === 'client-error').length, 0, "the kubelet's error shows the same certificate");
  t.like(audit.rows.find((r) => r.name === '192.168.2.10'), { inCertificate: false, configured: [], onInterface: { interface: 'eth0' }, askedBy: { components: ['kubelet'] } });
  t.like(audit.rows.find((r) => r.name === '10.96.0.1'), { inCertificate: true, onInterface: null, askedBy: null });
  const rules = boot!.findings.map((f) => f.rule);
  t.true(rules.includes('cert-issued-before-address'));
  const missing = boot!.findings.find((f) => f.rule === 'cert-missing-address')!;
  t.like(missing, { severity: 'error', details: { address: '192.168.2.10', component: 'k0s', certificates: [SERVER_CRT], origins: ['file'] } });
  t.regex(missing.remediation, /spec\.api\.address: 192\.168\.2\.10/);
  t.false(rules.includes('cert-not-yet-valid'));
  const text = renderText(report);
  t.regex(text, /SAN audit:\n {2}samples\/certs\/k0s-reboot-race\/server\.crt \(file\)/);
  t.regex(text.replace(/\n +/g, ' '), /signed between 2024-11-20 09:26:30 UTC and 2024-11-20 09:27:30 UTC/);
  t.regex(text, / 192\.168\.2\.10 +- +NO +eth0 @6\.707s +kubelet ×9/);
  const section = text.slice(text.indexOf('SAN audit:'));
  for (const line of section.split('\n').slice(0, 8)) t.true(line.length <= 80, line);
});

test('--config k0s.yaml: spec.api address, sans and externalAddress are expected; a directory is read recursively', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bootlens-pki-'));
  execFileSync('mkdir', ['-p', join(dir, 'etcd')]);
  writeFileSync(join(dir, 'etcd', 'server.crt'), readFileSync(SERVER_CRT));
  writeFileSync(join(dir, 'server.key'), 'not a certificate');
  const config = 'apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n  api:\n    address: 192.168.2.10\n    externalAddress: k8s.example.com\n    sans:\n      - 192.168.2.10\n      - 2001:DB8::0:1\n';
  const report = await analyze([RACE], { certificates: [dir], config });
  t.deepEqual(report.expectedNames, [
    { name: '192.168.2.10', kind: 'ip', sources: ['k0s.yaml spec.api.address', 'k0s.yaml spec.api.sans'] },
    { name: '2001:db8::1', kind: 'ip', sources: ['k0s.yaml spec.api.sans'] },
    { name: 'k8s.example.com', kind: 'dns', sources: ['k0s.yaml spec.api.externalAddress'] },
  ]);
  t.is(report.certificates!.length, 1);
  t.is(report.certificates![0]!.path, join(dir, 'etcd', 'server.crt'));
  const missing = report.boots[0]!.findings.filter((f) => f.rule === 'cert-missing-address').map((f) => f.details['address']);
  t.deepEqual(missing, ['192.168.2.10', '2001:db8::1', 'k8s.example.com']);
});

test('PEM text is accepted by the library, and a missing --cert path is an InputError', async (t) => {
  const report = await analyzeText(isoLine(1, 'k0s[1]', 'time="x" level=info msg="using api address: 10.0.0.1"'), 'a.log', { certificates: [readFileSync(SERVER_CRT, 'utf8')] });
  t.is(report.certificates![0]!.path, '<pem 1>');
  t.is(report.certificates![0]!.dating, 'cfssl-backdate'); // issuer kubernetes-ca, NotBefore on a whole minute
  await t.throwsAsync(analyze([RACE], { certificates: ['/nonexistent/server.crt'] }), { name: 'InputError' });
});

test('CLI: --cert, --expect-address and --config reach the report', async (t) => {
  const { main } = await import('@bootlens/cli');
  let out = '';
  const io = { stdin: process.stdin, stdout: { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream, stderr: { write: () => true } as unknown as NodeJS.WritableStream, env: {} };
  const code = await main(['analyze', '--format', 'json', '--cert', SERVER_CRT, '--expect-address', '192.168.2.10', RACE], io);
  t.is(code, 1);
  const report = JSON.parse(out) as { certificates: unknown[]; expectedNames: Array<{ name: string }> };
  t.is(report.certificates.length, 1);
  t.deepEqual(report.expectedNames.map((e) => e.name), ['192.168.2.10']);
});

// https://github.com/etcd-io/etcd/issues/15740 (test/corpus/certificates/etcd-15740-copied-peer-cert-dnsnames.log):
// etcd on 192.16.0.1 refuses the member at 192.16.0.3, whose peer certificate was copied from host1.
test("etcd refusing a client whose own certificate lacks its address: cert-missing-address names the client's certificate, not etcd's", async (t) => {
  const report = await analyze([join(import.meta.dirname, 'corpus/certificates/etcd-15740-copied-peer-cert-dnsnames.log')]);
  const boot = report.boots[0]!;
  const [finding, ...more] = boot.findings.filter((f) => f.rule === 'cert-missing-address');
  t.is(more.length, 0);
  t.like(finding!, { severity: 'error' });
  t.like(finding!.details, { address: '192.16.0.3', presentedByClient: true, certificates: ['the client certificate 192.16.0.3 presented to etcd'] });
  const [audit] = boot.sanAudits!;
  t.like(audit!, { origin: 'client-error', presentedBy: '192.16.0.3' });
  t.deepEqual(audit!.sans, { ip: ['192.16.0.1', '127.0.0.1', '::1'], dns: ['host1', 'localhost'] });
  const text = renderText(report);
  t.regex(text, /etcd refused the client at 192\.16\.0\.3/);
  t.notRegex(text, /Re-issue the serving certificate/, "the server's certificate is not the one to fix");
});
