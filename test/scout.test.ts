import test from 'ava';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze } from '@bootlens/core';
import { RECOGNIZERS, lineScout, offers } from '@bootlens/core/internal';
import { createScout, FIELD, KIND, RECORD } from '../packages/core/src/parse/scout/scan.js';
import type { ScoutRequest } from '../packages/core/src/parse/scout/chunks.js';
import { readSyslogTail } from '../packages/core/src/parse/short-common.js';
import { isoMicros } from '../packages/core/src/parse/iso-micros.js';
import { isoStampFast } from '../packages/core/src/parse/short-iso.js';
import { readInput } from '../packages/core/src/parse/input.js';
import { TimelineBuilder } from '../packages/core/src/timeline/builder.js';
import { generate } from '../bench/generate.mjs';
import { runCli } from './helpers/cli.js';

// Issue 16: the scout (parse/scout/) reads large files ahead on a worker thread and works out each
// line's stamp, host, identifier, pid, message and needle sets. The main thread takes those numbers
// instead of working them out, so they must be exactly what the string readers give.

const SAMPLES = 'samples/journals';
const CORPUS = 'test/corpus';
const corpusFiles = readdirSync(CORPUS).filter((d) => statSync(join(CORPUS, d)).isDirectory())
  .flatMap((d) => readdirSync(join(CORPUS, d)).filter((f) => f.endsWith('.log')).map((f) => join(CORPUS, d, f)));
const shortFiles = readdirSync(SAMPLES).filter((f) => /\.short(-[a-z-]+)?$|\.with-unit$|\.log$/.test(f)).map((f) => join(SAMPLES, f));
const linesOf = (file: string) => readFileSync(file, 'latin1').split('\n');
const ISO = '2024-11-20T09:27:02.812345+0000 ';

const natives = { ascii: (b: Uint8Array) => isAscii(b), newline: (b: Uint8Array, from: number) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(0x0a, from) };

/** Runs `fn` with a new temporary directory, removed afterwards. */
async function inTempDir(prefix: string, fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The sets (bits, 0–31 and 32–63) of recognizers offered `identifier` with a needle in `message`: what the dispatch would choose among. */
function expectedSets(message: string, identifier: string): [number, number] {
  let low = 0;
  let high = 0;
  RECOGNIZERS.forEach((r, i) => {
    if (!offers(r, identifier) || !r.needles.some((n) => message.includes(n))) return;
    if (i < 32) low |= 1 << i;
    else high |= 1 << (i - 32);
  });
  return [low, high];
}

/** Scouts `lines` (joined by `\n`, in chunks of `perChunk` lines) and checks every record against the string readers. */
function checkLines(t: import('ava').ExecutionContext, lines: readonly string[], perChunk = 200): number {
  const scout = createScout(RECOGNIZERS, natives, isoMicros);
  const table = new Int32Array(perChunk * RECORD);
  const stamps = new Float64Array(perChunk);
  let read = 0;
  for (let c = 0; c < lines.length; c += perChunk) {
    const part = lines.slice(c, c + perChunk);
    const bytes = Buffer.from(`${part.join('\n')}\n`, 'latin1');
    const n = scout.chunk(bytes, table, stamps, perChunk);
    if (!isAscii(bytes)) {
      t.is(n, 0, 'a chunk that is not all ASCII is left alone');
      continue;
    }
    t.is(n, part.length);
    let start = 0;
    let before: { host: string | null; identifier: string } | null = null;
    for (let i = 0; i < n; i++) {
      const r = i * RECORD;
      const newline = table[r + FIELD.newline]!;
      t.is(bytes[newline], 0x0a);
      const line = bytes.toString('latin1', start, newline).replace(/\r$/, '');
      t.is(line, part[i]!.replace(/\r$/, ''));
      start = newline + 1;
      const kind = table[r + FIELD.kind]!;
      const stamp = isoStampFast(line);
      const tail = stamp === null ? null : readSyslogTail(line, stamp.end);
      // A pid of more than nine digits does not fit the table: the line is left to the reader.
      const fits = tail !== null && (tail.pid === null || tail.pid <= 999_999_999);
      t.is((kind & KIND.syslog) !== 0, fits, JSON.stringify(line));
      if (!fits) {
        before = null;
        continue;
      }
      read++;
      const stampEnd = table[r + FIELD.stampEnd]!;
      const identifierAt = table[r + FIELD.identifierAt]!;
      t.is(stamps[i], stamp!.times.realtimeUs!, line);
      t.is(stampEnd, stamp!.end, line);
      t.is(identifierAt > stampEnd ? line.slice(stampEnd, identifierAt - 1) : null, tail!.hostname, line);
      t.is(line.slice(identifierAt, table[r + FIELD.identifierEnd]!), tail!.identifier, line);
      t.is(table[r + FIELD.pid]! < 0 ? null : table[r + FIELD.pid], tail!.pid, line);
      t.is(table[r + FIELD.messageAt]!, tail!.messageColumn, line);
      t.is((kind & KIND.sameHost) !== 0, before !== null && tail!.hostname !== null && before.host === tail!.hostname, line);
      t.is((kind & KIND.sameIdentifier) !== 0, before !== null && before.identifier === tail!.identifier, line);
      t.not(kind & KIND.sets, 0);
      t.deepEqual([table[r + FIELD.setsLow], table[r + FIELD.setsHigh]], expectedSets(tail!.message, tail!.identifier), line);
      before = { host: tail!.hostname, identifier: tail!.identifier };
    }
  }
  return read;
}

test('the scout reads every line of the samples and the corpus as isoFast and readSyslogTail do, and finds the needle sets the dispatch looks for', (t) => {
  const lines = [...shortFiles, ...corpusFiles].flatMap(linesOf).filter((l) => l.length > 0);
  t.true(lines.length > 10_000);
  // Every ISO sample line read, so the checks above ran on thousands of lines.
  t.true(checkLines(t, lines) > 3_000);
});

test('the scout reads odd stamps and tails, needles at the edges of messages, and CRLF lines as the string readers do', (t) => {
  const tails = ['host ident[12]: m', 'host ident[12]:', 'host ident: ', 'host ident:', 'host ident:x', 'host ident[]: m', 'ident[5]: msg',
    'kernel: msg', 'host kernel: [    0.1] x: y', 'host a b c[7]: m', 'host  ident: m', 'host\tident: m', 'host [ident]: m', 'host :x: m',
    'host ident[123456789012345678901]: m', 'host ident[1234567890]: m', 'host ident[999999999]: m', 'host ident[007]: m', 'host', '', ':', 'a:', 'host a[1]'];
  const stamps = [ISO, '2024-11-20T09:27:02+0000 ', '2024-11-20T09:27:02.8+0100 ', '2024-11-20T09:27:02.1234567+0000 ', '2024-11-20T09:27:02.+0000 ',
    '2024-11-20T09:27:02,812345+0000 ', '2024-11-20 09:27:02+0000 ', '2024-11-20T09:27:02+00:00 ', '2024-11-20T09:27:02Z ', '2024-13-20T09:27:02+0000 ',
    '2024-11-20T09:27:02+0000', '2024-11-20T09:27:02.812345-0530 ', '2024-11-2OT09:27:02+0000 '];
  const lines = stamps.flatMap((s) => tails.map((x) => `${s}${x}`));
  // Each needle alone, cut short, at the start and at the end of a message, for identifiers that name recognizers and one that names none.
  for (const id of ['k0s', 'systemd', 'systemd-networkd', 'kernel', 'NetworkManager', 'other']) {
    for (const n of RECOGNIZERS.flatMap((r) => r.needles)) {
      lines.push(`${ISO}h ${id}[1]: ${n}`, `${ISO}h ${id}: x${n}`, `${ISO}h ${id}: ${n.slice(0, -1)}`, `${ISO}h ${id}: ${n}${n.slice(1)}`);
    }
  }
  lines.push(...lines.slice(0, 50).map((l) => `${l}\r`), ...lines.slice(0, 20).map((l) => `${l}\r\r`));
  t.true(checkLines(t, lines) > 1_000);
  t.true(checkLines(t, lines, 7) > 1_000, 'small chunks: the host and identifier of the line before do not cross a chunk');
});

test('the scout agrees with the string readers on lines changed one character at a time', (t) => {
  const base = linesOf(join(SAMPLES, 'k0s-reboot-race.short-iso-precise')).filter((l) => l.length > 0).slice(0, 40);
  t.true(base.length > 10);
  const lines: string[] = [];
  for (const line of base) {
    for (let i = 0; i < Math.min(line.length, 70); i++) {
      for (const c of ['0', '9', ' ', ':', '[', ']', '.', '-', '+', 'T', 'x', '\t']) lines.push(line.slice(0, i) + c + line.slice(i + 1));
    }
  }
  t.true(checkLines(t, lines) > 10_000);
  fc.assert(fc.property(
    fc.array(fc.constantFrom('h', 'x', '1', '0', ' ', '[', ']', ':', '\t', '.', '-', '+'), { maxLength: 24 }).map((a) => a.join('')),
    (tail) => {
      checkLines(t, [`${ISO}${tail}`, `2024-11-20T09:27:02+0000 ${tail}`]);
    },
  ), { numRuns: 3_000 });
});

test('a chunk that is not all ASCII gets no table', (t) => {
  const scout = createScout(RECOGNIZERS, natives, isoMicros);
  const table = new Int32Array(10 * RECORD);
  t.is(scout.chunk(Buffer.from(`${ISO}host systemd[1]: Started x.\n${ISO}host systemd[1]: é\n`, 'utf8'), table, new Float64Array(10), 10), 0);
  t.is(scout.chunk(Buffer.from(`${ISO}host systemd[1]: Started x.\n`, 'utf8'), table, new Float64Array(10), 10), 1);
});

/** The boots of `path` read with the scout asked as `scout` (or without one). */
async function bootsOf(path: string, scout?: Omit<ScoutRequest, 'sets'>) {
  const builder = new TimelineBuilder();
  try {
    await readInput({ path }, builder.sinkFor(0), scout ? { scout: { ...builder.scoutRequest, ...scout } } : {});
  } catch (e) {
    return `refused: ${(e as Error).message}`;
  }
  return builder.boots();
}

/**
 * Lines that open an input: the region driver holds the first 2,000 lines while it decides the
 * format and hands them on later, without the scout's numbers; what follows them is read from the
 * scout's tables.
 */
const opening = (stamp: string) => Array.from({ length: 2_100 }, (_, i) => `${stamp} filler systemd[1]: Started session-${i}.scope - Session ${i} of User core.\n`).join('');

test.serial('files read with the scout give the entries and boots they give without it: every ISO sample and corpus excerpt, in small chunks', async (t) => {
  await inTempDir('bootlens-scout-', async (dir) => {
    const iso = [...readdirSync(SAMPLES).filter((f) => /\.short-iso(-precise)?$/.test(f)).map((f) => join(SAMPLES, f)),
      ...corpusFiles.filter((f) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d{4} /m.test(readFileSync(f, 'latin1')))];
    t.true(iso.length > 20);
    const stats = { scouted: 0, readHere: 0, stopped: 0 };
    const taken = lineScout.taken;
    for (const file of iso) {
      const content = readFileSync(file, 'latin1');
      const first = /^(\d{4}-\S+) /m.exec(content)![1]!;
      const path = join(dir, file.replaceAll('/', '_'));
      writeFileSync(path, opening(first) + content, 'latin1');
      // 4 KiB chunks: lines cross a chunk's end every few dozen lines.
      t.deepEqual(await entriesOf(path, { minBytes: 0, chunkBytes: 4096, workerOnly: true, stats }), await entriesOf(path), file);
    }
    t.is(stats.readHere, 0);
    t.true(lineScout.taken - taken > iso.length * 100, 'the readers took lines from the scout\'s tables');
  });
});

test.serial('files read with the scout as they are (mostly held by the look-ahead) give the boots they give without it: every sample, in every format, gzip and binary too', async (t) => {
  const files = readdirSync(SAMPLES).filter((f) => !/\.(yaml|mjs|sh|md|txt|sources)$/.test(f)).map((f) => join(SAMPLES, f));
  t.true(files.length > 200);
  const stats = { scouted: 0, readHere: 0, stopped: 0 };
  for (const file of files) t.deepEqual(await bootsOf(file, { minBytes: 0, chunkBytes: 512, workerOnly: true, stats }), await bootsOf(file), file);
  t.is(stats.readHere, 0);
  t.true(stats.scouted > 500);
});

/** The entries (as JSON) and boots of `path` read with the scout as `scout`, or without one. */
async function entriesOf(path: string, scout?: Omit<ScoutRequest, 'sets'>) {
  const builder = new TimelineBuilder();
  const sink = builder.sinkFor(0);
  const entries: string[] = [];
  const result = await readInput({ path }, { ...sink, entry: (e) => { entries.push(JSON.stringify(e)); sink.entry(e); } },
    scout ? { scout: { ...builder.scoutRequest, ...scout } } : {});
  return { entries, boots: builder.boots(), summary: result.summary };
}

test.serial('the scout gives the entries the readers give when hosts change, lines carry escapes or level words, continue, end in CRLF, cross chunks, or are not ASCII', async (t) => {
  await inTempDir('bootlens-scout-', async (dir) => {
    const at = (s: number) => `2024-11-20T09:27:${String(s % 60).padStart(2, '0')}.${String(100000 + s).slice(-6)}+0000`;
    const lines: string[] = [];
    for (let i = 0; i < 2_000; i++) {
      const host = ['node-a', 'node-a', 'node-b', 'node-c'][i % 4]!;
      lines.push(`${at(i)} ${host} k0s[891]: time="2024-11-20 09:27:41" level=info msg="E1120 09:27:41.1 1158 reflector.go:158] x509: certificate is valid for 127.0.0.1, 10.96.0.1, not 192.168.2.10" component=kubelet`);
      // A host change on a line with an escape: it is read without the scout, and the next line may not take its host from the line before that.
      if (i % 7 === 0) lines.push(`${at(i)} node-z systemd[1]: \x1b[0;1;31mFailed\x1b[0m to start k0scontroller.service.`);
      if (i % 7 === 0) lines.push(`${at(i)} node-z systemd[1]: Started session-${i}.scope - Session ${i} of User core.`);
      // A level word before the identifier: the entry's identifier is the one after it, which other recognizers are offered.
      if (i % 5 === 0) lines.push(`${at(i)} node-a daemon.info systemd-networkd[561]: eth0: DHCPv4 address 192.168.2.10/24, gateway 192.168.2.1 acquired from 192.168.2.1`);
      if (i % 5 === 1) lines.push(`${at(i)} node-a err systemd-networkd[561]: eth0: Lost carrier`, '                                   a continuation line');
      if (i % 9 === 0) lines.push(`${at(i)} node-a kernel: [   12.345678] e1000e: eth0 NIC Link is Up 1000 Mbps Full Duplex\r`);
      if (i % 11 === 0) lines.push(`${at(i)} node-a systemd[1]: Reached target network-online.target - Network is Online.`, `-- Boot 0123456789abcdef0123456789abcdef --`);
      if (i === 200) lines.push(`${at(i)} node-a sshd[1209]: Accepted publickey for r\u00e9my from 10.0.0.1 port 22 ssh2`);
      if (i % 13 === 0) lines.push(`${at(i)} node-a k0s[891]: ${'x'.repeat(3000)}`);
    }
    const path = join(dir, 'crafted.short-iso-precise');
    writeFileSync(path, `${lines.join('\n')}\n`, 'utf8');
    const plain = await entriesOf(path);
    t.true(plain.entries.length > 500);
    t.true(plain.entries.some((e) => e.includes('"hostname":"node-z"')) && plain.entries.some((e) => e.includes('"identifier":"systemd-networkd"')));
    for (const chunkBytes of [300, 1024, 4096]) {
      const stats = { scouted: 0, readHere: 0, stopped: 0 };
      const taken = lineScout.taken;
      t.deepEqual(await entriesOf(path, { minBytes: 0, chunkBytes, workerOnly: true, stats }), plain, `chunks of ${chunkBytes}`);
      t.true(stats.scouted > 10);
      t.true(lineScout.taken - taken > 500, `the reader took lines from the scout's tables: ${lineScout.taken - taken} of ${plain.entries.length}`);
    }
  });
});

test.serial('the scout on the bench\'s dense journals: the same boots, and when its worker fails half-way, the main thread reads the rest', async (t) => {
  await inTempDir('bootlens-scout-', async (dir) => {
    for (const events of [0.3, 1]) {
      const prefix = join(dir, `j${events}`);
      generate(prefix, 20_000, { events, boots: 3 });
      const path = `${prefix}.short-iso-precise`;
      const plain = await bootsOf(path);
      const stats = { scouted: 0, readHere: 0, stopped: 0 };
      t.deepEqual(await bootsOf(path, { minBytes: 0, chunkBytes: 64 * 1024, workerOnly: true, stats }), plain);
      t.true(stats.scouted > 50);
      t.is(stats.readHere, 0);
      const failing = { scouted: 0, readHere: 0, stopped: 0 };
      t.deepEqual(await bootsOf(path, { minBytes: 0, chunkBytes: 64 * 1024, workerOnly: true, failAfter: 5, stats: failing }), plain);
      t.is(failing.scouted, 5);
      t.is(failing.stopped, 1, 'the rest was read without the worker');
      // A worker that is always behind (its core busy): the main thread reads past it, then stops it.
      const behind = { scouted: 0, readHere: 0, stopped: 0 };
      t.deepEqual(await bootsOf(path, { minBytes: 0, chunkBytes: 16 * 1024, delayMs: 30, stats: behind }), plain);
      t.is(behind.stopped, 1);
      t.true(behind.readHere >= 32, `${behind.readHere} chunks read by the main thread before the worker was stopped`);
    }
  });
});

test.serial('the worker is stopped once 8 MiB of a file in a format it does not read went by, and the rest is read without it', async (t) => {
  await inTempDir('bootlens-scout-', async (dir) => {
    const prefix = join(dir, 'j');
    generate(prefix, 20_000, { events: 0.3, boots: 2 });
    for (const [mode, stopped] of [['json', 1], ['export', 1], ['short-iso-precise', 0]] as const) {
      const path = `${prefix}.${mode}`;
      t.true(statSync(path).size > 8 * 1024 * 1024 || mode === 'short-iso-precise', mode);
      const stats = { scouted: 0, readHere: 0, stopped: 0 };
      t.deepEqual(await bootsOf(path, { minBytes: 0, chunkBytes: 64 * 1024, workerOnly: true, stats }), await bootsOf(path), mode);
      t.is(stats.stopped, stopped, mode);
      if (stopped === 1) t.is(stats.scouted, 128, `${mode}: 8 MiB in 64 KiB chunks, then the rest without the worker`);
    }
  });
});

test.serial('the CLI scouts a large file with the worker it bundles, and its report is the library\'s without a scout', async (t) => {
  await inTempDir('bootlens-scout-cli-', async (dir) => {
    const prefix = join(dir, 'big');
    generate(prefix, 40_000, { events: 0.3, boots: 2 });
    const path = `${prefix}.short-iso-precise`;
    // Past the size at which a file is scouted (SCOUT_MIN_BYTES, 8 MiB).
    writeFileSync(path, readFileSync(path, 'latin1').repeat(2), 'latin1');
    t.true(statSync(path).size > 8 * 1024 * 1024);
    // One run: the report on stdout, what the scout did on stderr.
    const cli = runCli(['analyze', '--format', 'json', path], undefined, { BOOTLENS_SCOUT_STATS: '1' });
    t.is(cli.status, 1, cli.stderr); // findings at error
    const report = JSON.parse(cli.stdout);
    const plain = await analyze([{ path, content: readFileSync(path) }]);
    t.deepEqual(report.boots, JSON.parse(JSON.stringify(plain.boots)));
    t.deepEqual(report.inputs, JSON.parse(JSON.stringify(plain.inputs)));
    const m = /scout: (\d+) chunks scouted, (\d+) read by the main thread, (\d+) worker errors/.exec(cli.stderr);
    t.truthy(m, cli.stderr);
    t.true(Number(m![1]) > 0, 'the worker scouted chunks the main thread took');
    t.is(Number(m![3]), 0);
  });
});
