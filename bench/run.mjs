// `pnpm bench` (issue 9): generates large synthetic journals into bench/out/ and measures
// `bootlens analyze --format json` end to end on each, beside wc -l, jq, lnav and a plain Node loop.
// Writes bench/results.json. Plain Node ESM; runs the built CLI (run `pnpm build` first: `tsc -b` and the bundle).
//
//   node bench/run.mjs [--entries 1000000] [--small 250000] [--runs 3] [--bin packages/cli/bin/bootlens.js]
//                      [--label after] [--modes json,export] [--no-tools] [--no-write]
//                      [--densities 30,100] [--dense-only]
// With --modes, the rows of the other modes already in results.json under that label are kept.
// Dense journals (issue 16): the same month with 30 % and 100 % of entries events (a broken node:
// kubelet's x509 error relayed by k0s, DHCP renewals, a flapping link, cron sessions). Each mode's
// row gains `dense`: bootlens on the sparse and the dense journals in turn, round by round (the
// ratio within a round is what a loaded machine leaves comparable), peak RSS and report size.
// --dense-only skips the sparse row's tools and small journal; the dense rows run the mode's tool
// (lnav, jq) on the same files in the same rounds unless --no-tools.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { generate } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const out = join(here, 'out');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? dflt : args[i + 1];
};
const ENTRIES = Number(opt('entries', 1_000_000));
const SMALL = Number(opt('small', 250_000));
const RUNS = Number(opt('runs', 3));
const BIN = resolve(root, opt('bin', 'packages/cli/bin/bootlens.js'));
const LABEL = opt('label', 'current');
const TOOLS = !args.includes('--no-tools');
const WRITE = !args.includes('--no-write');
const ALL_MODES = ['short-iso-precise', 'json', 'export'];
// Issue 17: the export journal made into binary journal files (compact, zstd) by systemd-journal-remote,
// timed beside `journalctl -D DIR -o export > /dev/null`. systemd 252's journal-remote rotates its output
// at ~124k of these entries (the data hash table of a file it sizes for 128 MiB fills; it has no
// MaxFileSize/SplitMode setting against that), so 1,000,000 entries are a directory of nine files,
// as /var/log/journal/<machine-id>/ is: both tools merge them.
const REMOTE = '/lib/systemd/systemd-journal-remote';
if (existsSync(REMOTE)) ALL_MODES.push('journal');
const MODES = opt('modes', ALL_MODES.join(',')).split(',');
const DENSITIES = opt('densities', '30,100').split(',').filter((d) => d !== '' && d !== '0').map(Number);
const DENSE_ONLY = args.includes('--dense-only');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

mkdirSync(out, { recursive: true });

/** Generates the journals of `count` entries unless bench/out already holds these exact ones. */
function journals(count, eventsPct = 0) {
  const prefix = join(out, eventsPct === 0 ? `journal-${count}` : `journal-${count}-events${eventsPct}`);
  const gen = readFileSync(join(here, 'generate.mjs'));
  const stamp = createHash('sha256').update(gen).update(String(count)).update(eventsPct === 0 ? '' : `:${eventsPct}`).digest('hex').slice(0, 16);
  const stampFile = `${prefix}.stamp`;
  const TEXT = ALL_MODES.filter((m) => m !== 'journal');
  if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp || TEXT.some((m) => !existsSync(`${prefix}.${m}`))) {
    const t = performance.now();
    process.stderr.write(`generating ${count} entries into ${prefix}.* … `);
    generate(prefix, count, eventsPct === 0 ? {} : { events: eventsPct / 100 });
    rmSync(`${prefix}.journal`, { force: true, recursive: true });
    writeFileSync(stampFile, stamp);
    process.stderr.write(`${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  // A directory (`journal` = `${prefix}.journal/`), finished when its stamp is written.
  if (ALL_MODES.includes('journal') && !existsSync(`${prefix}.journal/.done`)) {
    const t = performance.now();
    process.stderr.write(`systemd-journal-remote: ${prefix}.export -> ${prefix}.journal/ (compact, zstd) … `);
    rmSync(`${prefix}.journal`, { force: true, recursive: true });
    mkdirSync(`${prefix}.journal`);
    const r = spawnSync(REMOTE, ['-o', `${prefix}.journal/remote.journal`, `${prefix}.export`],
      { env: { ...process.env, SYSTEMD_JOURNAL_COMPACT: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`systemd-journal-remote failed: ${r.stderr}`);
    writeFileSync(`${prefix}.journal/.done`, '');
    process.stderr.write(`${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  return Object.fromEntries(ALL_MODES.map((m) => [m, `${prefix}.${m}`]));
}

/** Runs a command once: wall seconds and peak RSS (KiB, from /usr/bin/time -v), stdout to a file. */
function runOnce(cmd, argv, stdoutFile, env) {
  const fd = openSync(stdoutFile, 'w');
  const full = TIME ? [TIME, ['-v', cmd, ...argv]] : [cmd, argv];
  const t = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { stdio: ['ignore', fd, 'pipe'], env: env ?? process.env, maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  closeSync(fd);
  const stderr = r.stderr?.toString() ?? '';
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  // CPU time (user + system), which a busy machine inflates far less than wall time.
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  const cpu = user && sys ? Number(user[1]) + Number(sys[1]) : null;
  const status = TIME ? Number(/Exit status: (\d+)/.exec(stderr)?.[1] ?? r.status) : r.status;
  return { seconds, cpu, rssKiB: rss ? Number(rss[1]) : null, status, stderr };
}

/** Bytes of a file, or of the files directly in a directory (a journal directory). */
function sizeOf(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((n, name) => n + statSync(join(path, name)).size, 0);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median of RUNS runs; `ok(status)` says which exit codes are success. */
function measure(name, cmd, argv, file, options = {}) {
  return measureSideBySide([{ name, cmd, argv, file, ...options }])[0];
}

/**
 * Runs each command once per round, RUNS rounds, in turn (bootlens, then each tool, then again,
 * each round starting one command later), so that a slow spell of this shared machine falls on all
 * of them alike; medians per command. `ok(status)` says which exit codes are success.
 */
function measureSideBySide(commands, { warm = false } = {}) {
  const results = commands.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    // Each round starts with the next command, so none always runs first (after a tool's cache effects).
    for (let j = 0; j < commands.length; j++) {
      const k = (i + j) % commands.length;
      const { name, cmd, argv, ok = (s) => s === 0, env } = commands[k];
      // The file read once just before (not timed), so that every command starts from the page cache.
      if (warm) readOnce(commands[k].file);
      const r = runOnce(cmd, argv, commands[k].stdout ?? stdoutFileOf(name), env);
      if (!ok(r.status)) throw new Error(`${name}: exit ${r.status}\n${r.stderr.slice(-2000)}`);
      results[k].push(r);
    }
  }
  return commands.map(({ name, file }, k) => {
    const rs = results[k];
    const bytes = sizeOf(file);
    const seconds = median(rs.map((r) => r.seconds));
    const rss = rs.every((r) => r.rssKiB !== null) ? median(rs.map((r) => r.rssKiB)) : null;
    const cpu = rs.every((r) => r.cpu !== null) ? median(rs.map((r) => r.cpu)) : null;
    return { seconds, cpuSeconds: cpu, cpuRuns: rs.map((r) => r.cpu), mbPerS: bytes / 1e6 / seconds, rssMiB: rss === null ? null : rss / 1024, bytes, stdoutFile: stdoutFileOf(name), runs: rs.map((r) => r.seconds) };
  });
}

/** Reads a file through once (a journal directory: each of its files), 1 MiB at a time. */
function readOnce(path) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path)) readOnce(join(path, name));
    return;
  }
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, 'r');
  try {
    while (readSync(fd, buf, 0, buf.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}

/** A tool's time over bootlens's in each round (runs of one round share an index). */
const roundRatios = (tool, bootlens) => tool.runs.map((seconds, i) => seconds / bootlens.runs[i]);

const stdoutFileOf = (name) => join(out, `${name.replace(/[^\w.-]+/g, '_')}.out`);

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

// A plain Node loop: readline, then a regex (short, export) or JSON.parse (json) per line.
const NODE_LOOP = `
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
const [file, mode] = process.argv.slice(2);
const rl = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
let n = 0, hits = 0;
const re = /DHCPv4 address/;
for await (const line of rl) {
  n++;
  if (mode === 'json') { const o = JSON.parse(line); if (typeof o.MESSAGE === 'string' && re.test(o.MESSAGE)) hits++; }
  else if (re.test(line)) hits++;
}
console.log(n, hits);
`;

const machine = {
  nproc: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};

/** The report's numbers a row keeps: counts, not the report. */
function reportSummary(stdoutFile) {
  const report = JSON.parse(readFileSync(stdoutFile, 'utf8'));
  const omitted = report.boots.reduce((n, b) => n + (b.eventsOmitted?.events ?? 0), 0);
  // A journal directory is one input per file: their counts summed.
  const sum = (k) => report.inputs.reduce((n, input) => n + (input[k] ?? 0), 0);
  const counts = report.inputs.length > 1 ? { files: report.inputs.length, lines: sum('lines'), parsed: sum('parsed'), entries: sum('entries'), skipped: sum('skipped') } : {};
  return { ...report.inputs[0], path: undefined, ...counts, diagnostics: report.diagnostics.length, boots: report.boots.length,
    events: report.boots.reduce((n, b) => n + b.events.length, 0), eventsOmitted: omitted,
    occurrences: report.boots.reduce((n, b) => n + b.events.reduce((k, e) => k + (e.run?.count ?? 1), 0) + (b.eventsOmitted?.occurrences ?? 0), 0),
    findings: report.boots.reduce((n, b) => n + b.findings.length, 0), rules: [...new Set(report.boots.flatMap((b) => b.findings.map((f) => f.rule)))].sort(),
    reportBytes: statSync(stdoutFile).size };
}

/** The tool a reader compares bootlens with on this mode's files (lnav on short-iso-precise, jq on json), or null. */
function toolFor(mode, file, suffix) {
  if (mode === 'json' && have('jq')) {
    return { tool: 'jq', name: `jq${suffix}`, cmd: 'jq', argv: ['-c', 'select(.MESSAGE|test("DHCPv4 address"))', file], file };
  }
  if (mode === 'short-iso-precise' && have('lnav')) {
    const home = join(out, 'lnav-home');
    mkdirSync(home, { recursive: true });
    return { tool: 'lnav', name: `lnav${suffix}`, cmd: 'lnav', argv: ['-n', '-c', ';SELECT count(*) FROM all_logs WHERE log_body LIKE "%DHCPv4 address%"', file], file,
      env: { ...process.env, HOME: home } };
  }
  return null;
}

/**
 * bootlens on the sparse journal and on each dense one, in turn, round by round: per density the
 * median time, peak RSS, report size, and the median within-round ratio of entries/s to sparse.
 * With tools (not --no-tools), the mode's tool (lnav, jq) runs on the same files in the same rounds,
 * each file read once before each timed run; per file its median time and the median within-round
 * ratio of its time to bootlens's on that file.
 */
function denseRows(mode, sparseFile, dense, analyzeArgs, analyzeOk) {
  const commands = [{ name: `bootlens-pair-${mode}`, cmd: process.execPath, argv: analyzeArgs(sparseFile), file: sparseFile, ok: analyzeOk }];
  for (const pct of DENSITIES) {
    commands.push({ name: `bootlens-${mode}-events${pct}`, cmd: process.execPath, argv: analyzeArgs(dense[pct][mode]), file: dense[pct][mode], ok: analyzeOk, pct });
  }
  const bootlensCount = commands.length;
  // Tools on the same files, in the same order: the tool of command k is command bootlensCount + k.
  const tools = TOOLS ? commands.map((c, k) => toolFor(mode, c.file, k === 0 ? `-${mode}-sparse` : `-${mode}-events${c.pct}`)) : [];
  const withTools = tools.length > 0 && tools.every((t) => t !== null);
  if (withTools) commands.push(...tools);
  const measured = measureSideBySide(commands, { warm: withTools });
  const toolRow = (k) => {
    if (!withTools) return undefined;
    const t = measured[bootlensCount + k];
    return { tool: commands[bootlensCount + k].tool, seconds: t.seconds, cpuSeconds: t.cpuSeconds, mbPerS: t.mbPerS, rssMiB: t.rssMiB, runs: t.runs,
      pairedRatio: median(roundRatios(t, measured[k])) };
  };
  const [sparse, ...rest] = measured.slice(0, bootlensCount);
  return rest.map((d, k) => ({
    eventsPct: commands[k + 1].pct, bytes: d.bytes, seconds: d.seconds, mbPerS: d.mbPerS, entriesPerS: ENTRIES / d.seconds, rssMiB: d.rssMiB, runs: d.runs,
    sparseRuns: sparse.runs, cpuSeconds: d.cpuSeconds, sparseSeconds: sparse.seconds, sparseCpuSeconds: sparse.cpuSeconds,
    // Same number of entries: entries/s relative to sparse is the sparse time over the dense time, per round.
    entriesPerSVsSparse: median(sparse.runs.map((s, i) => s / d.runs[i])),
    mbPerSVsSparse: median(sparse.runs.map((s, i) => (d.bytes / d.runs[i]) / (sparse.bytes / s))),
    report: reportSummary(d.stdoutFile),
    ...(withTools ? { tool: toolRow(k + 1), sparseTool: toolRow(0) } : {}),
  }));
}

function bench() {
  const started = performance.now();
  const big = journals(ENTRIES);
  const dense = Object.fromEntries(DENSITIES.map((pct) => [pct, journals(ENTRIES, pct)]));
  const small = !DENSE_ONLY && SMALL > 0 && SMALL !== ENTRIES ? journals(SMALL) : null;
  const loopFile = join(out, 'node-loop.mjs');
  writeFileSync(loopFile, NODE_LOOP);
  // The bin as a user runs it, without node flags: a V8 flag changes V8's flag hash, and the bundle's
  // code cache (bin/load-bundle.js) is then rejected. Until 2026-12-03 this passed
  // --max-old-space-size=4096 (from round 1, when a run's heap grew with the input): the bench
  // measured a start-up that compiled the whole bundle, ~0.07 s no user's run pays.
  const analyzeArgs = (file) => [BIN, 'analyze', '--format', 'json', file];
  // analyze exits 1 when a finding is an error (the synthetic races are): both are success here.
  const analyzeOk = (s) => s === 0 || s === 1;
  const rows = [];
  for (const mode of MODES) {
    const file = big[mode];
    const row = { mode, bytes: sizeOf(file), entries: ENTRIES, tools: {} };
    if (DENSE_ONLY) {
      if (mode !== 'journal') row.dense = denseRows(mode, file, dense, analyzeArgs, analyzeOk);
      rows.push(row);
      print([row]);
      continue;
    }
    // bootlens and the tools a reader compares it with, run in turn (measureSideBySide).
    const commands = [{ name: `bootlens-${mode}`, cmd: process.execPath, argv: analyzeArgs(file), file, ok: analyzeOk }];
    if (TOOLS && mode === 'journal') {
      if (have('journalctl')) {
        commands.push({ tool: 'journalctl -D DIR -o export', name: 'journalctl-export', cmd: 'journalctl', argv: ['-D', file, '-o', 'export', '--no-pager'], file, stdout: '/dev/null' });
      } else {
        row.tools.journalctl = 'not installed';
      }
    } else if (TOOLS) {
      commands.push({ tool: 'wc -l', name: `wc-${mode}`, cmd: 'wc', argv: ['-l', file], file });
      commands.push({ tool: 'node readline loop', name: `node-loop-${mode}`, cmd: process.execPath, argv: [loopFile, file, mode], file });
      if (mode === 'json') {
        if (have('jq')) commands.push({ tool: 'jq', name: 'jq', cmd: 'jq', argv: ['-c', 'select(.MESSAGE|test("DHCPv4 address"))', file], file });
        else row.tools.jq = 'not installed';
      }
      if (mode === 'short-iso-precise') {
        const home = join(out, 'lnav-home');
        mkdirSync(home, { recursive: true });
        if (have('lnav')) {
          commands.push({ tool: 'lnav', name: 'lnav', cmd: 'lnav', argv: ['-n', '-c', ';SELECT count(*) FROM all_logs WHERE log_body LIKE "%DHCPv4 address%"', file], file,
            env: { ...process.env, HOME: home } });
        } else {
          row.tools.lnav = 'not installed';
        }
      }
    }
    const [a, ...others] = measureSideBySide(commands);
    row.bootlens = { seconds: a.seconds, cpuSeconds: a.cpuSeconds, mbPerS: a.mbPerS, entriesPerS: ENTRIES / a.seconds, rssMiB: a.rssMiB, runs: a.runs, cpuRuns: a.cpuRuns };
    row.report = reportSummary(a.stdoutFile);
    others.forEach((t, k) => {
      // The ratio within each round (same spell of the machine), then its median.
      const pairedRatio = median(roundRatios(t, a));
      row.tools[commands[k + 1].tool] = { ...t, pairedRatio };
    });
    if (small) {
      const s = measure(`bootlens-small-${mode}`, process.execPath, analyzeArgs(small[mode]), small[mode], { ok: analyzeOk });
      row.small = { entries: SMALL, bytes: s.bytes, seconds: s.seconds, mbPerS: s.mbPerS, rssMiB: s.rssMiB };
    }
    if (TOOLS) {
      for (const [k, v] of Object.entries(row.tools)) {
        if (typeof v === 'object') row.tools[k] = { seconds: v.seconds, cpuSeconds: v.cpuSeconds, mbPerS: v.mbPerS, rssMiB: v.rssMiB, runs: v.runs, cpuRuns: v.cpuRuns, pairedRatio: v.pairedRatio };
      }
    }
    if (DENSITIES.length > 0 && mode !== 'journal') row.dense = denseRows(mode, file, dense, analyzeArgs, analyzeOk);
    rows.push(row);
    print([row]);
  }
  return { label: LABEL, date: new Date().toISOString(), machine, runsPerMeasurement: RUNS, totalSeconds: (performance.now() - started) / 1000, rows };
}

const fmt = (x, d = 1) => (x === null || x === undefined ? '–' : x.toFixed(d));

function printDense(row) {
  const dense = row.dense ?? [];
  if (dense.length > 0) console.log(`  ${'bootlens, sparse'.padEnd(22)} ${fmt(dense[0].sparseSeconds, 2).padStart(7)} (CPU ${fmt(dense[0].sparseCpuSeconds, 2)} s)`);
  if (dense[0]?.sparseTool) printDenseTool('sparse', dense[0].sparseTool);
  for (const d of dense) {
    console.log(`  ${`bootlens, ${d.eventsPct} % events`.padEnd(22)} ${fmt(d.seconds, 2).padStart(7)} ${fmt(d.mbPerS).padStart(8)} ${fmt(d.rssMiB).padStart(8)}  ` +
      `entries/s ${fmt(d.entriesPerSVsSparse, 2)}× sparse's, MB/s ${fmt(d.mbPerSVsSparse, 2)}× (round by round); CPU ${fmt(d.cpuSeconds, 2)} s; report ${fmt(d.report.reportBytes / 1e6, 2)} MB, ` +
      `${d.report.events} events kept, ${d.report.eventsOmitted} left out, ${d.report.occurrences} occurrences, findings ${d.report.rules.join(' ')}`);
    if (d.tool) printDenseTool(`${d.eventsPct} % events`, d.tool);
  }
}

function printDenseTool(what, t) {
  console.log(`  ${`${t.tool}, ${what}`.padEnd(22)} ${fmt(t.seconds, 2).padStart(7)} ${fmt(t.mbPerS).padStart(8)} ${fmt(t.rssMiB).padStart(8)}  ` +
    `bootlens is ${fmt(t.pairedRatio, 2)}× as fast (round by round: ${t.runs.map((s) => fmt(s, 2)).join(', ')} s)`);
}

function print(rows) {
  for (const row of rows) {
    if (!row.bootlens) {
      console.log(`\n${row.mode}: ${(row.bytes / 1e6).toFixed(0)} MB sparse, ${row.entries} entries`);
      printDense(row);
      continue;
    }
    const b = row.bootlens;
    console.log(`\n${row.mode}: ${(row.bytes / 1e6).toFixed(0)} MB, ${row.entries} entries`);
    console.log(`  ${'tool'.padEnd(22)} ${'s'.padStart(7)} ${'CPU s'.padStart(7)} ${'MB/s'.padStart(8)} ${'RSS MiB'.padStart(8)}  bootlens is`);
    console.log(`  ${'bootlens analyze'.padEnd(22)} ${fmt(b.seconds, 2).padStart(7)} ${fmt(b.cpuSeconds, 2).padStart(7)} ${fmt(b.mbPerS).padStart(8)} ${fmt(b.rssMiB).padStart(8)}  (${fmt(b.entriesPerS / 1000, 0)}k entries/s)`);
    if (row.small) {
      console.log(`  ${`  at ${row.small.entries / 1000}k entries`.padEnd(22)} ${fmt(row.small.seconds, 2).padStart(7)} ${fmt(row.small.mbPerS).padStart(8)} ${fmt(row.small.rssMiB).padStart(8)}`);
    }
    for (const [name, t] of Object.entries(row.tools)) {
      if (typeof t === 'string') console.log(`  ${name.padEnd(22)} ${t}`);
      else {
        const ratios = roundRatios(t, b);
        const paired = t.pairedRatio === undefined ? '' : ` (round by round: median ${fmt(t.pairedRatio, 2)}×, ${fmt(Math.min(...ratios), 2)}–${fmt(Math.max(...ratios), 2)}×)`;
        const cpu = t.cpuSeconds && b.cpuSeconds ? `; CPU ${fmt(t.cpuSeconds / b.cpuSeconds, 2)}×` : '';
        console.log(`  ${name.padEnd(22)} ${fmt(t.seconds, 2).padStart(7)} ${fmt(t.cpuSeconds, 2).padStart(7)} ${fmt(t.mbPerS).padStart(8)} ${fmt(t.rssMiB).padStart(8)}  ${fmt(t.seconds / b.seconds, 2)}× as fast${paired}${cpu}`);
      }
    }
    printDense(row);
  }
}

const result = bench();
console.log(`\n${machine.nproc} × ${machine.cpu}, Node ${machine.node}; median of ${RUNS} runs; ${result.totalSeconds.toFixed(0)} s in all`);
if (WRITE) {
  const file = join(here, 'results.json');
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const kept = (previous[LABEL]?.rows ?? []).filter((r) => !MODES.includes(r.mode));
  result.rows = ALL_MODES.map((m) => result.rows.find((r) => r.mode === m) ?? kept.find((r) => r.mode === m)).filter(Boolean);
  previous[LABEL] = result;
  writeFileSync(file, `${JSON.stringify(previous, null, 2)}\n`);
  console.log(`wrote ${file} (${LABEL})`);
}
