import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Report } from '@bootlens/core';
import { matchesGolden, ROOT, runCli } from './helpers/cli.js';

const SAMPLES = ['k0s-reboot-race', 'k0s-healthy'] as const;
const MODES = ['json', 'short-iso-precise', 'short-iso'] as const;
const RACE_ADDRESS = '192.168.2.10';

for (const sample of SAMPLES) {
  for (const mode of MODES) {
    const file = `samples/journals/${sample}.${mode}`;

    test(`analyze ${file}: text output matches its golden file`, (t) => {
      const result = runCli(['analyze', file]);
      t.is(result.stderr, '');
      t.is(result.status, sample === 'k0s-reboot-race' ? 1 : 0);
      matchesGolden(t, `${sample}.${mode}.txt`, result.stdout);
    });

    test(`analyze ${file} --format json: validates against the schema and matches its golden file`, (t) => {
      const result = runCli(['analyze', '--format', 'json', file]);
      t.is(result.status, sample === 'k0s-reboot-race' ? 1 : 0);
      const report = Report.parse(JSON.parse(result.stdout));
      t.is(report.inputs[0]!.format, mode);
      t.is(report.inputs[0]!.skipped, 0);
      matchesGolden(t, `${sample}.${mode}.json`, result.stdout);
    });
  }
}

/** The text of line `n` (1-based) of a file, to check that evidence points at the right lines. */
function lineOf(path: string, n: number): string {
  return readFileSync(join(ROOT, path), 'utf8').split('\n')[n - 1] ?? '';
}

for (const mode of ['json', 'short-iso-precise'] as const) {
  test(`race sample (${mode}): both findings for ${RACE_ADDRESS} on eth0, with evidence on the right lines`, (t) => {
    const file = `samples/journals/k0s-reboot-race.${mode}`;
    const report = Report.parse(JSON.parse(runCli(['analyze', '-f', 'json', file]).stdout));
    const findings = report.boots.flatMap((b) => b.findings);
    const cert = findings.find((f) => f.rule === 'cert-issued-before-address');
    const online = findings.find((f) => f.rule === 'network-online-before-address');
    t.like(cert, { severity: 'error', details: { address: RACE_ADDRESS, interface: 'eth0', component: 'k0s', apiAddress: '127.0.0.1', apiAddressDefaulted: true } });
    t.like(online, { severity: 'warning', details: { address: RACE_ADDRESS, interface: 'eth0' } });
    const certLines = cert!.evidence.map((e) => lineOf(e.path, e.line));
    t.true(certLines.some((l) => l.includes('defaulting public address to 127.0.0.1')));
    t.true(certLines.some((l) => l.includes('signed certificate with serial number')));
    t.true(certLines.some((l) => l.includes(`DHCPv4 address ${RACE_ADDRESS}/24`)));
    t.true(certLines.some((l) => l.includes(`not ${RACE_ADDRESS}`)));
    const onlineLines = online!.evidence.map((e) => lineOf(e.path, e.line));
    t.true(onlineLines.some((l) => l.includes('Reached target network-online.target')));
    t.true(onlineLines.some((l) => l.includes(`DHCPv4 address ${RACE_ADDRESS}/24`)));
    t.true((cert!.details['gapMs'] as number) > 0);
  });
}

test('the healthy sample reports no finding in any mode', (t) => {
  for (const mode of MODES) {
    const report = Report.parse(JSON.parse(runCli(['analyze', '-f', 'json', `samples/journals/k0s-healthy.${mode}`]).stdout));
    t.deepEqual(report.boots.flatMap((b) => b.findings), [], mode);
  }
});

test('stdin: `-` reads standard input, and gzip is detected by content', (t) => {
  const bytes = readFileSync(join(ROOT, 'samples/journals/k0s-reboot-race.json.gz'));
  const result = runCli(['analyze', '--format', 'json', '-'], bytes);
  t.is(result.status, 1);
  const report = Report.parse(JSON.parse(result.stdout));
  t.like(report.inputs[0], { path: '-', format: 'json', skipped: 0 });
});

test('--fail-on sets the threshold: none → 0, warning on the healthy sample → 0', (t) => {
  t.is(runCli(['analyze', '--fail-on', 'none', 'samples/journals/k0s-reboot-race.json']).status, 0);
  t.is(runCli(['analyze', '--fail-on', 'warning', 'samples/journals/k0s-healthy.json']).status, 0);
});

test('bad usage exits 2 with one line of error and the usage line, no stack trace', (t) => {
  for (const args of [['frobnicate'], ['analyze'], ['analyze', '--format', 'yaml', 'x'], ['analyze', '--nope', 'x']]) {
    const result = runCli(args);
    t.is(result.status, 2, args.join(' '));
    t.is(result.stdout, '');
    t.regex(result.stderr, /^bootlens: .+\nUsage: bootlens/);
    t.notRegex(result.stderr, /\n\s+at /);
  }
});

test('unreadable input exits 2 with one clear line', (t) => {
  const missing = runCli(['analyze', 'samples/journals/no-such-file.json']);
  t.is(missing.status, 2);
  t.is(missing.stderr, 'bootlens: samples/journals/no-such-file.json: no such file\n');
  // A directory is read as a support bundle (issues 17, 18); one with no log in it is refused.
  const dir = runCli(['analyze', 'docs/rules']);
  t.is(dir.status, 2);
  const ruleDocs = readdirSync(join(ROOT, 'docs/rules')).length;
  t.true(dir.stderr.startsWith(`bootlens: docs/rules: no log bootlens reads in this directory (${ruleDocs} files;`), dir.stderr);
  const unknown = runCli(['analyze', 'README.md']);
  t.is(unknown.status, 2);
  t.regex(unknown.stderr, /^bootlens: README\.md:1: not a journal bootlens can read/);
});

test('--help and --version', (t) => {
  const help = runCli(['--help']);
  t.is(help.status, 0);
  t.regex(help.stdout, /^Usage: bootlens <command>/);
  t.regex(help.stdout, /\n  analyze  /);
  t.regex(runCli(['analyze', '--help']).stdout, /^Usage: bootlens analyze/);
});

test('--version prints the versions of both packages, as their package.json say', (t) => {
  const version = (name: string) => (JSON.parse(readFileSync(join(ROOT, 'packages', name, 'package.json'), 'utf8')) as { version: string }).version;
  const expected = `@bootlens/cli ${version('cli')}\n@bootlens/core ${version('core')}\n`;
  const result = runCli(['--version']);
  t.is(result.status, 0);
  t.is(result.stdout, expected);
  t.is(runCli(['-V']).stdout, expected);
});

test('--version unbundled (main imported from @bootlens/cli) reads the installed core\'s package.json', async (t) => {
  const { main } = await import('@bootlens/cli');
  let out = '';
  const sink = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
  t.is(await main(['--version'], { stdin: process.stdin, stdout: sink, stderr: sink, env: {} }), 0);
  const core = (JSON.parse(readFileSync(join(ROOT, 'packages/core/package.json'), 'utf8')) as { version: string }).version;
  t.regex(out, new RegExp(`^@bootlens/cli \\d+\\.\\d+\\.\\d+\\n@bootlens/core ${core.replace(/\./g, '\\.')}\\n$`));
});

test('log text cannot reach the terminal as control sequences', (t) => {
  // A hostile line inside an otherwise real networkd line: ANSI colour and an OSC 8 link (stripped
  // from pastes on input), a backspace and a bidi override (kept, and shown escaped).
  const line = '2024-11-20T09:27:08.750000+0000 node-0 systemd-networkd[412]: eth0\x1b[31m\x1b]8;;x\x07\x08\u202e: DHCPv4 address 192.168.2.10/24, gateway 1.2.3.4\r acquired from 1.2.3.4\n';
  const result = runCli(['analyze', '--verbose', '-'], line);
  t.is(result.status, 0);
  t.notRegex(result.stdout, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
  t.regex(result.stdout, /\\x08|\\u202e/);
});
