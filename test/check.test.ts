import test from 'ava';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  analyze, checkJournal, expectationFor, ExpectationError, findJournals, isJournalName, parseExpectation, renderJunit, xmlEscape,
  type JournalCheck,
} from '@bootlens/core/internal';
import { ROOT, runCli } from './helpers/cli.js';

const SAMPLES = join(ROOT, 'samples/journals');

function tempDir(t: { teardown: (f: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'bootlens-check-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

interface CheckJson {
  passed: boolean;
  totals: { journals: number; passed: number; failed: number; expectations: number; failures: number };
  journals: JournalCheck[];
  nodes: Array<{ host: string; journals: number; boots: number; verdict: string }>;
}

const junitParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });

test('dogfood: `bootlens check samples/journals` passes, every sample held against its expectation file', (t) => {
  const dir = tempDir(t);
  const junit = join(dir, 'junit.xml');
  const result = runCli(['check', 'samples/journals', '--junit', junit]);
  t.is(result.stderr, '');
  t.is(result.status, 0, result.stdout);
  t.regex(result.stdout, /^checked \d+ journals in samples\/journals: \d+ passed, 0 failed\n/);
  // The pass/fail table and the per-node summary fit 80 columns.
  for (const line of result.stdout.split('\n')) t.true(line.length <= 80, line);
  // Captures that name no host (a serial console, a --list-boots listing) come first as (unknown host).
  t.regex(result.stdout, /\n host +journals +boots +error +warning +info +verdict\n(?: \(unknown host\) .* PASS\n)? k0s-ctrl-1 .* PASS\n/);

  const json = JSON.parse(runCli(['check', 'samples/journals', '--format', 'json']).stdout) as CheckJson;
  t.true(json.passed);
  for (const scenario of ['k0s-reboot-race', 'k0s-healthy', 'multi-boot']) {
    const checked = json.journals.filter((j) => j.path.startsWith(`samples/journals/${scenario}.`));
    t.true(checked.length >= 15, scenario);
    for (const j of checked) t.is(j.expectationPath, `samples/journals/${scenario}.expect.yaml`, j.path);
  }
  // Not journals: README, scripts, expectation files, sources/, cat output.
  for (const j of json.journals) t.regex(j.path, /^samples\/journals\/[^/]+\.(?!cat$|md$|sh$|mjs$)[a-z-]+(\.gz)?$/);
  t.false(json.journals.some((j) => j.path.includes('.expect.') || j.path.includes('/sources/')));

  // The JUnit file: well-formed, one testsuite per journal, one testcase per expectation, no failures.
  const xml = readFileSync(junit, 'utf8');
  t.is(XMLValidator.validate(xml), true);
  const doc = junitParser.parse(xml);
  t.is(Number(doc.testsuites.tests), json.totals.expectations);
  t.is(Number(doc.testsuites.failures), 0);
  t.is(doc.testsuites.testsuite.length, json.totals.journals);
  t.is(doc.testsuites.testsuite.reduce((n: number, s: { testcase: unknown[] }) => n + s.testcase.length, 0), json.totals.expectations);
  const race = doc.testsuites.testsuite.find((s: { name: string }) => s.name === 'samples/journals/k0s-reboot-race.json');
  t.truthy(race.testcase.find((c: { name: string }) => c.name === 'finding cert-issued-before-address (error) address=192.168.2.10 interface=eth0'));
  t.truthy(race.testcase.find((c: { name: string }) => c.name === 'finding network-online-before-address (warning) address=192.168.2.10 interface=eth0'));
});

test('the multi-boot expectation addresses boots by journalctl -b numbering: boot 1 races, boot 2 is clean', (t) => {
  const json = JSON.parse(runCli(['check', '--format', 'json', 'samples/journals/multi-boot.json', 'samples/journals/multi-boot.short-iso']).stdout) as CheckJson;
  t.is(json.totals.failed, 0);
  for (const j of json.journals) {
    t.true(j.cases.some((c) => c.name.startsWith('boot 1: finding cert-issued-before-address') && c.passed));
    t.true(j.cases.some((c) => c.name === 'boot 2: no findings' && c.passed));
    t.is(j.boots, 2);
  }
});

test('a wrong expectation fails with exit 1, naming what was expected and what was found (text, JSON, JUnit)', (t) => {
  const dir = tempDir(t);
  copyFileSync(join(SAMPLES, 'k0s-healthy.json'), join(dir, 'node-a.json'));
  writeFileSync(join(dir, 'node-a.expect.yaml'), [
    'findings:',
    '  - rule: cert-issued-before-address',
    '    severity: error',
    '    details: { address: 192.168.2.10, interface: eth0 }',
    'bounds:',
    '  targets: { network-online.target: 1s }',
    '',
  ].join('\n'));
  const junit = join(dir, 'out.xml');
  const result = runCli(['check', dir, '--junit', junit]);
  t.is(result.status, 1);
  t.regex(result.stdout, /1 failed/);
  t.regex(result.stdout, /FAIL .*node-a\.json \(expectation .*node-a\.expect\.yaml\)/);
  t.regex(result.stdout, /✗ finding cert-issued-before-address \(error\) address=192\.168\.2\.10 interface=eth0\n +expected: cert-issued-before-address \(error\) address=192\.168\.2\.10 interface=eth0 in boot 1\n +found: +no findings\n/);
  t.regex(result.stdout, /✗ network-online\.target reached within 1\.000s\n +expected: network-online\.target reached at most 1\.000s after boot start\n +found: +4\.206s\n/);

  const xml = readFileSync(junit, 'utf8');
  t.is(XMLValidator.validate(xml), true);
  const doc = junitParser.parse(xml);
  t.is(Number(doc.testsuites.tests), 2);
  t.is(Number(doc.testsuites.failures), 2);
  const failure = doc.testsuites.testsuite[0].testcase[0].failure;
  t.regex(failure.message, /^expected cert-issued-before-address .*; found no findings$/);
});

test('a broken expectation file is bad input: exit 2, one line naming the file and the field', (t) => {
  const dir = tempDir(t);
  copyFileSync(join(SAMPLES, 'k0s-reboot-race.json'), join(dir, 'race.json'));
  const cases: Array<[string, string, RegExp]> = [
    ['race.expect.yaml', 'findings:\n  - rule: cert-issued-before-address\n    severty: error\n', /race\.expect\.yaml: findings\[0\]\.severty: unknown field/],
    ['race.expect.yaml', 'boots:\n  - boot: 1\n    findings:\n      - rule: x\n        severity: fatal\n', /race\.expect\.yaml: boots\[0\]\.findings\[0\]\.severity: Invalid option/],
    ['race.expect.yaml', 'bounds:\n  targets:\n    network-online.target: 5\n', /race\.expect\.yaml: bounds\.targets\.network-online\.target: /],
    ['race.expect.yaml', 'bounds:\n  units:\n    k0s.service: soon\n', /race\.expect\.yaml: bounds\.units\.k0s\.service: not a time span: 'soon'/],
    ['race.expect.yaml', 'findings: [\n', /race\.expect\.yaml: not valid YAML/],
    ['race.expect.json', '{"findings": [{"rule": 1}]}', /race\.expect\.json: findings\[0\]\.rule: /],
  ];
  for (const [name, text, message] of cases) {
    rmSync(join(dir, 'race.expect.yaml'), { force: true });
    rmSync(join(dir, 'race.expect.json'), { force: true });
    writeFileSync(join(dir, name), text);
    const result = runCli(['check', dir]);
    t.is(result.status, 2, text);
    t.is(result.stdout, '');
    t.regex(result.stderr, /^bootlens: check: broken expectation file: /);
    t.regex(result.stderr, message);
    t.is(result.stderr.trim().split('\n').length, 1);
  }
  // Two expectation files for one journal: ambiguous, bad input too.
  writeFileSync(join(dir, 'race.expect.yaml'), 'bootCount: 1\n');
  writeFileSync(join(dir, 'race.expect.json'), '{}');
  const both = runCli(['check', dir]);
  t.is(both.status, 2);
  t.regex(both.stderr, /two expectation files/);
});

test('without an expectation file, a journal passes when it has no finding at or above --fail-on', (t) => {
  const dir = tempDir(t);
  copyFileSync(join(SAMPLES, 'k0s-reboot-race.json'), join(dir, 'racer.json'));
  copyFileSync(join(SAMPLES, 'k0s-healthy.short-iso'), join(dir, 'fine.short-iso'));
  const failing = runCli(['check', dir]);
  t.is(failing.status, 1);
  t.regex(failing.stdout, /racer\.json +\(default\) +FAIL 0\/1\n/);
  t.regex(failing.stdout, /fine\.short-iso +\(default\) +pass 1\/1\n/);
  t.regex(failing.stdout, /found: +cert-issued-before-address \(error\) address=192\.168\.2\.10/);
  t.is(runCli(['check', '--fail-on', 'none', dir]).status, 0);
  t.is(runCli(['check', '--fail-on', 'warning', join(dir, 'fine.short-iso')]).status, 0);
});

test('unreadable input and bad usage exit 2', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'garbage.log'), 'this is not a journal\n');
  const unreadable = runCli(['check', dir]);
  t.is(unreadable.status, 2);
  t.regex(unreadable.stderr, /garbage\.log:1: not a journal bootlens can read/);
  t.is(runCli(['check', join(dir, 'nope')]).status, 2);
  const empty = tempDir(t);
  writeFileSync(join(empty, 'README.md'), '# nothing\n');
  const none = runCli(['check', empty]);
  t.is(none.status, 2);
  t.regex(none.stderr, /no journals in this directory/);
  t.is(runCli(['check', '--format', 'xml', 'samples/journals']).status, 2);
  t.is(runCli(['check', '--jobs', 'many', 'samples/journals']).status, 2);
});

test('which files count as journals when a directory is searched', (t) => {
  for (const name of ['a.json', 'a.json.gz', 'a.short-iso', 'a.short-iso-precise', 'a.export', 'a.verbose', 'a.with-unit', 'node1.example.com.log', 'x.txt', 'x.json-seq',
    'system.journal', 'system@0005f1c4e8a9b6a2-8c3a2b1d4e5f6a7b.journal~', 'user-1000.journal']) {
    t.true(isJournalName(name), name);
  }
  for (const name of ['README.md', 'render.sh', 'scenarios.mjs', 'a.expect.yaml', 'a.expect.json', 'a.cat', '.hidden.json', 'noextension']) {
    t.false(isJournalName(name), name);
  }
  const found = findJournals(SAMPLES).map((p) => p.slice(SAMPLES.length + 1));
  t.true(found.includes('k0s-reboot-race.json.gz'));
  t.false(found.some((p) => p.startsWith('sources/') || p.endsWith('.cat') || p.includes('.expect.')));
});

test('one expectation file serves every rendering of a scenario; a rendering may have its own', (t) => {
  const files = new Set(['/d/race.expect.yaml', '/d/race.short.expect.json']);
  const exists = (p: string) => files.has(p);
  t.is(expectationFor('/d/race.json', exists), '/d/race.expect.yaml');
  t.is(expectationFor('/d/race.json.gz', exists), '/d/race.expect.yaml');
  t.is(expectationFor('/d/race.short-iso', exists), '/d/race.expect.yaml');
  t.is(expectationFor('/d/race.short', exists), '/d/race.short.expect.json');
  t.is(expectationFor('/d/other.json', exists), null);
  t.is(expectationFor(join(SAMPLES, 'k0s-reboot-race.short-iso-precise')), join(SAMPLES, 'k0s-reboot-race.expect.yaml'));
});

test('checkJournal (pure): findings, absent, failOnUnexpected, bounds and boot selection', async (t) => {
  const report = await analyze([join(SAMPLES, 'multi-boot.json')]);
  const exp = parseExpectation([
    'bootCount: 2',
    'absent: [{ rule: cert-issued-before-address, severity: info }]',
    'boots:',
    '  - boot: 0',
    '    findings: [{ rule: cert-issued-before-address }]',
    '  - boot: -1',
    '    failOnUnexpected: warning',
    '    findings: [{ rule: cert-issued-before-address }, { rule: network-online-before-address }]',
    '    bounds: { units: { systemd-networkd.service: 1ms, k0scontroller.service: 1s }, addresses: { 192.168.2.10: 20s } }',
    '  - boot: 7',
    '    noFindings: true',
  ].join('\n'), 'x.expect.yaml');
  const check = checkJournal(report, exp, { path: 'multi-boot.json', expectationPath: 'x.expect.yaml' });
  const byName = new Map(check.cases.map((c) => [c.name, c]));
  t.true(byName.get('2 boots')!.passed);
  t.true(byName.get('no finding cert-issued-before-address (info)')!.passed);
  // Boot 0 is the last, the healthy one: the race is not there.
  t.false(byName.get('boot 0: finding cert-issued-before-address')!.passed);
  t.is(byName.get('boot 0: finding cert-issued-before-address')!.found, 'no findings');
  t.true(byName.get('boot -1: finding cert-issued-before-address')!.passed);
  // wait-online-missing (and anything else at warning or above) is unexpected in boot -1.
  const unexpected = byName.get('boot -1: no unexpected finding at or above warning')!;
  t.false(unexpected.passed);
  t.regex(unexpected.found, /wait-online-missing \(warning\)/);
  t.false(byName.get('boot -1: systemd-networkd.service started within 0.001s')!.passed);
  t.regex(byName.get('boot -1: systemd-networkd.service started within 0.001s')!.found, /^0\.054s$/);
  t.regex(byName.get('boot -1: k0scontroller.service started within 1.000s')!.found, /no Starting\/Started pair/);
  t.true(byName.get('boot -1: 192.168.2.10 appeared within 20.000s')!.passed);
  t.false(byName.get('boot 7: exists')!.passed);
  t.is(byName.get('boot 7: exists')!.found, 'the journal has 2 boots');
  t.false(check.passed);
  t.throws(() => parseExpectation('boots: [{ boot: 1, nofindings: true }]', 'y.expect.yaml'), { instanceOf: ExpectationError, message: /^y\.expect\.yaml: boots\[0\]\.nofindings: unknown field$/ });
});

test('JUnit XML escapes what it must and stays well-formed', (t) => {
  t.is(xmlEscape(`a<b>&"c'\u0001\u001b`), 'a&lt;b&gt;&amp;&quot;c&apos;\\x01\\x1b');
  const check: JournalCheck = {
    path: 'dir/<node&1>".json', expectationPath: null, description: 'd]]>x', hosts: ['h\u0000st'], boots: 1,
    findings: { error: 1, warning: 0, info: 0 }, skippedLines: 0, passed: false,
    cases: [
      { name: 'no finding at or above error', passed: false, expected: 'no <finding>', found: 'x509: "not 10.0.0.1" & more \u001b[31m' },
      { name: 'readable', passed: false, error: true, expected: 'a journal', found: 'bad' },
    ],
  };
  const xml = renderJunit([check]);
  t.is(XMLValidator.validate(xml), true);
  const doc = junitParser.parse(xml);
  t.is(doc.testsuites.failures, '1');
  t.is(doc.testsuites.errors, '1');
  t.is(doc.testsuites.testsuite[0].name, 'dir/<node&1>".json');
  t.regex(doc.testsuites.testsuite[0].testcase[0].failure.message, /found x509: "not 10\.0\.0\.1" & more \\x1b\[31m$/);
  t.truthy(doc.testsuites.testsuite[0].testcase[1].error);
});

test('fleet: many journals on worker threads, a summary per node; the compiled worker is what runs', (t) => {
  t.true(existsSync(join(ROOT, 'packages/cli/dist/pool/worker.js')));
  const dir = tempDir(t);
  mkdirSync(join(dir, 'node-b'));
  copyFileSync(join(SAMPLES, 'k0s-reboot-race.json'), join(dir, 'a.json'));
  copyFileSync(join(SAMPLES, 'k0s-healthy.short-iso'), join(dir, 'node-b', 'b.short-iso'));
  // A second node: the healthy journal with another host name.
  const other = readFileSync(join(SAMPLES, 'k0s-healthy.json'), 'utf8').replaceAll('"_HOSTNAME":"k0s-ctrl-1"', '"_HOSTNAME":"k0s-worker-2"');
  writeFileSync(join(dir, 'node-b', 'c.json'), other);
  const pooled = runCli(['fleet', '--jobs', '3', dir]);
  const inline = runCli(['fleet', '--jobs', '0', dir]);
  t.is(pooled.stderr, '');
  t.is(pooled.status, 1);
  t.is(pooled.stdout, inline.stdout);
  t.regex(pooled.stdout, /^analyzed 3 journals in .* from 2 nodes\n/);
  t.regex(pooled.stdout, / k0s-ctrl-1 +2 +2 +2 +\d+ +\d+ +FAIL\n/);
  t.regex(pooled.stdout, / k0s-worker-2 +1 +1 +0 +0 +0 +PASS\n/);
  for (const line of pooled.stdout.split('\n')) t.true(line.length <= 80, line);
  const json = JSON.parse(runCli(['fleet', '--format', 'json', dir]).stdout) as { journals: Array<{ path: string }>; nodes: Array<{ host: string }> };
  t.deepEqual(json.journals.map((j) => j.path.slice(dir.length + 1)), ['a.json', 'node-b/b.short-iso', 'node-b/c.json']);
  t.deepEqual(json.nodes.map((n) => n.host), ['k0s-ctrl-1', 'k0s-worker-2']);
  // check uses the same pool: same result with and without workers.
  t.is(runCli(['check', '--jobs', '2', dir]).stdout, runCli(['check', '--jobs', '0', dir]).stdout);
});

test('events: each listed event must be found, in the boots its block applies to; fields compare as details do', async (t) => {
  const report = await analyze([join(SAMPLES, 'multi-boot.json')]);
  const exp = parseExpectation([
    'events:',
    '  - { kind: address-added, address: 192.168.2.10, interface: eth0, prefixLength: 24 }',
    '  - { kind: address-added, address: 192.168.2.99 }',
    '  - { kind: sans-configured, component: k0s, sans: { ip: [fe80::1a66:daff:fe4c:2e91, 192.168.2.10] } }',
    '  - { kind: sans-configured, sans: { ip: 192.168.2.10 } }',
    '  - { kind: sans-configured, sans: { ip: [192.168.2.10] } }',
    'boots:',
    '  - boot: 1',
    '    events: [{ kind: tls-verify-failed, wanted: 192.168.2.10 }]',
    '  - boot: 2',
    '    events: [{ kind: tls-verify-failed, wanted: 192.168.2.10 }, { kind: address-added, address: 192.168.2.10, via: systemd-networkd }]',
  ].join('\n'), 'x.expect.yaml');
  const check = checkJournal(report, exp, { path: 'multi-boot.json' });
  const byName = new Map(check.cases.map((c) => [c.name, c]));
  t.true(byName.get('event address-added address=192.168.2.10 interface=eth0 prefixLength=24')!.passed);
  const missing = byName.get('event address-added address=192.168.2.99')!;
  t.false(missing.passed);
  t.regex(missing.found, /^2 address-added events, none matching: address=192\.168\.2\.10; address=192\.168\.2\.10$/);
  // A single value matches a list holding it; a list must hold the same members.
  t.true(byName.get('event sans-configured component=k0s sans={ ip: [fe80::1a66:daff:fe4c:2e91, 192.168.2.10] }')!.passed);
  t.true(byName.get('event sans-configured sans={ ip: 192.168.2.10 }')!.passed);
  t.false(byName.get('event sans-configured sans={ ip: [192.168.2.10] }')!.passed);
  // Boot 1 (the race) has the kubelet's x509 errors; boot 2 (healthy) has none.
  t.true(byName.get('boot 1: event tls-verify-failed wanted=192.168.2.10')!.passed);
  t.false(byName.get('boot 2: event tls-verify-failed wanted=192.168.2.10')!.passed);
  t.is(byName.get('boot 2: event tls-verify-failed wanted=192.168.2.10')!.found, 'no tls-verify-failed event');
  t.true(byName.get('boot 2: event address-added address=192.168.2.10 via=systemd-networkd')!.passed);
  // A field the kind does not have, or an unknown kind, is a broken expectation naming the field.
  t.throws(() => parseExpectation('events: [{ kind: unit-job, address: 10.0.0.1 }]', 'y.expect.yaml'), { instanceOf: ExpectationError, message: /^y\.expect\.yaml: events\[0\]\.address: not a field of unit-job events/ });
  t.throws(() => parseExpectation('events: [{ kind: address-added, adress: 10.0.0.1 }]', 'y.expect.yaml'), { message: /events\[0\]\.adress: not a field of address-added events/ });
  t.throws(() => parseExpectation('boots: [{ boot: 1, events: [{ kind: adress-added }] }]', 'y.expect.yaml'), { message: /boots\[0\]\.events\[0\]\.kind: / });
  t.throws(() => parseExpectation('events: [{ kind: unit-job, source: x }]', 'y.expect.yaml'), { message: /events\[0\]\.source: not a field/ });
});

// https://github.com/k3s-io/k3s/issues/5163 (test/corpus/clock/k3s-5163-not-yet-valid-timezone-panic.log): the line
// says `current time 2022-07-22T18:55:59+12:00`, the report keeps times in UTC.
test('events: a zoned time matches the same instant written in another zone, and not another instant', async (t) => {
  const report = await analyze([join(ROOT, 'test/corpus/clock/k3s-5163-not-yet-valid-timezone-panic.log')], { year: 2022 });
  const passed = (currentTime: string) =>
    checkJournal(report, parseExpectation(`events: [{ kind: tls-verify-failed, currentTime: "${currentTime}" }]`, 'z.expect.yaml'), { path: 'k3s.log' }).cases[0]!.passed;
  t.true(passed('2022-07-22T18:55:59+12:00'), 'as the line wrote it');
  t.true(passed('2022-07-22T06:55:59Z'), 'in UTC');
  t.false(passed('2022-07-22T18:56:00+12:00'), 'a second later');
  t.false(passed('2022-07-22T18:55:59Z'), 'the same wall time in another zone');
  t.false(passed('2022-07-22 18:55:59'), 'no zone: text only');
});

test('year: every boot with wall-clock time starts in it (none: nothing to hold); systemdAnalyze: the pastes named were read; unreadable is not checked', async (t) => {
  const report = await analyze([join(SAMPLES, 'multi-boot.json')]);
  const held = checkJournal(report, parseExpectation('year: 2024\nunreadable: nothing, this is a made-up sample', 'x.expect.yaml'), { path: 'm' });
  t.deepEqual(held.cases.map((c) => [c.name, c.passed]), [['year 2024', true]]);
  const wrong = checkJournal(report, parseExpectation('year: 2023', 'x.expect.yaml'), { path: 'm' });
  t.false(wrong.passed);
  t.is(wrong.cases[0]!.found, 'boots start in 2024');
  t.throws(() => parseExpectation('year: "2023"', 'y.expect.yaml'), { message: /y\.expect\.yaml: year: / });
  t.throws(() => parseExpectation('systemdAnalyze: [blam]', 'y.expect.yaml'), { message: /y\.expect\.yaml: systemdAnalyze\[0\]: / });

  // colemickens/nixcfg#15 (test/corpus/systemd-analyze): a blame paste, no time, no critical-chain.
  const blame = await analyze([join(ROOT, 'test/corpus/systemd-analyze/nixcfg-15-blame-udev-settle-devices.log')]);
  const pastes = checkJournal(blame, parseExpectation('systemdAnalyze: [blame, time, critical-chain]\nyear: 2020', 'x.expect.yaml'), { path: 'b' });
  t.deepEqual(pastes.cases.map((c) => [c.name, c.passed]), [
    ['year 2020', true], ['systemd-analyze blame read', true], ['systemd-analyze time read', false], ['systemd-analyze critical-chain read', false],
  ]);
  // A paste without wall-clock time has nothing to hold against the year (one expectation serves every rendering).
  t.is(pastes.cases[0]!.found, 'no boot with wall-clock time');
  const monotonic = await analyze([join(SAMPLES, 'k0s-reboot-race.short-monotonic')]);
  t.true(checkJournal(monotonic, parseExpectation('year: 2023', 'x.expect.yaml'), { path: 'm' }).passed);
  t.false(checkJournal(await analyze([join(SAMPLES, 'k0s-reboot-race.short-iso')]), parseExpectation('year: 2023', 'x.expect.yaml'), { path: 'i' }).passed);
});
