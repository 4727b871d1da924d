import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, Report, type Finding, type SourceRef } from '@bootlens/core';
import { ROOT } from './helpers/cli.js';

// The certificate samples of samples/journals (README: "Certificates and changed addresses"), each
// rendered by the real journalctl 252. kubeadm-address-changed: kubeadm signs the API server's
// certificate for 192.168.2.23 in boot 1 (run by cloud-init); after a reboot DHCP gives eth0
// 192.168.2.10, and the kubelet, pointed there by hand, is shown the old certificate.

const MODES = ['json', 'short-iso-precise', 'export', 'short', 'with-unit', 'verbose', 'json.gz'] as const;

const reports = new Map<string, Promise<Report>>();
function report(scenario: string, mode: string): Promise<Report> {
  const key = `${scenario}.${mode}`;
  if (!reports.has(key)) reports.set(key, analyze([join(ROOT, 'samples/journals', key)], { year: 2024, timeZone: 'UTC' }));
  return reports.get(key)!;
}

/**
 * The text of the journal entry evidence points at: its line, and for the multi-line modes (export,
 * verbose) every line up to the entry's end. A gzipped journal is read as its uncompressed json twin.
 */
function entryText(source: SourceRef): string {
  const lines = readFileSync(source.path.replace(/\.json\.gz$/, '.json'), 'utf8').split('\n');
  const first = source.line - 1;
  if (!/\.(export|verbose)$/.test(source.path)) return lines[first] ?? '';
  let end = first + 1;
  while (end < lines.length && lines[end] !== '' && !/^[A-Z][a-z]{2} \d{4}-/.test(lines[end]!)) end++;
  return lines.slice(first, end).join('\n');
}
const evidenceTexts = (f: Finding) => f.evidence.map(entryText);

const KUBEADM = 'kubeadm-address-changed';
const X509 = 'x509: certificate is valid for 10.96.0.1, 192.168.2.23, not 192.168.2.10';

for (const mode of MODES) {
  test(`${KUBEADM}.${mode}: boot 1 is clean, and its kubeadm [certs] line gives the apiserver SAN set with 192.168.2.23`, async (t) => {
    const r = await report(KUBEADM, mode);
    t.is(r.inputs[0]!.skipped, 0);
    t.is(r.boots.length, 2);
    const [boot1] = r.boots;
    t.deepEqual(boot1!.findings, []);
    const story = boot1!.addresses.find((a) => a.address === '192.168.2.23');
    t.like(story, { interface: 'eth0', via: 'systemd-networkd', prefixLength: 24 });
    const apiserver = boot1!.sanAudits!.find((a) => a.certificate === 'kubeadm apiserver');
    t.like(apiserver, { origin: 'log', component: 'kubeadm' });
    t.deepEqual(apiserver!.sans, {
      ip: ['10.96.0.1', '192.168.2.23'],
      dns: ['kube1', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'],
    });
    t.like(apiserver!.rows.find((row) => row.name === '192.168.2.23'), { inCertificate: true, onInterface: { interface: 'eth0' }, askedBy: null });
    t.regex(entryText(apiserver!.evidence[0]!), /\[certs\] apiserver serving cert is signed for DNS names \[kube1 kubernetes .*\] and IPs \[10\.96\.0\.1 192\.168\.2\.23\]/);
    // etcd's serving certificates are audited too, and hold the address as well.
    t.deepEqual(boot1!.sanAudits!.map((a) => a.certificate).sort(), ['kubeadm apiserver', 'kubeadm etcd/peer', 'kubeadm etcd/server']);
  });

  test(`${KUBEADM}.${mode}: boot 2 reports cert-missing-address for 192.168.2.10 from the kubelet's x509 error, with the DHCP and x509 lines as evidence`, async (t) => {
    const boot2 = (await report(KUBEADM, mode)).boots[1]!;
    t.deepEqual(boot2.findings.map((f) => f.rule), ['cert-missing-address']);
    const [f] = boot2.findings;
    t.like(f, {
      severity: 'error',
      details: { address: '192.168.2.10', kind: 'ip', interface: 'eth0', via: 'systemd-networkd', origins: ['client-error'], askedBy: ['kubelet'], expectedBy: [] },
    });
    // The SAN set is the one kubeadm printed in boot 1, but it is known here only from the client's
    // error: audits are per boot, so no component and no `[certs]` line among the evidence.
    t.deepEqual(f!.details['certificateSans'], ['10.96.0.1', '192.168.2.23']);
    t.is(f!.details['component'], null);
    t.is(f!.details['askedByClients'], 10);
    const texts = evidenceTexts(f!);
    t.true(texts.some((l) => l.includes('eth0: DHCPv4 address 192.168.2.10/24, gateway 192.168.2.1 acquired from 192.168.2.1')), 'the lease');
    t.true(texts.some((l) => l.includes(X509) && l.includes('https://192.168.2.10:6443/')), 'the kubelet x509 error');
    t.false(texts.some((l) => l.includes('[certs]')));
    t.false(texts.some((l) => l.includes('no route to host')));
  });

  test(`${KUBEADM}.${mode}: boot 2's SAN audit row for 192.168.2.10 (not in the certificate, on eth0, asked for by the kubelet)`, async (t) => {
    const boot2 = (await report(KUBEADM, mode)).boots[1]!;
    t.is(boot2.sanAudits!.length, 1);
    const [audit] = boot2.sanAudits!;
    t.like(audit, { origin: 'client-error', component: null, sans: { ip: ['10.96.0.1', '192.168.2.23'], dns: [] } });
    const row = audit!.rows.find((r) => r.name === '192.168.2.10');
    t.like(row, { kind: 'ip', inCertificate: false, configured: [], onInterface: { interface: 'eth0', via: 'systemd-networkd' }, askedBy: { count: 10, components: ['kubelet'] } });
    t.true(entryText(row!.onInterface!.source).includes('DHCPv4 address 192.168.2.10/24'));
    t.true(entryText(row!.askedBy!.first).includes(X509));
    t.like(audit!.rows.find((r) => r.name === '192.168.2.23'), { inCertificate: true, onInterface: null, askedBy: null });
    // The old address is only dialled (no route to host), never asked a certificate for.
    t.false(boot2.addresses.some((a) => a.address === '192.168.2.23'));
  });
}

test(`${KUBEADM}: the boots' address stories, and the report validates`, async (t) => {
  const r = await report(KUBEADM, 'json');
  t.notThrows(() => Report.parse(r));
  t.deepEqual(r.boots.map((b) => b.bootId), ['716abda36a813620bfc9bcbef1e2cebc', 'ee14c9d94fec05ecae17f0c1c58c70d7']);
  t.deepEqual(r.boots.map((b) => b.addresses.filter((a) => a.family === 'ipv4').map((a) => `${a.address}@${a.appearedAtUs}`)), [['192.168.2.23@4103518'], ['192.168.2.10@4103518']]);
});

// microk8s-reboot-healed: the microk8s snap's services start before eth0's DHCPv4 lease; the
// apiserver kicker's next round logs `CSR change detected. Reconfiguring the kube-apiserver` and
// restarts kubelite. The kicker's line is recognized as a certificate signed after the address, but
// no microk8s certificate is known from before the lease, so cert-issued-before-address stays silent.
const MICROK8S = 'microk8s-reboot-healed';

for (const mode of ['json', 'short-iso-precise', 'export'] as const) {
  test(`${MICROK8S}.${mode}: the kicker's re-issue after the lease is recognized; only the network-online warnings are reported`, async (t) => {
    const r = await report(MICROK8S, mode);
    t.is(r.inputs[0]!.skipped, 0);
    t.is(r.boots.length, 1);
    const [boot] = r.boots;
    const lease = boot!.events.find((e) => e.kind === 'address-added' && e.address === '192.168.2.10');
    const certs = boot!.events.filter((e) => e.kind === 'cert-issued');
    t.truthy(lease);
    t.like(certs, [{ component: 'microk8s', action: 'signed', certificate: 'server.crt' }]);
    t.is(certs.length, 1);
    t.true(certs[0]!.realtime! > lease!.realtime!, 'the kicker re-signs after the lease');
    t.deepEqual(boot!.findings.map((f) => f.rule).sort(), ['network-online-before-address', 'wait-online-missing']);
    t.like(boot!.findings.find((f) => f.rule === 'network-online-before-address'), {
      severity: 'warning',
      details: { address: '192.168.2.10', interface: 'eth0', via: 'systemd-networkd', waitOnlineUnits: [] },
    });
    t.false(boot!.findings.some((f) => f.rule === 'cert-issued-before-address'));
    const texts = evidenceTexts(boot!.findings.find((f) => f.rule === 'network-online-before-address')!);
    t.true(texts.some((l) => l.includes('eth0: DHCPv4 address 192.168.2.10/24, gateway 192.168.2.1 acquired from 192.168.2.1')), 'the lease');
  });
}

// k3s and rke2 (issue 15): dynamiclistener's `Active TLS secret / (ver=) (count 10)` (k3s ≥ 1.26,
// k3s-io/k3s#9418) and `Active TLS secret  (ver=) (count 9)` (rke2 1.21, rancher/rke2#2258), logged
// before eth0's DHCPv4 lease brings 192.168.2.10: the race, with the SAN set the server logged.
for (const [scenario, component, sans] of [
  ['k3s-reboot-race', 'k3s', ['10.43.0.1', '127.0.0.1', '::1', 'k3s.home.arpa', 'k3s1']],
  ['rke2-reboot-race', 'rke2', ['10.43.0.1', '127.0.0.1', 'rke2-1', 'rke2.home.arpa']],
] as const) {
  for (const mode of MODES) {
    test(`${scenario}.${mode}: ${component} put its certificate in use before 192.168.2.10 appeared on eth0`, async (t) => {
      const boot = (await report(scenario, mode)).boots[0]!;
      const active = boot.events.flatMap((e) => (e.kind === 'cert-issued' ? [e] : []));
      t.is(active.length, 1);
      t.like(active[0], { component, action: 'active' });
      t.false('certificate' in active[0]!, 'a secret not stored yet names no certificate');
      const names = [...active[0]!.sans!.ip, ...active[0]!.sans!.dns];
      for (const name of sans) t.true(names.includes(name), name);
      t.false(names.includes('192.168.2.10'));
      const race = boot.findings.find((f) => f.rule === 'cert-issued-before-address');
      t.like(race?.details, { address: '192.168.2.10', interface: 'eth0', component });
      t.regex(evidenceTexts(race!)[0]!, /Active TLS secret {1,2}\/? ?\(ver=\) \(count \d+\)/);
      t.is(boot.events.filter((e) => e.kind === 'tls-handshake-failed' && e.component === component && e.peer.startsWith('192.168.2.11:')).length, 3);
    });
  }
}
