import test from 'ava';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import {
  analyze, blameFromJournal, criticalChainFromJournal, formatTimespan, parseBlameLine, parseChainLine, parseCriticalChain,
  parseTimeLine, parseTimespan, unitSpans,
} from '@bootlens/core/internal';
import { main } from '../packages/cli/src/main.js';
import { analyzeText, isoLine } from './helpers/analyze.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/systemd-analyze/${name}`, import.meta.url), 'utf8');
const SAMPLE = new URL('../samples/journals/k0s-healthy.json', import.meta.url);

// ---------------------------------------------------------------------------------------------
// Time spans: format_timespan() in src/basic/time-util.c, accuracy USEC_PER_MSEC.

test('timespan: every unit systemd prints', (t) => {
  const cases: Array<[string, number]> = [
    ['3us', 3], ['548ms', 548_000], ['9.608s', 9_608_000], ['20.905s', 20_905_000], ['1min 9.608s', 69_608_000],
    ['16min 55.434s', 1_015_434_000], ['2min 286ms', 120_286_000], ['3h 2min', 10_920_000_000], ['1d 3h 21min', 98_460_000_000],
    ['2w 1d', 1_296_000_000_000], ['1month 2w', 2_629_800_000_000 + 1_209_600_000_000], ['1y 2month', 31_557_600_000_000 + 5_259_600_000_000],
    ['1234ms', 1_234_000], ['0', 0],
  ];
  for (const [text, us] of cases) t.is(parseTimespan(text), us, text);
  t.is(parseTimespan('9.608 s'), null);
});

test('timespan: formatting matches format_timespan (decimals below a minute, trailing zeros kept)', (t) => {
  t.is(formatTimespan(69_608_000), '1min 9.608s');
  t.is(formatTimespan(548_123), '548ms');
  t.is(formatTimespan(1_050_000), '1.050s');
  t.is(formatTimespan(2_000_000), '2s');
  t.is(formatTimespan(60_005_000), '1min 5ms');
  t.is(formatTimespan(98_460_000_000), '1d 3h 21min');
  t.is(formatTimespan(0), '0');
  for (const us of [3_000, 999_000, 1_503_000, 47_847_000, 3_725_000_000]) t.is(parseTimespan(formatTimespan(us)), us);
});

// ---------------------------------------------------------------------------------------------
// critical-chain

test('critical-chain: linuxmint/linuxmint#713 (UTF-8 tree, new header, a line cut by the pager)', (t) => {
  const r = parseCriticalChain(fixture('linuxmint-713-critical-chain.txt'), 'chain.txt');
  t.deepEqual(r.errors, []);
  t.false(r.notFinished);
  t.is(r.units.length, 15);
  t.like(r.units[0], { unit: 'graphical.target', depth: 0, activatedAtMs: 23582, durationMs: null });
  t.like(r.units[2], { unit: 'docker.service', depth: 2, activatedAtMs: 21907, durationMs: 1672, source: { path: 'chain.txt', line: 6 } });
  t.like(r.units[4], { unit: 'NetworkManager-wait-online.service', depth: 4, activatedAtMs: 5647, durationMs: 16247 });
  // `@4.66>`: less -S cut the line; the time is unknown, the unit is kept.
  t.like(r.units[11], { unit: 'systemd-backlight@backlight:intel_backlight.service', depth: 11, activatedAtMs: null, durationMs: null });
  t.deepEqual(r.truncatedLines, [15]);
  t.like(r.units[14], { unit: '-.slice', depth: 14, activatedAtMs: 380 });
});

test('critical-chain: ASCII tree with ANSI red lines reads the same as the UTF-8 paste', (t) => {
  const utf8 = parseCriticalChain(fixture('linuxmint-713-critical-chain.txt'), 'x');
  const ascii = parseCriticalChain(fixture('linuxmint-713-ascii-ansi.txt'), 'x');
  t.deepEqual(ascii.errors, []);
  t.deepEqual(ascii.units, utf8.units);
});

test('critical-chain: branches and verticals (├─ │ and |- | ) give depths', (t) => {
  // Shape of analyze-critical-chain.c with arg_fuzz: two predecessors within the fuzz.
  const utf8 = ['multi-user.target @47.820s', '├─k3s.service @30.100s +17.700s', '│ └─network.target @30.050s', '└─sshd.service @29.900s +150ms', '  └─...'];
  const ascii = utf8.map((l) => l.replace(/│ /g, '| ').replace(/├─/g, '|-').replace(/└─/g, '`-'));
  for (const lines of [utf8, ascii]) {
    const r = parseCriticalChain(lines.join('\n'));
    t.deepEqual(r.errors, []);
    t.deepEqual(r.units.map((u) => [u.unit, u.depth]), [['multi-user.target', 0], ['k3s.service', 1], ['network.target', 2], ['sshd.service', 1]]);
  }
  const repeat = parseChainLine('    └─...');
  t.deepEqual(repeat, { ok: true, value: { kind: 'repeat', depth: 3 } });
});

test('critical-chain: the older header wording (vieyahn2017/iBlog#361, spaces as systemd prints them)', (t) => {
  // The paste in that report lost its spaces in the blog's rendering; the words and times are its own.
  const paste = [
    'The time after the unit is active or started is printed after the "@" character.',
    'The time the unit takes to start is printed after the "+" character.',
    '',
    'multi-user.target @32.976s',
    '└─kdump.service @15.981s +16.994s',
    '  └─network.target @15.980s',
    '    └─NetworkManager.service @15.069s +54ms',
  ].join('\n');
  const r = parseCriticalChain(paste);
  t.deepEqual(r.errors, []);
  t.deepEqual(r.units.map((u) => [u.unit, u.activatedAtMs, u.durationMs]), [
    ['multi-user.target', 32976, null], ['kdump.service', 15981, 16994], ['network.target', 15980, null], ['NetworkManager.service', 15069, 54],
  ]);
});

test('critical-chain: header-less paste with padded columns (ncaq/dotfiles#1201)', (t) => {
  const r = parseCriticalChain(fixture('ncaq-1201-critical-chain.txt'));
  t.deepEqual(r.errors, []);
  t.deepEqual(r.units.map((u) => [u.unit, u.depth, u.activatedAtMs, u.durationMs]), [
    ['graphical.target', 0, 8459, null], ['multi-user.target', 1, 8459, null], ['wpa_supplicant.service', 2, 9216, 55], ['basic.target', 3, 3731, null],
  ]);
});

test('critical-chain: a unit argument roots the chain at that unit (commaai/agnos-builder#445)', (t) => {
  const r = parseCriticalChain(fixture('agnos-445-critical-chain.txt').split('\n').slice(1).join('\n'));
  t.deepEqual(r.errors, []);
  // The root prints `NAME +T` (duration, no @).
  t.like(r.units[0], { unit: 'weston.service', depth: 0, activatedAtMs: null, durationMs: 368 });
  t.like(r.units[1], { unit: 'systemd-user-sessions.service', depth: 1, activatedAtMs: 8381, durationMs: 37 });
  t.is(r.units.length, 18);
});

test('critical-chain: every time unit, combinations, and units with no times', (t) => {
  const r = parseCriticalChain(['default.target', '└─a.service @1y 2month 3w 4d 5h 6min +7.008s', '  └─b.mount @999us', '    └─c.device'].join('\n'));
  t.deepEqual(r.errors, []);
  t.deepEqual(r.units.map((u) => [u.activatedAtMs, u.durationMs]), [
    [null, null], [(31_557_600 + 2 * 2_629_800 + 3 * 604_800 + 4 * 86_400 + 5 * 3_600 + 6 * 60) * 1000, 7008], [0.999, null], [null, null],
  ]);
});

test('critical-chain: Bootup is not yet finished is a diagnostic, not a crash (NixOS/nixpkgs#191105)', async (t) => {
  t.true(parseCriticalChain(fixture('nixpkgs-191105-not-finished.txt').split('\n').slice(1).join('\n')).notFinished);
  const report = await analyzeText(fixture('nixpkgs-191105-not-finished.txt'), 'blame.txt');
  t.is(report.inputs[0]!.format, 'systemd-analyze');
  t.is(report.inputs[0]!.skipped, 0);
  const d = report.diagnostics.find((x) => x.code === 'bootup-not-finished');
  t.truthy(d);
  t.is(d!.line, 2);
  t.regex(d!.message, /boot had not finished/);
  t.false(report.diagnostics.some((x) => x.code === 'no-entries'));
  t.deepEqual(report.boots, []);
});

test('critical-chain: errors say what was expected, show the line and where (ANSI counted in columns)', async (t) => {
  const bad = parseChainLine('  └─\x1b[0;1;31mdocker.service @21.9xs +1.672s\x1b[0m');
  t.false(bad.ok);
  if (!bad.ok) {
    t.is(bad.error.column, 30); // the `@` in the line as pasted, escapes included
    t.regex(bad.error.expected, /time span/);
  }
  const r = parseCriticalChain(['graphical.target @1s', '      └─deep.service @2s'].join('\n'), 'chain.txt');
  t.is(r.errors.length, 1);
  t.like(r.errors[0], { line: 2 });
  t.regex(r.errors[0]!.expected, /depth 1 or less/);
  const report = await analyzeText(['graphical.target @1s', '└─a.service @oops'].join('\n'), 'chain.txt');
  const d = report.diagnostics.find((x) => x.code === 'unparsable-analyze-line')!;
  t.is(d.line, 2);
  t.regex(d.message, /not systemd-analyze output \(expected .* at column 14\): "└─a\.service @oops"/);
});

// ---------------------------------------------------------------------------------------------
// blame and time

test('blame: lines from public reports (ntk148v/til#12, colemickens/nixcfg#15, Webconverger/webc#129)', (t) => {
  t.deepEqual(parseBlameLine('         32.875s pmlogger.service'), { ok: true, value: { kind: 'entry', unit: 'pmlogger.service', durationUs: 32_875_000 } });
  t.deepEqual(parseBlameLine('2min 286ms systemd-udev-settle.service'), { ok: true, value: { kind: 'entry', unit: 'systemd-udev-settle.service', durationUs: 120_286_000 } });
  t.deepEqual(parseBlameLine('   12.715s dev-disk-by\\x2dpath-pci\\x2d0000:06:00.0\\x2dnvme\\x2d1\\x2dpart2.device'),
    { ok: true, value: { kind: 'entry', unit: 'dev-disk-by\\x2dpath-pci\\x2d0000:06:00.0\\x2dnvme\\x2d1\\x2dpart2.device', durationUs: 12_715_000 } });
  t.deepEqual(parseBlameLine('  5103ms live-config.service'), { ok: true, value: { kind: 'entry', unit: 'live-config.service', durationUs: 5_103_000 } });
  t.deepEqual(parseBlameLine('         ...'), { ok: true, value: { kind: 'elision' } });
  t.false(parseBlameLine('  5103 live-config.service').ok);
});

test('time: every wording systemd printed', (t) => {
  // ntk148v/til#12 (systemd-analyze man page example)
  t.deepEqual(parseTimeLine('Startup finished in 2.584s (kernel) + 19.176s (initrd) + 47.847s (userspace) = 1min 9.608s'), {
    ok: true, value: { kind: 'startup', terms: [{ label: 'kernel', us: 2_584_000 }, { label: 'initrd', us: 19_176_000 }, { label: 'userspace', us: 47_847_000 }], totalUs: 69_608_000 },
  });
  // canonical/checkbox#1156: firmware and loader, trailing space; the second line with its period
  const fw = parseTimeLine('Startup finished in 11.573s (firmware) + 11.386s (loader) + 3.699s (kernel) + 9.756s (userspace) = 36.415s ');
  t.true(fw.ok && fw.value.kind === 'startup' && fw.value.terms.map((x) => x.label).join() === 'firmware,loader,kernel,userspace');
  t.deepEqual(parseTimeLine('graphical.target reached after 9.699s in userspace. '), { ok: true, value: { kind: 'reached', unit: 'graphical.target', afterUs: 9_699_000 } });
  t.deepEqual(parseTimeLine('multi-user.target reached after 47.820s in userspace'), { ok: true, value: { kind: 'reached', unit: 'multi-user.target', afterUs: 47_820_000 } });
  // Webconverger/webc#129 (2013, ms only); ntk148v/til#12 (a container: userspace only, no total)
  t.deepEqual(parseTimeLine('Startup finished in 9673ms (kernel) + 8638ms (userspace) = 18312ms'), {
    ok: true, value: { kind: 'startup', terms: [{ label: 'kernel', us: 9_673_000 }, { label: 'userspace', us: 8_638_000 }], totalUs: 18_312_000 },
  });
  t.deepEqual(parseTimeLine('Startup finished in 296ms (userspace)'), { ok: true, value: { kind: 'startup', terms: [{ label: 'userspace', us: 296_000 }], totalUs: null } });
  // openbmc/openbmc#1311: the journal's own message, with its period
  t.true(parseTimeLine('Startup finished in 12.033s (kernel) + 1min 41.650s (userspace) = 1min 53.683s.').ok);
  // pretty_boot_time() in analyze-time-data.c: soft reboot, never reached
  const soft = parseTimeLine('Startup finished in 1.234s (soft reboot) + 5.678s (userspace)');
  t.true(soft.ok && soft.value.kind === 'startup' && soft.value.terms[0]!.label === 'soft reboot');
  t.deepEqual(parseTimeLine('graphical.target was never reached.'), { ok: true, value: { kind: 'never-reached', unit: 'graphical.target' } });
  const bad = parseTimeLine('Startup finished in 2.584s (kernl) + 1s (userspace)');
  t.false(bad.ok);
  if (!bad.ok) t.like(bad.error, { column: 29 });
});

test('a paste of time and blame together is one systemd-analyze input and a boot of its own', async (t) => {
  const report = await analyzeText(fixture('ntk148v-12-time-blame.txt'), 'analyze.txt');
  t.is(report.inputs[0]!.format, 'systemd-analyze');
  t.is(report.inputs[0]!.skipped, 0);
  t.deepEqual(report.diagnostics, []);
  t.is(report.boots.length, 1);
  const boot = report.boots[0]!;
  t.like(boot.bootTime, { firmwareMs: null, loaderMs: null, kernelMs: 2584, initrdMs: 19176, userspaceMs: 47847, totalMs: 69608, defaultTarget: 'multi-user.target', defaultTargetReachedMs: 47820 });
  t.deepEqual(boot.blame!.map((b) => [b.unit, b.durationMs]), [
    ['pmlogger.service', 32875], ['systemd-networkd-wait-online.service', 20905], ['dev-vda1.device', 13299],
    ['sysroot.mount', 23], ['initrd-udevadm-cleanup-db.service', 11], ['sys-kernel-config.mount', 3],
  ]);
  const old = await analyzeText(fixture('webconverger-129-time-blame.txt'), 'old.txt');
  t.like(old.boots[0]!.bootTime, { kernelMs: 9673, userspaceMs: 8638, totalMs: 18312, initrdMs: null });
  t.is(old.boots[0]!.blame!.length, 10);
});

// ---------------------------------------------------------------------------------------------
// From a journal: unit times rebuilt from Starting/Started (samples/journals/k0s-healthy.json)

interface RawEntry { MESSAGE?: unknown; UNIT?: string; __MONOTONIC_TIMESTAMP: string; _PID?: string; SYSLOG_IDENTIFIER?: string }
const rawEntries = (): RawEntry[] => readFileSync(SAMPLE, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as RawEntry);

test('journal blame agrees with the Starting/Started entries it came from (k0s-healthy.json)', async (t) => {
  const report = await analyze([SAMPLE.pathname]);
  const boot = report.boots.at(-1)!;
  const blame = blameFromJournal(boot);
  t.true(blame.length >= 5);
  // Independently: the last Starting and the Started/Finished after it, by UNIT=, from the raw json.
  const starts = new Map<string, number>();
  const expected = new Map<string, number>();
  for (const e of rawEntries()) {
    if (e.SYSLOG_IDENTIFIER !== 'systemd' || typeof e.MESSAGE !== 'string') continue;
    // Lines PID 1 logged to kmsg before journald ran carry no UNIT=; their text names the unit.
    const unit = e.UNIT ?? /^(?:Starting|Started|Finished) (\S+) - /.exec(e.MESSAGE)?.[1];
    if (!unit) continue;
    const mono = Number(e.__MONOTONIC_TIMESTAMP);
    if (e.MESSAGE.startsWith('Starting ')) starts.set(unit, mono);
    else if (/^(?:Started|Finished) /.test(e.MESSAGE) && starts.has(unit)) expected.set(unit, mono - starts.get(unit)!);
  }
  const sorted = (entries: Iterable<[string, number]>) => Object.fromEntries([...entries].filter(([, us]) => us > 0).sort(([a], [b]) => (a < b ? -1 : 1)));
  t.deepEqual(sorted(blame.map((b) => [b.unit, b.durationUs])), sorted(expected));
  t.is(blame.length, 9);
  t.is(blame[0]!.unit, 'systemd-networkd-wait-online.service');
  for (let i = 1; i < blame.length; i++) t.true(blame[i - 1]!.durationUs >= blame[i]!.durationUs);
  // Units with only a Started line (Type=simple) have no duration.
  const k0s = unitSpans(boot).find((s) => s.unit === 'k0scontroller.service')!;
  t.like(k0s, { startingUs: null, durationUs: null, result: 'done' });
});

test('journal critical chain: latest-finishing predecessor, rooted at the default target or a unit', async (t) => {
  const boot = (await analyze([SAMPLE.pathname])).boots.at(-1)!;
  t.is(boot.userspaceStart?.from, 'startup-finished');
  const chain = criticalChainFromJournal(boot);
  t.deepEqual(chain.steps.slice(0, 5).map((s) => s.unit), [
    'graphical.target', 'multi-user.target', 'k0scontroller.service', 'network-online.target', 'systemd-networkd-wait-online.service',
  ]);
  t.is(chain.steps[1]!.via, 'latest-finished-before-start');
  const wait = chain.steps[4]!;
  t.is(wait.plusUs, wait.span.durationUs);
  t.is(wait.atUs, wait.span.startingUs! - chain.userspaceStartUs);
  const forK0s = criticalChainFromJournal(boot, { unit: 'k0scontroller.service' });
  t.is(forK0s.steps[0]!.unit, 'k0scontroller.service');
  t.is(criticalChainFromJournal(boot, { unit: 'nope.service' }).missingRoot, 'nope.service');
  // A known After= list takes systemd's own rule instead of the heuristic.
  const withAfter = criticalChainFromJournal(boot, { unit: 'k0scontroller.service', after: { 'k0scontroller.service': ['network.target', 'network-online.target'] } });
  t.like(withAfter.steps[1], { unit: 'network-online.target', via: 'after' });
});

test('a chain pasted beside a journal lands on the journal axis (userspace start = Startup finished)', async (t) => {
  const boot0 = (await analyze([SAMPLE.pathname])).boots.at(-1)!;
  const anchor = boot0.userspaceStart!.monotonicUs;
  const event = (pred: (e: (typeof boot0.events)[number]) => boolean) => boot0.events.find(pred)!.monotonicUs!;
  const onlineUs = event((e) => e.kind === 'target-reached' && e.unit === 'network-online.target');
  const waitStartUs = event((e) => e.kind === 'unit-job' && e.unit === 'systemd-networkd-wait-online.service' && e.phase === 'starting');
  const rel = (us: number) => formatTimespan(us - anchor);
  // What systemd-analyze critical-chain k0scontroller.service would have printed for this boot.
  const paste = [
    'The time when unit became active or started is printed after the "@" character.',
    'The time the unit took to start is printed after the "+" character.',
    '',
    'k0scontroller.service @2.308s',
    `└─network-online.target @${rel(onlineUs)}`,
    `  └─systemd-networkd-wait-online.service @${rel(waitStartUs)} +1.503s`,
  ].join('\n');
  const report = await analyze([{ path: 'chain.txt', content: paste }, SAMPLE.pathname]);
  t.deepEqual(report.inputs.map((i) => i.format), ['systemd-analyze', 'json']);
  t.is(report.boots.length, boot0.index + 1);
  const boot = report.boots.at(-1)!;
  const chain = boot.criticalChain!;
  t.is(chain.length, 3);
  // systemd prints milliseconds: the placed times agree with the journal's to the millisecond.
  t.true(Math.abs(chain[1]!.monotonicUs! - onlineUs) < 1000);
  t.true(Math.abs(chain[2]!.monotonicUs! - waitStartUs) < 1000);
  t.is(chain[0]!.monotonicUs, anchor + 2_308_000);
});

test('without a Startup finished entry, a pasted systemd-analyze time anchors the chain', async (t) => {
  const lines = rawEntries().filter((e) => !(typeof e.MESSAGE === 'string' && e.MESSAGE.startsWith('Startup finished')));
  const journal = lines.map((e) => JSON.stringify(e)).join('\n');
  const noTime = (await analyze([{ path: 'j.json', content: journal }])).boots.at(-1)!;
  t.is(noTime.userspaceStart?.from, 'manager-start');
  const report = await analyze([{ path: 'j.json', content: journal }, { path: 't.txt', content: 'Startup finished in 1.901s (kernel) + 2.330s (userspace) = 4.232s\ngraphical.target reached after 2.313s in userspace.\ngraphical.target @2.313s\n' }]);
  const boot = report.boots.at(-1)!;
  t.deepEqual(boot.userspaceStart, { monotonicUs: 1_901_000, from: 'pasted-time' });
  t.is(boot.criticalChain![0]!.monotonicUs, 1_901_000 + 2_313_000);
});

// ---------------------------------------------------------------------------------------------
// Rule unit-not-after-network-online

const online = (s: number) => isoLine(s, 'systemd[1]', 'Reached target network-online.target - Network is Online.');
const started = (s: number, unit: string, what: string) => isoLine(s, 'systemd[1]', `Started ${unit} - ${what}.`);

test('unit-not-after-network-online: k0s started before network-online.target', async (t) => {
  const report = await analyzeText([started(3.4, 'k0scontroller.service', 'k0s - Zero Friction Kubernetes'), online(8.75), started(9, 'nginx.service', 'A high performance web server')].join('\n'), 'boot.log');
  const hits = report.boots.flatMap((b) => b.findings).filter((f) => f.rule === 'unit-not-after-network-online');
  t.is(hits.length, 1);
  t.like(hits[0], { severity: 'warning', details: { unit: 'k0scontroller.service', reason: 'started-before', startedAtMs: 0, networkOnlineAtMs: 5350, gapMs: 5350 } });
  t.deepEqual(hits[0]!.evidence.map((e) => e.line), [1, 2]);
  t.regex(hits[0]!.summary, /k0scontroller\.service started at 0\.000s, 5\.350s before network-online\.target was reached/);
  t.regex(hits[0]!.remediation, /After=network-online\.target/);
});

test('unit-not-after-network-online: a pasted chain without network-online.target under the unit', async (t) => {
  const chain = ['multi-user.target @12.1s', '└─k3s.service @4.2s +7.9s', '  └─network.target @4.1s', '    └─NetworkManager.service @3.2s +900ms'].join('\n');
  const report = await analyzeText(chain, 'chain.txt');
  const [f] = report.boots[0]!.findings.filter((x) => x.rule === 'unit-not-after-network-online');
  t.like(f, { details: { unit: 'k3s.service', source: 'critical-chain', reason: 'chain-lacks-network-online' } });
  t.deepEqual(f!.evidence, [{ path: 'chain.txt', line: 2 }]);
  const good = await analyzeText(chain.replace('  └─network.target @4.1s', '  └─network-online.target @4.1s'), 'chain.txt');
  t.deepEqual(good.boots[0]!.findings.filter((x) => x.rule === 'unit-not-after-network-online'), []);
  // k0s-healthy: k0scontroller started after network-online.target.
  const healthy = await analyze([SAMPLE.pathname]);
  t.deepEqual(healthy.boots.flatMap((b) => b.findings).filter((x) => x.rule === 'unit-not-after-network-online'), []);
});

// ---------------------------------------------------------------------------------------------
// CLI: bootlens blame / critical-chain (in process, TS source)

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await main(args, { stdin: new PassThrough(), stdout, stderr, env: {} });
  return { code, stdout: out, stderr: err };
}

test('bootlens blame prints systemd-analyze blame layout and a note', async (t) => {
  const r = await cli(['blame', SAMPLE.pathname]);
  t.is(r.code, 0);
  const lines = r.stdout.split('\n');
  t.is(lines[0], '1.503s systemd-networkd-wait-online.service');
  t.regex(lines[1]!, /^ +\d+ms ssh\.service$/);
  t.regex(r.stdout, /\n# Derived from the journal of boot 2a9d5e1f/);
  t.regex(r.stdout, /Type=simple/);
});

test('bootlens critical-chain prints the header, the tree and the heuristic', async (t) => {
  const r = await cli(['critical-chain', SAMPLE.pathname, 'k0scontroller.service']);
  t.is(r.code, 0);
  const lines = r.stdout.split('\n');
  t.is(lines[0], 'The time when unit became active or started is printed after the "@" character.');
  t.is(lines[3], 'k0scontroller.service @2.308s');
  t.is(lines[4], '└─network-online.target @2.304s');
  t.is(lines[5], '  └─systemd-networkd-wait-online.service @800ms +1.503s');
  t.regex(r.stdout, /latest-finishing predecessor/);
  // What bootlens printed parses back with the paste grammar.
  t.deepEqual(parseCriticalChain(r.stdout.split('\n\n# ')[0]!).errors, []);
  const missing = await cli(['critical-chain', SAMPLE.pathname, 'nope.service']);
  t.is(missing.code, 1);
  t.regex(missing.stderr, /never shows nope\.service/);
});
