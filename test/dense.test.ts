import test from 'ava';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { analyze, type Boot, type Report, type TimelineEvent } from '@bootlens/core';
import { capBoots } from '../packages/core/src/report/cap.js';
import { parseLogrus } from '../packages/core/src/recognize/logrus.js';
import { RunFolder } from '../packages/core/src/timeline/fold.js';

// Issue 16: a month of a broken node. The k0s reboot race of samples/journals (rendered by
// journalctl 252, see samples/journals/README.md), then its failures repeating: kubelet's x509
// error relayed by k0s (line 128 of the sample, every 10 s), networkd renewing the lease (line
// 121), eth0 flapping (`Lost carrier` / `Gained carrier`, networkd's wording, line 69), and logind
// sessions started by cron, one new unit each: systemd 252's `Started %s - %s.` (src/core/job.c,
// StatusUnitFormat=combined) for logind's scope `Session %s of User %s` (src/login/logind-dbus.c).
// Generated here, in memory; nothing is committed.
const SAMPLE = 'samples/journals/k0s-reboot-race.short-iso-precise';
const sampleLines = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n');
const X509 = sampleLines[127]!;
const DHCP = sampleLines[120]!;
const GAINED = sampleLines[68]!;
const T0 = Date.parse('2024-11-20T09:27:43.520Z');

/** The sample line with its stamps moved to `ms` (journal prefix, logrus time, klog time). */
function at(line: string, ms: number): string {
  const iso = new Date(ms).toISOString();
  const stamp = `${iso.slice(0, 23)}114+0000`;
  return line
    .replace(/^\S+/, stamp)
    .replace(/time="[^"]+"/, `time="${iso.slice(0, 10)} ${iso.slice(11, 19)}"`)
    .replace(/E1120 \d\d:\d\d:\d\d\.\d+/, `E${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 23)}000`);
}

interface Dense {
  text: string;
  x509: number;
  dhcp: number;
  flaps: number;
  sessions: number;
}

/** `ticks` 10 s steps after the race: x509 each tick, a session every `sessionEvery`, DHCP every 180 (30 min), flapping in the first hour. */
function denseJournal(ticks: number, sessionEvery: number): Dense {
  const lines = [...sampleLines];
  const d = { x509: 0, dhcp: 0, flaps: 0, sessions: 0 };
  for (let i = 1; i <= ticks; i++) {
    const ms = T0 + i * 10_000;
    lines.push(at(X509, ms));
    d.x509++;
    if (i % 180 === 0) {
      lines.push(at(DHCP, ms + 1));
      d.dhcp++;
    }
    if (i <= 360) {
      lines.push(at(GAINED.replace('Gained carrier', 'Lost carrier'), ms + 2), at(GAINED, ms + 3));
      d.flaps++;
    }
    if (i % sessionEvery === 0) {
      d.sessions++;
      lines.push(`${at(X509, ms + 4).slice(0, 31)} k0s-ctrl-1 systemd[1]: Started session-${d.sessions}.scope - Session ${d.sessions} of User root.`);
    }
  }
  return { text: `${lines.join('\n')}\n`, ...d };
}

const run = (text: string, options = {}) => analyze([{ path: 'month.log', content: text }], options);
const occ = (e: TimelineEvent) => e.run?.count ?? 1;
const kindOf = (r: Report, kind: string) => r.boots[0]!.events.filter((e) => e.kind === kind);

test('interleaved repeats of several facts fold, each into one run with its first and last line', async (t) => {
  const dense = denseJournal(400, 1_000_000);
  const report = await run(dense.text);
  const tls = kindOf(report, 'tls-verify-failed');
  t.is(tls.length, 1, 'kubelet refusing the same certificate for 192.168.2.10 is one run');
  const [failure] = tls;
  t.is(occ(failure!), 9 + dense.x509, 'the nine lines of the sample fold with the month of repeats');
  t.is(failure!.source.line, 124);
  t.deepEqual(failure!.run!.samples.map((s) => s.line), [124, 125, 126]);
  const lines = dense.text.trimEnd().split('\n');
  const lastX509 = lines.findLastIndex((l) => l.includes('x509: certificate is valid for'));
  t.is(failure!.run!.lastSource.line, lastX509 + 1);
  t.is(failure!.run!.lastRealtime, new Date(T0 + 400 * 10_000).toISOString().slice(0, 19) + '.520114Z');

  // The lease renewed twice: one address and one lease event, three lines each, interleaved with the TLS run.
  const [lease] = kindOf(report, 'dhcp-lease');
  t.is(kindOf(report, 'dhcp-lease').length, 1);
  t.is(occ(lease!), 1 + dense.dhcp);
  t.is(lease!.run!.lastSource.line, lines.findLastIndex((l) => l.includes('DHCPv4 address')) + 1);
  // The link flapping for an hour: one run of `Lost carrier`, one of `Gained carrier` (after the sample's own).
  const down = kindOf(report, 'link-down').filter((e) => e.identifier === 'systemd-networkd');
  t.is(down.length, 1);
  t.is(occ(down[0]!), dense.flaps);
  // It ended up: the interface story says so.
  const eth0 = report.boots[0]!.interfaces.find((i) => i.name === 'eth0');
  t.is(eth0!.downAtUs, null);
});

test('a new fact a rule compares against closes open runs: repeats after it start a new run', (t) => {
  const folder = new RunFolder();
  const base = { monotonicUs: null, identifier: 'k0s', systemdUnit: null, message: 'x' };
  const tls = (line: number): TimelineEvent => ({
    kind: 'tls-verify-failed', ...base, realtime: `2024-11-20T09:27:${String(line).padStart(2, '0')}.000000Z`, source: { path: 'a', line },
    validFor: ['127.0.0.1'], wanted: '192.168.2.10', component: 'kubelet',
  });
  const lease = (line: number): TimelineEvent => ({
    kind: 'dhcp-lease', ...base, realtime: null, source: { path: 'a', line }, interface: 'eth0', address: '192.168.2.10', prefixLength: 24,
    family: 'ipv4', via: 'systemd-networkd', leaseSeconds: null, renewSeconds: null, server: null, gateway: null,
  });
  const signed: TimelineEvent = { kind: 'cert-issued', ...base, realtime: null, source: { path: 'a', line: 5 }, component: 'k0s' };
  for (const e of [tls(1), lease(2), tls(3), lease(4), signed, tls(6), tls(7)]) folder.add(e);
  t.deepEqual(folder.events.map((e) => [e.kind, e.source.line, occ(e), e.run?.lastSource.line ?? null]), [
    ['tls-verify-failed', 1, 2, 3],
    ['dhcp-lease', 2, 2, 4],
    ['cert-issued', 5, 1, null],
    ['tls-verify-failed', 6, 2, 7],
  ]);
});

test('the builder keeps at most its cap of events per boot and counts what it left out, repeats included', (t) => {
  const folder = new RunFolder(2);
  const base = { monotonicUs: null, realtime: null, identifier: 'systemd', systemdUnit: null, message: 'x' };
  const job = (line: number, unit: string): TimelineEvent => ({ kind: 'unit-job', ...base, source: { path: 'a', line }, unit, description: null, phase: 'started' });
  for (const [i, u] of ['a', 'b', 'c', 'd', 'c', 'a'].entries()) folder.add(job(i + 1, `${u}.service`));
  t.deepEqual(folder.events.map((e) => [e.unit, occ(e)]), [['a.service', 2], ['b.service', 1]]);
  t.deepEqual(folder.omitted.get('unit-job'), { events: 2, occurrences: 3 });
});

test('a month of repeats: the report stays under its cap, counts exactly what it left out, and still finds the race', async (t) => {
  t.timeout(5 * 60_000); // three analyses of 200k lines: about 20 s unloaded, a minute on a busy machine
  const dense = denseJournal(160_000, 4); // 160,000 x509 lines, 40,000 sessions, 888 renewals, an hour of flapping
  const plain = await analyze([SAMPLE], { maxEventsPerBoot: Number.POSITIVE_INFINITY });
  const whole = await run(dense.text, { maxEventsPerBoot: Number.POSITIVE_INFINITY });
  const capped = await run(dense.text);
  const all = whole.boots[0]!;
  const boot = capped.boots[0]!;
  t.is(capped.boots.length, 1);

  // The race is found as in the sample alone, citing the same lines; only the count of failures grew.
  const strip = (r: Report) => r.boots.flatMap((b) => b.findings).map((f) => ({ ...f, summary: '', remediation: '', details: { ...f.details, askedByClients: 0 } }));
  t.deepEqual(strip(capped), strip(plain).map((f) => ({ ...f, evidence: f.evidence.map((s) => ({ ...s, path: 'month.log' })) })));
  const race = boot.findings.find((f) => f.rule === 'cert-issued-before-address')!;
  t.is(race.severity, 'error');
  t.is(race.details['askedByClients'], 9 + dense.x509);

  // Every occurrence is accounted for: kept events and their runs plus what was left out.
  t.true(boot.events.length <= 500);
  t.true(all.events.length > 40_000);
  const o = boot.eventsOmitted!;
  t.is(boot.events.length + o.events, all.events.length);
  const lines = (events: TimelineEvent[]) => events.reduce((n, e) => n + occ(e), 0);
  t.is(lines(boot.events) + o.occurrences, lines(all.events));
  for (const kind of new Set(all.events.map((e) => e.kind))) {
    const had = all.events.filter((e) => e.kind === kind);
    const kept = boot.events.filter((e) => e.kind === kind);
    t.deepEqual(o.byKind[kind] ?? { events: 0, occurrences: 0 }, { events: had.length - kept.length, occurrences: lines(had) - lines(kept) }, kind);
  }
  t.is(lines(all.events.filter((e) => e.kind === 'unit-job' && e.unit?.startsWith('session-'))), dense.sessions);
  // What a finding cites is kept.
  const keptLines = new Set(boot.events.flatMap((e) => [e.source.line, ...(e.run?.samples.map((s) => s.line) ?? [])]));
  for (const f of boot.findings) for (const s of f.evidence) t.true(keptLines.has(s.line), `${f.rule} cites ${s.line}`);
  t.true(JSON.stringify(capped).length < 1_000_000, 'the JSON report stays small');
});

test('analyze --all-events writes every occurrence as JSON Lines while the report stays folded', async (t) => {
  const dense = denseJournal(2_000, 50);
  const dir = mkdtempSync(join(tmpdir(), 'bootlens-dense-'));
  try {
    const input = join(dir, 'month.log');
    writeFileSync(input, dense.text);
    const out = join(dir, 'all.jsonl');
    const result = runCli(['analyze', '--format', 'json', '--all-events', out, input]);
    t.is(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout) as Report;
    const rows = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as TimelineEvent & { boot: string });
    const boot = report.boots[0]!;
    const reported = boot.events.reduce((n, e) => n + occ(e), 0) + (boot.eventsOmitted?.occurrences ?? 0);
    t.is(rows.length, reported, 'one line per occurrence the report folded or left out');
    t.is(rows.filter((r) => r.kind === 'tls-verify-failed').length, 9 + dense.x509);
    t.true(rows.every((r) => r.run === undefined && r.boot === 'input0:0'));
    t.deepEqual(rows.filter((r) => r.kind === 'unit-job' && r.unit?.startsWith('session-')).map((r) => r.unit).slice(0, 2), ['session-1.scope', 'session-2.scope']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a report of many boots keeps its budget: the newest boot first, older ones what is left, cited events always', (t) => {
  const base = { monotonicUs: null, realtime: null, identifier: 'systemd', systemdUnit: null, message: 'x' };
  const boot = (index: number): Boot => ({
    index, bootId: null, hostname: null, timeBasis: 'input-order', firstRealtime: null, entries: 600, addresses: [], interfaces: [],
    events: Array.from({ length: 600 }, (_, i): TimelineEvent => ({ kind: 'unit-job', ...base, source: { path: `b${index}`, line: i + 1 }, unit: `u${i}.service`, description: null, phase: 'started' })),
    findings: [{ rule: 'r', severity: 'error', summary: '', details: {}, evidence: [{ path: `b${index}`, line: 600 }], remediation: '' }],
  });
  const boots = capBoots(Array.from({ length: 6 }, (_, i) => boot(i)), 500, 1200);
  t.deepEqual(boots.map((b) => b.events.length), [1, 1, 1, 200, 500, 500]);
  for (const b of boots) {
    t.is(b.events.at(-1)!.source.line, 600, 'the cited event is kept');
    t.is(b.events.length + b.eventsOmitted!.events, 600);
    t.deepEqual(b.eventsOmitted!.byKind['unit-job'], { events: 600 - b.events.length, occurrences: 600 - b.events.length });
  }
});

test('address lives past the first 1000 of a boot are counted, not listed', async (t) => {
  // networkd's DHCPv4 line (line 121 of the sample), a new address each time: 1,100 lives.
  const lines = Array.from({ length: 1100 }, (_, i) => at(DHCP.replace('192.168.2.10/24', `10.1.${i >> 8}.${i & 255}/16`), T0 + i * 1000));
  const report = await run(`${lines.join('\n')}\n`);
  const boot = report.boots[0]!;
  t.is(boot.addresses.length, 1000);
  t.is(boot.addressesOmitted, 100);
  t.is(boot.addresses[0]!.address, '10.1.0.0');
  t.is(boot.interfacesOmitted, undefined);
});

test('logrus values with a cut escape or an impossible code point never throw', (t) => {
  // A k0s line (as in the sample) whose quoted value ends in `\x` or holds `\U00110000`: the old parser threw RangeError.
  t.deepEqual(parseLogrus('time="2024-11-20 09:27:41" level=info msg="bad \\x" component=kubelet'), { time: '2024-11-20 09:27:41', level: 'info', msg: 'bad x', component: 'kubelet' });
  t.is(parseLogrus('level=info msg="\\U00110000 \\u00e9"')!['msg'], '\ufffd é');
  // A quoted key (slog), a value cut at the end of the line, an empty bare value.
  t.deepEqual(parseLogrus('"service name"=nginx level= msg="using api address: 172.23.18.11'), { 'service name': 'nginx', level: '', msg: 'using api address: 172.23.18.11' });
  t.is(parseLogrus('level=info msg="a" trailing'), null);
});
