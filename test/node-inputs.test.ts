import test from 'ava';
import { readFileSync } from 'node:fs';
import { analyze } from '@bootlens/core';
import { isoLine } from './helpers/analyze.js';

// Issue 14, item 4: several inputs of one node make one timeline. The k3s lines are logrus as k3s
// writes /var/log/k3s.log (`k3s server --log /var/log/k3s.log`; the format of k3s-io/k3s#5163 and
// #2914), the journal lines short-iso-precise as journalctl prints them.

const syslog = (s: number, identifier: string, message: string, host = 'node-0') => isoLine(s, identifier, message, host);
const k3sLog = (s: number, level: string, msg: string) =>
  `time="${new Date(Date.UTC(2024, 10, 20, 9, 27, 0) + s * 1000).toISOString().replace('.000Z', 'Z')}" level=${level} msg="${msg}"`;
const map = (...names: string[]) => `map[${names.map((n) => `listener.cattle.io/cn-${n}:${n}`).join(' ')} listener.cattle.io/fingerprint:SHA1=00]`;

function journal(host = 'node-0'): string {
  return [
    syslog(0, 'kernel', 'Linux version 6.1.0-26-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.112-1 (2024-09-30)', host),
    syslog(1.9, 'systemd[1]', 'Reached target network-online.target - Network is Online.', host),
    syslog(2.1, 'systemd[1]', 'Started k3s.service - Lightweight Kubernetes.', host),
    syslog(6, 'systemd-networkd[412]', 'eth0: DHCPv4 address 10.0.1.227/24, gateway 10.0.1.1 acquired from 10.0.1.1', host),
  ].join('\n') + '\n';
}

const k3sFile = [
  k3sLog(2.5, 'info', `Active TLS secret kube-system/k3s-serving (ver=239) (count 2): ${map('10.43.0.1', '127.0.0.1')}`),
  k3sLog(30, 'error', 'Unable to connect to the server: x509: certificate is valid for 10.43.0.1, 127.0.0.1, not 10.0.1.227'),
].join('\n') + '\n';

test('a journal and a k3s.log of the same boot make one boot; the race is found across the files', async (t) => {
  const report = await analyze([{ path: 'syslog', content: journal() }, { path: 'k3s.log', content: k3sFile }]);
  t.is(report.boots.length, 1);
  const [boot] = report.boots;
  t.is(boot!.hostname, 'node-0');
  const race = boot!.findings.find((f) => f.rule === 'cert-issued-before-address');
  t.truthy(race, JSON.stringify(boot!.findings.map((f) => f.rule)));
  // Each event keeps its own file:line.
  const issued = boot!.events.find((e) => e.kind === 'cert-issued')!;
  t.like(issued.source, { path: 'k3s.log', line: 1 });
  const lease = boot!.events.find((e) => e.kind === 'address-added')!;
  t.like(lease.source, { path: 'syslog', line: 4 });
  // In wall-clock order across the files: the certificate (09:27:02.5) before the lease (09:27:06).
  t.true(boot!.events.indexOf(issued) < boot!.events.indexOf(lease));
  t.is(boot!.entries, 6);
});

test('a k3s.log outside the journal boot stays its own boot', async (t) => {
  const later = k3sFile.replace(/2024-11-20T09:27/g, '2024-11-21T09:27');
  const report = await analyze([{ path: 'syslog', content: journal() }, { path: 'k3s.log', content: later }]);
  t.is(report.boots.length, 2);
});

test('inputs of two hosts stay apart; a nameless k3s.log joins only the node --node names', async (t) => {
  const inputs = [{ path: 'a/syslog', content: journal('node-a') }, { path: 'b/syslog', content: journal('node-b') }, { path: 'k3s.log', content: k3sFile }];
  const apart = await analyze(inputs);
  t.deepEqual(apart.boots.map((b) => [b.hostname, b.entries]), [['node-a', 4], ['node-b', 4], [null, 2]]);
  const named = await analyze(inputs.map((i) => (i.path === 'k3s.log' ? { ...i, node: 'node-b' } : i)));
  t.deepEqual(named.boots.map((b) => [b.hostname, b.entries]), [['node-a', 4], ['node-b', 6]]);
  t.true(named.boots[1]!.findings.some((f) => f.rule === 'cert-issued-before-address'));
  t.false(named.boots[0]!.findings.some((f) => f.rule === 'cert-issued-before-address'));
  // --node for every input names the node only where entries name none: the two hosts stay apart.
  const option = await analyze(inputs, { node: 'node-a' });
  t.deepEqual(option.boots.map((b) => [b.hostname, b.entries]), [['node-a', 6], ['node-b', 4]]);
});

test('a k3s.log spanning two boots is split between them by their starts', async (t) => {
  const second = journal().replace(/2024-11-20T09:27/g, '2024-11-20T10:27');
  const both = k3sFile + k3sFile.replace(/2024-11-20T09:27/g, '2024-11-20T10:27');
  const report = await analyze([{ path: 'syslog', content: journal() + second }, { path: 'k3s.log', content: both }]);
  t.is(report.boots.length, 2);
  t.deepEqual(report.boots.map((b) => b.events.filter((e) => e.source.path === 'k3s.log').map((e) => e.source.line)), [[1, 2], [3, 4]]);
});

test('a journal with boot ids and a k3s.log: the boot keeps its id and gains the k3s events', async (t) => {
  // The sample journal (samples/journals, boot 7c1e4f5a…, 2024-11-20 09:27:00 + monotonic) in json.
  const json = readFileSync(new URL('../samples/journals/k0s-reboot-race.json', import.meta.url), 'utf8');
  const report = await analyze([{ path: 'k0s-reboot-race.json', content: json }, { path: 'k3s.log', content: k3sFile }]);
  t.is(report.boots.length, 1);
  const boot = report.boots[0]!;
  t.is(boot.bootId, '7c1e4f5a9b2d4c3e8f6a1b0c9d8e7f60');
  const issued = boot.events.find((e) => e.source.path === 'k3s.log')!;
  // Placed on the boot's monotonic axis from its wall-clock time.
  t.is(issued.monotonicUs, 2_500_000);
  t.is(boot.timeBasis, 'monotonic');
});
