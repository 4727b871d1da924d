import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkJournal, parseExpectation, renderHtml, renderMarkdown, renderText, type Report } from '@bootlens/core/internal';
import { analyzeText, eventsOf } from './helpers/analyze.js';
import { ROOT, runCli } from './helpers/cli.js';

// Issue 19 items 1-3: failures are findings even when their cause is outside the input; failed
// units are listed per boot; the verdict never says "no problems" over a failure. Every excerpt
// here is a corpus excerpt (test/corpus/), read as its author pasted it; the URL is its source.

const corpus = (name: string) => readFileSync(join(ROOT, 'test/corpus', name), 'utf8');
const analyzeCorpus = (name: string) => analyzeText(corpus(name), name.split('/').pop()!, { year: 2024 });
const findingsOf = (report: Report, rule: string) => report.boots.flatMap((b) => b.findings).filter((f) => f.rule === rule);

// https://agest.am/ssh-wait-for-network (test/corpus/bind/agest-ssh-wait-for-network.log)
test('sshd cannot bind its ListenAddress: bind-address-missing and unit-failed joined to it, one failed unit, verdict problem', async (t) => {
  const report = await analyzeCorpus('bind/agest-ssh-wait-for-network.log');
  const [bind, ...moreBind] = findingsOf(report, 'bind-address-missing');
  t.is(moreBind.length, 0, "sshd's fatal line adds nothing to its error line");
  t.like(bind!, { severity: 'error' });
  t.like(bind!.details, { address: '192.168.0.107', port: 22, program: 'sshd', unit: 'ssh.service', unitFailed: true });
  const [unit, ...moreUnits] = findingsOf(report, 'unit-failed');
  t.is(moreUnits.length, 0);
  t.like(unit!, { severity: 'error' });
  t.like(unit!.details, { unit: 'ssh.service', result: 'exit-code', cause: 'bind-failed', causeAddress: '192.168.0.107', causePort: 22 });
  const boot = report.boots[0]!;
  t.is(boot.failedUnits!.length, 1, "`Failed with result` and `Failed to start <description>` next to it are one failure");
  t.like(boot.failedUnits![0]!, { unit: 'ssh.service', description: 'OpenBSD Secure Shell server', kind: 'failed', result: 'exit-code' });
  t.deepEqual(boot.failedUnits![0]!.evidence.map((s) => s.line), [4, 5, 6], "Main process exited (status=255), Failed with result, Failed to start");
  t.is(boot.verdict, 'problem');
  const failedJob = eventsOf(report).find((e) => e.kind === 'unit-job' && e.unit === 'ssh.service');
  t.like(failedJob!, { phase: 'failed', result: 'exit-code' });
});

// https://github.com/openHPI/poseidon/issues/375 (test/corpus/bind/poseidon-375-nginx-ipv6.log)
test('nginx on an IPv6 address: the finding names the address; its remediation is accurate about nginx', async (t) => {
  const report = await analyzeCorpus('bind/poseidon-375-nginx-ipv6.log');
  const [bind] = findingsOf(report, 'bind-address-missing');
  t.like(bind!.details, { address: '2001:1438:4010:4700::5:e2', port: 80, family: 'ipv6', unit: 'nginx.service' });
  t.regex(bind!.summary, /could not bind \[2001:1438:4010:4700::5:e2\]:80/);
  t.regex(bind!.remediation, /net\.ipv6\.ip_nonlocal_bind=1/);
  t.regex(bind!.remediation, /nginx has no freebind option/);
  t.regex(bind!.remediation, /duplicate address detection/);
  t.like(findingsOf(report, 'unit-failed')[0]!.details, { unit: 'nginx.service', cause: 'bind-failed' });
});

// https://github.com/project-chip/connectedhomeip/issues/13857 (test/corpus/bind/chip-13857-named-ipv6-address-not-available.log)
test("named's `address not available` takes the address from its `listening on` line", async (t) => {
  const report = await analyzeCorpus('bind/chip-13857-named-ipv6-address-not-available.log');
  const binds = eventsOf(report).filter((e) => e.kind === 'bind-failed');
  t.deepEqual(binds.map((e) => e.kind === 'bind-failed' && `${e.address}#${e.port}`), ['fdb2:53af:cda:0:35bf:5c26:d135:e691#53', 'fdb2:53af:cda:0:20c:29ff:feab:a0f9#53']);
  const findings = findingsOf(report, 'bind-address-missing');
  t.is(findings.length, 2);
  t.regex(findings[0]!.remediation, /named listens on addresses that appear later/);
});

test('bind failures without an address, and the wordings of apache, postgres, redis, dnsmasq, unbound, nsd, chronyd, openvpn, keepalived', async (t) => {
  // Each line as its corpus excerpt has it (test/corpus/bind/: gluu-58, lemmy-191, redis-8832, streisand-698,
  // dnscrypt-30, freifunk-65, omr-1785, keepalived-2237, fleet-1165), with a short-iso prefix.
  const lines = [
    'apache2[1]: (99)Cannot assign requested address: make_sock: could not bind to address 40.76.89.82:80',
    'postgres[1]: 2023-10-16 18:03:42.979 GMT [1] LOG:  could not bind IPv6 address "::1": Address not available',
    'redis-server[1]: Warning: Could not create server TCP listening socket ::1:6379: bind: Cannot assign requested address',
    'dnsmasq[944]: failed to create listening socket for 10.192.122.1: Cannot assign requested address',
    'unbound[10206]: [1477755584] unbound[10206:0] error: can\'t bind socket: Cannot assign requested address for ::1',
    'nsd[324]: can\'t bind udp socket: Cannot assign requested address',
    'openvpn[4455]: TCP/UDP: Socket bind failed on local address [AF_INET]192.168.18.120:65301: Address not available (errno=99)',
    'Keepalived_vrrp[721]: bind unicast_src [192.168.1.208](https://192.168.1.208/) failed 99 - Cannot assign requested a>',
    'systemd[1]: fleet.socket failed to listen on sockets: Cannot assign requested address',
  ].map((l, i) => `2024-03-10T10:00:0${i}+0000 host ${l}`);
  const report = await analyzeText(lines.join('\n'), 'binds.log');
  const got = eventsOf(report).filter((e) => e.kind === 'bind-failed').map((e) => e.kind === 'bind-failed' && `${e.program} ${e.address} ${e.port}`);
  t.deepEqual(got, [
    'apache2 40.76.89.82 80', 'postgres ::1 null', 'redis-server ::1 6379', 'dnsmasq 10.192.122.1 null', 'unbound ::1 null',
    'nsd null null', 'openvpn 192.168.18.120 65301', 'Keepalived_vrrp 192.168.1.208 null', 'fleet.socket null null',
  ]);
  const findings = findingsOf(report, 'bind-address-missing');
  t.is(findings.length, 9);
  const fleet = findings.find((f) => f.details['program'] === 'fleet.socket')!;
  t.like(fleet.details, { address: null, unit: 'fleet.socket' });
  t.regex(fleet.remediation, /FreeBind=yes/);
  t.regex(findings.find((f) => f.details['program'] === 'unbound')!.remediation, /ip-freebind: yes/);
  t.regex(findings.find((f) => f.details['program'] === 'dnsmasq')!.remediation, /bind-dynamic/);
  // The socket unit failed too: the same line is the unit's failure and its cause.
  t.like(findingsOf(report, 'unit-failed').find((f) => f.details['unit'] === 'fleet.socket')!.details, { cause: 'bind-failed' });
});

test('the bind-race sample: the address arrives later, so bind-before-address reports it and bind-address-missing does not', async (t) => {
  const report = await analyzeText(readFileSync(join(ROOT, 'samples/journals/bind-race.json'), 'utf8'), 'bind-race.json');
  t.is(findingsOf(report, 'bind-before-address').length, 1);
  t.is(findingsOf(report, 'bind-address-missing').length, 0);
  t.like(findingsOf(report, 'unit-failed')[0]!.details, { unit: 'nginx.service', cause: 'bind-failed', causeAddress: '192.168.2.10' });
});

// https://github.com/systemd/systemd/issues/18479 (test/corpus/units/systemd-18479-timed-out-wlan0-uk-locale.log)
test('a device timeout and the units that depended on it: device-timeout (error), dependency-failed for each, joined by name', async (t) => {
  const report = await analyzeCorpus('units/systemd-18479-timed-out-wlan0-uk-locale.log');
  const boot = report.boots[0]!;
  const rows = boot.failedUnits!.map((f) => `${f.kind} ${f.unit} ${f.description ?? ''}`);
  t.deepEqual(rows, [
    'device-timeout sys-subsystem-net-devices-wlan0.device /sys/subsystem/net/devices/wlan0',
    'dependency netctl@wifiap.service Networking for netctl profile wifiap',
    'dependency hostapd.service Hostapd IEEE 802.11 AP, IEEE 802.1X/WPA/WPA2/EAP/RADIUS Authenticator',
  ]);
  const [device] = findingsOf(report, 'device-timeout');
  t.like(device!, { severity: 'error' });
  const deps = findingsOf(report, 'dependency-failed');
  t.is(deps.length, 2);
  t.true(deps.every((d) => d.details['causeUnit'] === 'sys-subsystem-net-devices-wlan0.device'));
  t.is(findingsOf(report, 'unit-failed').length, 0, 'a device timeout is not also a unit-failed');
});

// https://github.com/systemd/systemd/issues/41030 (test/corpus/journalctl/systemd-41030-rsyslog-start-request-repeated.log)
test('start request repeated too quickly: start-limit-hit and unit-failed for the unit, cause not in the input', async (t) => {
  const report = await analyzeCorpus('journalctl/systemd-41030-rsyslog-start-request-repeated.log');
  const [limit] = findingsOf(report, 'start-limit-hit');
  t.like(limit!.details, { unit: 'rsyslog.service', result: 'start-limit-hit', cause: null });
  t.like(findingsOf(report, 'unit-failed')[0]!.details, { unit: 'rsyslog.service' });
  t.regex(limit!.summary, /its cause is not in this input/);
  t.deepEqual(report.boots[0]!.verdictReasons!.map((r) => `${r.code}=${r.count}`), ['findings=2', 'failed-units=1', 'unexplained-failures=1']);
});

// Each excerpt's own failure line; the URL is the excerpt's source.
const unitCases: Array<[string, string, string, string | null, string]> = [
  // https://github.com/k0sproject/k0s/issues/1035: OpenRC's ` * ERROR: k0scontroller failed to start`
  ['component/k0s-1035-openrc-rc-service-failed.log', 'k0scontroller', 'failed', null, 'error'],
  // https://github.com/canonical/cloud-init/issues/5945: systemctl's `Job for … failed because the control process exited with error code.`
  ['network/cloud-init-5945-network-stage-wait-online-failed.log', 'systemd-networkd-wait-online.service', 'failed', 'exit-code', 'warning'],
  // https://github.com/NixOS/nixpkgs/issues/86711: `network-setup.service: Main process exited, code=exited, status=2/INVALIDARGUMENT`
  ['units/nixpkgs-86711-network-setup-network-down.log', 'network-setup.service', 'failed', 'exit-code', 'error'],
  // https://github.com/k3s-io/k3s/issues/5901: `Active: activating (auto-restart) (Result: exit-code)`
  ['systemctl-status/k3s-5901-activating-auto-restart-ubuntu.log', 'k3s.service', 'failed', 'exit-code', 'error'],
  // https://github.com/WWBN/AVideo/issues/9819: `nginx.service: start operation timed out. Terminating.`
  ['units/avideo-9819-nginx-start-timeout.log', 'nginx.service', 'failed', 'timeout', 'error'],
];

for (const [excerpt, unit, kind, result, severity] of unitCases) {
  test(`failed unit from ${excerpt}: ${unit} ${kind} (${String(result)}), unit-failed ${severity}`, async (t) => {
    const report = await analyzeText(corpus(excerpt), excerpt.split('/').pop()!, { year: 2022 });
    const boot = report.boots[0]!;
    t.deepEqual(boot.failedUnits!.map((f) => [f.unit, f.kind, f.result]), [[unit, kind, result]]);
    t.like(findingsOf(report, 'unit-failed')[0]!, { severity, details: { unit } });
    t.is(boot.verdict, 'problem');
    t.regex(findingsOf(report, 'unit-failed')[0]!.remediation, unit.includes('.') ? /systemctl status / : /rc-service k0scontroller status/);
  });
}

// A failure whose cause is not in the input: the verdict says so in every renderer, and never ✓.
// `Failed to start …` as systemd 252 prints it (nginx's description from the Debian unit).
const bareFailure = '2024-03-10T10:00:00+0000 host systemd[1]: Failed to start A high performance web server and a reverse proxy server.';

test('a failed unit alone: verdict problem, "its cause is not in this input" in text, Markdown and HTML, with the failed unit listed', async (t) => {
  const report = await analyzeText(bareFailure, 'bare.log');
  const boot = report.boots[0]!;
  t.is(boot.verdict, 'problem');
  t.like(findingsOf(report, 'unit-failed')[0]!, { severity: 'error' });
  const text = renderText(report);
  t.notRegex(text, /✓/);
  t.regex(text, /^✗ 1 error: "A high performance web server and a reverse proxy server" failed; its cause is not in this input$/m);
  t.regex(text, /Failed units \(1\)\n {2}"A high performance web server and a reverse proxy server" {2}failed; cause: not in this input/);
  const md = renderMarkdown(report);
  t.notRegex(md, /✅/);
  t.regex(md, /failed; its cause is not in this input/);
  t.regex(md, /### Failed units \(1\)/);
  const html = renderHtml(report);
  t.regex(html, /class="verdict bad"/);
  t.regex(html, /<h2>Failed units \(1\)<\/h2>/);
});

test('two failed units without a cause: the verdict line under the headline counts them', async (t) => {
  // The second line as systemd 252 prints sshd's failure on Debian (agest.am/ssh-wait-for-network has the same description).
  const report = await analyzeText(`${bareFailure}\n2024-03-10T10:00:01+0000 host systemd[1]: Failed to start OpenBSD Secure Shell server.`, 'two.log');
  t.deepEqual(report.boots[0]!.verdictReasons, [{ code: 'findings', count: 2 }, { code: 'failed-units', count: 2 }, { code: 'unexplained-failures', count: 2 }]);
  t.regex(renderText(report), /^! 2 units failed; their causes are not in this input$/m);
  t.regex(renderMarkdown(report), /⚠️ 2 units failed; their causes are not in this input/);
  t.regex(renderHtml(report), /2 units failed; their causes are not in this input/);
});

test('a boot without any failure keeps its ✓ and verdict ok', async (t) => {
  const report = await analyzeText(readFileSync(join(ROOT, 'samples/journals/k0s-healthy.json'), 'utf8'), 'k0s-healthy.json');
  t.is(report.boots[0]!.verdict, 'ok');
  t.deepEqual(report.boots[0]!.failedUnits, []);
  t.regex(renderText(report), /✓ no boot-order problems found/);
});

test('the CLI exits 1 on a failure whose cause is not in the input, 0 with --fail-on none', (t) => {
  const failed = runCli(['analyze', '-'], `${bareFailure}\n`);
  t.is(failed.status, 1, failed.stderr);
  t.is(runCli(['analyze', '--fail-on', 'none', '-'], `${bareFailure}\n`).status, 0);
});

test('expectations: verdict ok|problem is checked against the report', async (t) => {
  const report = await analyzeText(bareFailure, 'bare.log');
  const problem = checkJournal(report, parseExpectation('verdict: problem\n', 'x.expect.yaml'), { path: 'bare.log' });
  t.true(problem.passed);
  const ok = checkJournal(report, parseExpectation('verdict: ok\n', 'x.expect.yaml'), { path: 'bare.log' });
  t.false(ok.passed);
  t.like(ok.cases[0]!, { name: 'verdict ok', found: 'problem (1 finding; 1 unit failed; its cause is not in this input)' });
  t.throws(() => parseExpectation('verdict: fine\n', 'x.expect.yaml'), { message: /verdict/ });
});
