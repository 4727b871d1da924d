import test from 'ava';
import { analyzeText, isoLine } from './helpers/analyze.js';

// Line wordings: systemd 252 unit messages, systemd-networkd's DHCPv4 line (systemd#23005), k0s
// logrus lines (k0sproject/k0s#2151) and the Go x509 error — times vary per test.
const online = (s: number) => isoLine(s, 'systemd[1]', 'Reached target network-online.target - Network is Online.');
const waitOnline = (s: number) => isoLine(s, 'systemd[1]', 'Finished systemd-networkd-wait-online.service - Wait for Network to be Configured.');
const dhcp = (s: number, ip = '192.168.2.10', iface = 'eth0') =>
  isoLine(s, 'systemd-networkd[412]', `${iface}: DHCPv4 address ${ip}/24, gateway 192.168.2.1 acquired from 192.168.2.1`);
const k0sDefaulted = (s: number) => isoLine(s, 'k0s[891]', 'time="2024-11-20 09:27:03" level=warning msg="failed to find any non-local, non podnetwork addresses on host, defaulting public address to 127.0.0.1"');
const k0sApi = (s: number, ip: string) => isoLine(s, 'k0s[891]', `time="2024-11-20 09:27:03" level=info msg="using api address: ${ip}"`);
const k0sSans = (s: number, ips: string) => isoLine(s, 'k0s[891]', `time="2024-11-20 09:27:03" level=info msg="using sans: [${ips}]"`);
const signed = (s: number, serial = '613740578497331869384478346212936532473364812870') =>
  isoLine(s, 'k0s[891]', `time="2024-11-20 09:27:04" level=info msg="signed certificate with serial number ${serial}" component=cfssl`);
const x509 = (s: number, wanted = '192.168.2.10') =>
  isoLine(s, 'k0s[891]', `time="2024-11-20 09:27:40" level=info msg="E1120 09:27:40.123456    1234 reflector.go:147] Get \\"https://${wanted}:6443/api\\": tls: failed to verify certificate: x509: certificate is valid for 127.0.0.1, 10.96.0.1, not ${wanted}" component=kubelet stream=stderr`);

const findings = async (lines: string[], rule?: string) => {
  const report = await analyzeText(lines.join('\n'), 'boot.log');
  const all = report.boots.flatMap((b) => b.findings);
  return rule ? all.filter((f) => f.rule === rule) : all;
};

test('cert-issued-before-address: k0s defaulted to 127.0.0.1 and signed before DHCP; evidence names every line', async (t) => {
  const lines = [online(2.8), k0sDefaulted(3.4), k0sApi(3.4, '127.0.0.1'), signed(4.1, '11'), signed(5.2, '22'), dhcp(8.75), x509(40)];
  const [f, ...rest] = await findings(lines, 'cert-issued-before-address');
  t.is(rest.length, 0);
  t.is(f!.severity, 'error');
  t.like(f!.details, {
    address: '192.168.2.10', interface: 'eth0', component: 'k0s', apiAddress: '127.0.0.1', apiAddressDefaulted: true,
    certificates: 2, issuedAtMs: 2400, addressAppearedAtMs: 5950, gapMs: 3550, networkOnlineAtMs: 0, askedByClients: 1,
  });
  t.deepEqual(f!.details['serials'], ['11', '22']);
  t.deepEqual(f!.details['certificateValidFor'], ['127.0.0.1', '10.96.0.1']);
  t.deepEqual(f!.evidence.map((e) => e.line), [2, 3, 4, 5, 6, 7]);
  t.regex(f!.summary, /^k0s issued 2 certificates \(last at 2\.400s\) before 192\.168\.2\.10 appeared on eth0 at 5\.950s \(3\.550s later\)$/);
  t.regex(f!.remediation, /no wait-online service ran in this boot/);
  t.regex(f!.remediation, /spec\.api\.address: 192\.168\.2\.10/);
  t.regex(f!.remediation, /k0s stop && k0s start/);
  t.regex(f!.remediation, /ExecStartPre=.*grep -qF " 192\.168\.2\.10\/"/);
});

test('cert-issued-before-address: silent when the certificates came after the address', async (t) => {
  t.deepEqual(await findings([dhcp(4.1), waitOnline(4.2), online(4.2), k0sApi(4.4, '192.168.2.10'), signed(4.6)]), []);
});

test('cert-issued-before-address: silent when k0s was configured with the address (spec.api.address pinned)', async (t) => {
  const lines = [online(2.8), k0sApi(3.4, '192.168.2.10'), k0sSans(3.4, '192.168.2.10'), signed(4.1), dhcp(8.75)];
  t.deepEqual(await findings(lines, 'cert-issued-before-address'), []);
});

test('cert-issued-before-address: a second node address that came late is a warning, not an error', async (t) => {
  const lines = [dhcp(2.0, '10.0.0.5', 'eth1'), k0sApi(3.4, '10.0.0.5'), signed(4.1), dhcp(8.75)];
  const [f] = await findings(lines, 'cert-issued-before-address');
  t.like(f, { severity: 'warning', details: { address: '192.168.2.10', apiAddress: '10.0.0.5', apiAddressDefaulted: false } });
});

test('cert-issued-before-address: re-signing after the address appeared is reported as healed (info)', async (t) => {
  const lines = [k0sDefaulted(3.4), signed(4.1), dhcp(8.75), k0sApi(20, '192.168.2.10'), signed(20.5)];
  const [f] = await findings(lines, 'cert-issued-before-address');
  t.like(f, { severity: 'info', details: { reissuedAtMs: 17100 } });
});

test('cert-issued-before-address: container and link-local addresses do not count', async (t) => {
  const lines = [k0sApi(3.4, '192.168.2.10'), signed(4.1), dhcp(9, '172.17.0.1', 'docker0'), dhcp(9.5, '169.254.3.4', 'eth0')];
  t.deepEqual(await findings(lines), []);
});

test('network-online-before-address: reached before the DHCP address; silent when it waited', async (t) => {
  const [f] = await findings([online(2.812), dhcp(8.75)], 'network-online-before-address');
  t.like(f, { severity: 'warning', details: { address: '192.168.2.10', interface: 'eth0', networkOnlineAtMs: 0, addressAppearedAtMs: 5938, gapMs: 5938 } });
  t.deepEqual(f!.details['waitOnlineUnits'], []);
  t.deepEqual(f!.evidence.map((e) => e.line), [1, 2]);
  t.regex(f!.remediation, /systemctl enable systemd-networkd-wait-online\.service/);
  t.deepEqual(await findings([dhcp(4.1), waitOnline(4.2), online(4.2)]), []);
});

test('network-online-before-address: with a wait-online service that did not wait, the remediation says so', async (t) => {
  const [f] = await findings([waitOnline(2.7), online(2.8), dhcp(8.75)], 'network-online-before-address');
  t.deepEqual(f!.details['waitOnlineUnits'], ['systemd-networkd-wait-online.service']);
  t.regex(f!.remediation, /systemd-networkd-wait-online\.service ran but/);
});

test('network-online-before-address: no target in the boot, no finding', async (t) => {
  t.deepEqual(await findings([dhcp(8.75)]), []);
});
