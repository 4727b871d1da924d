import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, InputError } from '@bootlens/core';
import { analyzeText, eventsOf } from './helpers/analyze.js';
import { ROOT, runCli } from './helpers/cli.js';

// Pastes of messages with no log prefix at all (issue 14: no input that holds log lines is refused).
// No line is in a log format, so the region driver refuses the text; when enough of its lines hold
// messages a recognizer knows, it is read as bare messages (`cat`) with a `read-as-messages` note.

// https://github.com/k0sproject/k0sctl/issues/81 (test/corpus/certificates/k0sctl-81-x509-external-ip-duplicate-loopback.log)
const K0SCTL = [
  '````',
  'k0sctl kubeconfig -c k0sctl.yaml > kubeconfig',
  'export KUBECONFIG=$PWD/kubeconfig',
  '',
  'kubectl get po -A',
  'Unable to connect to the server: x509: certificate is valid for 127.0.0.1, 10.71.94.49, 127.0.0.1, 10.96.0.1, not 163.172.190.5',
  '````',
].join('\n');

// https://github.com/GluuFederation/community-edition-setup/issues/58 (test/corpus/bind/gluu-58-apache-make-sock-azure.log)
const APACHE = [
  '14:08:17 09/05/15 (99)Cannot assign requested address: make_sock: could not bind to address 40.76.89.82:80',
  'no listening sockets available, shutting down',
  'Unable to open logs',
].join('\n');

test('kubectl\'s x509 error pasted with its commands: read as messages, the refusal is an event, the verdict a problem', async (t) => {
  const report = await analyzeText(K0SCTL, 'k0sctl.txt');
  t.is(report.inputs[0]!.format, 'cat');
  t.is(report.inputs[0]!.lines, report.inputs[0]!.parsed + report.inputs[0]!.skipped);
  t.true(report.diagnostics.some((d) => d.code === 'read-as-messages' && d.line === 0));
  const refusal = eventsOf(report).find((e) => e.kind === 'tls-verify-failed');
  t.like(refusal, { wanted: '163.172.190.5' });
  t.is(refusal!.source.line, 6);
  t.is(report.boots[0]!.verdict, 'problem');
});

test("apache's make_sock error without any prefix: bind-address-missing", async (t) => {
  const report = await analyzeText(APACHE, 'error.log');
  const finding = report.boots.flatMap((b) => b.findings).find((f) => f.rule === 'bind-address-missing');
  t.like(finding?.details, { address: '40.76.89.82', port: 80 });
  t.deepEqual(finding!.evidence.map((s) => s.line), [1]);
});

test('prose that quotes one log line is still no log: refused (a README)', async (t) => {
  const readme = readFileSync(`${ROOT}/README.md`, 'utf8');
  const error = await t.throwsAsync(analyzeText(readme, 'README.md'));
  t.true(error instanceof InputError);
  t.is((error as InputError).code, 'unknown-format');
});

test('a stream is not read twice: text no format claims is refused from standard input as before', (t) => {
  const run = runCli(['analyze', '-'], APACHE);
  t.is(run.status, 2);
  t.regex(run.stderr, /not a journal bootlens can read/);
  const file = runCli(['analyze', 'test/corpus/bind/gluu-58-apache-make-sock-azure.log']);
  t.is(file.status, 1);
  t.regex(file.stdout, /bind-address-missing/);
});

// https://github.com/moby/moby/issues/39559 (test/corpus/bind/moby-39559-inspect-state-boot.log): `docker inspect`
// pasted in a fence; its "Error" holds dockerd's Go listen error. A JSON document's other lines are data, not prose.
test('a pasted JSON document whose one value holds an error message is read as messages; one without any is still no log', async (t) => {
  const report = await analyze([join(ROOT, 'test/corpus/bind/moby-39559-inspect-state-boot.log')]);
  const [finding] = report.boots.flatMap((b) => b.findings).filter((f) => f.rule === 'bind-address-missing');
  t.like(finding!.details, { address: '192.168.8.150', port: 53 });
  const json = ['```', '],', '    "State": {', '        "Status": "exited",', '        "Running": false,', '        "ExitCode": 128', '    }', '```'].join('\n');
  const error = await t.throwsAsync(analyzeText(json, 'inspect.json'));
  t.is((error as InputError).code, 'unknown-format');
  // Prose is still prose: twelve lines of it around one message are no log.
  const prose = Array.from({ length: 12 }, (_, i) => `This is sentence number ${i} of a page about the problem we saw.`);
  prose.splice(6, 0, '"Error": "listen tcp 192.168.8.150:53: bind: cannot assign requested address",');
  await t.throwsAsync(analyzeText(prose.join('\n'), 'page.txt'));
});

// https://github.com/inspircd/inspircd/issues/1794 (test/corpus/bind/inspircd-1794-port-failed-to-bind.log): InspIRCd's
// start-up output, not fenced; its report of the ports that failed to bind is the failure.
test("InspIRCd's start-up report of a port that failed to bind: read as messages, one bind-address-missing for the port", async (t) => {
  const text = readFileSync(join(ROOT, 'test/corpus/bind/inspircd-1794-port-failed-to-bind.log'), 'utf8');
  const report = await analyzeText(text, 'inspircd.txt');
  t.is(report.inputs[0]!.format, 'cat');
  const failures = eventsOf(report).filter((e) => e.kind === 'bind-failed');
  t.deepEqual(failures.map((e) => e.kind === 'bind-failed' && [e.source.line, e.address, e.port, e.reason]), [
    [14, null, null, null],
    [19, 'xxx.181.86.189', 6697, 'Cannot assign requested address'],
  ]);
  // The warning without an address adds nothing to the table's row: one finding.
  const findings = report.boots.flatMap((b) => b.findings);
  t.deepEqual(findings.map((f) => [f.rule, f.details['port']]), [['bind-address-missing', 6697]]);
  // The banner alone (no report of a failure) is still no log.
  const banner = text.split('\n').slice(0, 12).join('\n');
  const error = await t.throwsAsync(analyzeText(banner, 'banner.txt'));
  t.true(error instanceof InputError);
});

// https://github.com/k3s-io/k3s/issues/4149 (test/corpus/certificates/k3s-4149-x509-new-ip-placeholder.log): the one line
// in strong emphasis, the addresses replaced by the author with old-ip and new-ip.
test('read as messages, a paste loses its decorations as in any format; --input-format cat keeps the line as it is', async (t) => {
  const line = '**x509: certificate is valid for 10.43.0.1, 127.0.0.1, 192.168.1.130, 192.168.2.130, old-ip, not new-ip**';
  const report = await analyzeText(line, 'k3s.txt');
  t.is(report.inputs[0]!.format, 'cat');
  t.like(eventsOf(report).find((e) => e.kind === 'tls-verify-failed'), { wanted: 'new-ip', redacted: true });
  // The error says the certificate lacks the (redacted) address the client asked for.
  t.deepEqual(report.boots[0]!.findings.filter((f) => f.rule === 'cert-missing-address').map((f) => f.details['address']), ['new-ip']);
  const verbatim = await analyze([{ path: 'k3s.txt', content: line }], { inputFormat: 'cat' });
  t.is(verbatim.boots[0]!.events.find((e) => e.kind === 'tls-verify-failed')?.message, line);
});
