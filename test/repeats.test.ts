import test, { type ExecutionContext } from 'ava';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze, type TimelineEvent } from '@bootlens/core';
import { RepeatMemo, repeatKey, touchesStamp } from '../packages/core/src/recognize/repeats.js';
import { NeedleDispatch } from '../packages/core/src/recognize/dispatch.js';
import { RECOGNIZERS } from '../packages/core/src/recognize/index.js';
import { eventBase } from '../packages/core/src/recognize/recognizer.js';
import type { JournalEntry } from '../packages/core/src/model/entry.js';
import { x509Finding } from '../packages/core/src/recognize/x509.js';
import { noteMessageSource } from '../packages/core/src/parse/message-source.js';
import { isoFromMicros } from '../packages/core/src/time.js';
import { foldKey, RunFolder, sameFact } from '../packages/core/src/timeline/fold.js';
import { TimelineBuilder } from '../packages/core/src/timeline/builder.js';
import { readInput } from '../packages/core/src/parse/input.js';
// @ts-expect-error: the bench's generator is plain JavaScript
import { generate } from '../bench/generate.mjs';

// Issue 16: repeats made cheap must find, fold and stamp exactly what the plain code did.

/** Fixed seed for every property here, as in test/robustness: CI runs the same cases every time. Override with FC_SEED to explore. */
const SEED = Number(process.env['FC_SEED'] ?? 20241120);

/** Every line of samples/journals and test/corpus (text files) with an x509 recognizer's needle. */
function x509Lines(): string[] {
  const lines: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith('.journal')) {
        for (const line of readFileSync(path, 'utf8').split('\n')) {
          if (/x509: certificate |cannot validate certificate for|does not match any of DNSNames/.test(line)) lines.push(line);
        }
      }
    }
  };
  walk('samples/journals');
  walk('test/corpus');
  return lines;
}

/** The message of a journal line (after `ident[pid]: `), JSON's MESSAGE, or the line itself. */
function messageOf(line: string): string {
  if (line.startsWith('{')) {
    try {
      const m = (JSON.parse(line) as Record<string, unknown>)['MESSAGE'];
      if (typeof m === 'string') return m;
    } catch {
      // not a json line
    }
  }
  const at = line.indexOf(']: ');
  return at === -1 ? line : line.slice(at + 3);
}

const LINES = x509Lines();
const MESSAGES = [...new Set(LINES.flatMap((l) => [l, messageOf(l)]))];

/** The message with other digits in its klog stamps and another logrus time value (what repeatKey cuts). */
function restamped(message: string, digit: (i: number) => string, time: string): string {
  let i = 0;
  return message
    .replace(/^time="[-0-9:.+TZ ]{0,40}"/, `time="${time}"`)
    .replace(/(^|msg=")([IWEF])\d{4} \d\d:\d\d:\d\d\.\d{6}/, (_m, before: string, level: string) =>
      `${before}${level}${'dddd dd:dd:dd.dddddd'.replace(/d/g, () => digit(i++))}`);
}

test('the corpus and samples have x509 lines of each shape repeatKey cuts', (t) => {
  const stamped = MESSAGES.filter((m) => repeatKey(m) !== m);
  t.true(MESSAGES.length > 300);
  t.true(stamped.some((m) => /^time="[^"]+" level=\w+ msg="[IWEF]\d{4} /.test(m)), 'k0s relaying klog through logrus');
  t.true(stamped.some((m) => /^[IWEF]\d{4} /.test(m)), 'klog lines of their own');
  t.true(stamped.some((m) => /^time="[^"]+" level=\w+ msg="[^IWEF]/.test(m)), 'logrus lines without klog');
});

test('messages that differ only in what repeatKey cuts have one key and the same x509 finding', (t) => {
  fc.assert(fc.property(
    fc.constantFrom(...MESSAGES),
    fc.array(fc.constantFrom(...'0123456789'), { minLength: 20, maxLength: 20 }),
    fc.constantFrom('', '2024-11-20 09:27:43', '2018-06-22T11:12:01Z', '2024-11-15T07:01:03.550907000+01:00', '9999'),
    (message, digits, time) => {
      const other = restamped(message, (i) => digits[i]!, time);
      if (repeatKey(message) !== message) t.is(repeatKey(other), repeatKey(message));
      if (repeatKey(other) === repeatKey(message)) t.deepEqual(x509Finding(other), x509Finding(message));
    },
  ), { seed: SEED, numRuns: 3000 });
  // A key is itself a message with the same finding.
  for (const m of MESSAGES) t.deepEqual(x509Finding(repeatKey(m)), x509Finding(m), m);
});

test('repeatKey leaves messages alone where the stamp is not where or what it expects', (t) => {
  for (const m of [
    'time="2024-11-20 09:27:43 x509: certificate is valid for a, not b"',
    'time=2024-11-20T09:27:43Z level=info msg="E1120 09:27:43.520035 1 x.go:1] x509: certificate signed by unknown authority"',
    ' E1120 09:27:43.520035 1 x.go:1] x509: certificate signed by unknown authority',
    'E1120 09:27:43.52003 1 x.go:1] x509: certificate signed by unknown authority',
    'X1120 09:27:43.520035 1 x.go:1] x509: certificate signed by unknown authority',
    '',
    'time="',
  ]) t.is(repeatKey(m), m);
  t.is(repeatKey('time="2024-11-20 09:27:43" level=info msg="E1120 09:27:43.520035    1 x.go:1] y"'),
    'time="" level=info msg="E0000 00:00:00.000000    1 x.go:1] y"');
  t.is(repeatKey('time="2024-11-20 09:27:43" level=info msg=E1120'), 'time="" level=info msg=E1120');
  t.is(repeatKey('W1120 09:27:43.520035    1 x.go:1] y'), 'W0000 00:00:00.000000    1 x.go:1] y');
});

test('RepeatMemo answers as a map by repeatKey would, for messages read whole or from their line', (t) => {
  fc.assert(fc.property(
    fc.array(fc.tuple(fc.nat(MESSAGES.length - 1), fc.array(fc.constantFrom(...'0123456789'), { minLength: 20, maxLength: 20 }), fc.nat(5), fc.boolean()),
      { maxLength: 60 }),
    fc.integer({ min: 1, max: 8 }),
    (steps, capacity) => {
      const memo = new RepeatMemo<string>(capacity);
      const model = new Map<string, string>();
      for (const [index, digits, pick, fromLine] of steps) {
        const message = restamped(MESSAGES[index % 12]!, (i) => digits[i]!, `2024-11-20 09:27:4${pick}`);
        const key = repeatKey(message);
        let got: string | undefined;
        if (fromLine) {
          // As a short-mode reader hands it on: sliced from its line, the line noted.
          const head = `2024-11-20T09:27:43.520114+0000 host k0s[${pick}]: `;
          const line = head + message;
          const sliced = line.slice(head.length);
          noteMessageSource(sliced, line, head.length);
          got = memo.get(sliced);
        } else {
          got = memo.get(message);
        }
        // Never another key's value; while no key was dropped, every key set is found.
        if (got !== undefined || model.size <= capacity) t.is(got, model.get(key));
        if (got === undefined) {
          memo.set(message, key);
          model.set(key, key);
        }
      }
    },
  ), { seed: SEED, numRuns: 300 });
});

/**
 * The message with characters put in place of its stamps' (a logrus time value's, a klog header's
 * digits), one for one: the length and everything else stay, so only the stamps tell shapes apart.
 */
function overwritten(message: string, time: readonly string[], klog: readonly string[]): string {
  const chars = message.split('');
  const value = /^time="([-0-9:.+TZ ]{0,40})"/.exec(message);
  if (value) for (let i = 0; i < value[1]!.length; i++) chars[6 + i] = time[i % time.length]!;
  const header = /(^|msg=")[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6}/.exec(message);
  if (header) {
    const at = header.index + header[1]!.length + 1;
    for (let i = 0, j = 0; i < 20; i++) if (/\d/.test(message[at + i]!)) chars[at + i] = klog[j++ % klog.length]!;
  }
  return chars.join('');
}

test('RepeatMemo tells stamps from other characters in their place: it answers as a map by repeatKey would', (t) => {
  // Same length, same tail and middle: a letter or a quote where a stamp's digit was makes another shape.
  // Four of each shape repeatKey cuts: a klog header first, logrus with one in `msg`, logrus without.
  const shapes = [/^[IWEF]\d{4} /, /^time="[^"]*" level=\w+ msg="[IWEF]\d{4} /, /^time="[^"]*" level=\w+ msg="[^IWEF]/]
    .map((shape) => MESSAGES.filter((m) => repeatKey(m) !== m && shape.test(m)).slice(0, 4));
  t.true(shapes.every((messages) => messages.length > 0));
  const stamped = shapes.flat();
  fc.assert(fc.property(
    fc.array(fc.tuple(fc.nat(stamped.length - 1), fc.array(fc.constantFrom(...'0123456789 :-x"'), { minLength: 1, maxLength: 40 }),
      fc.array(fc.constantFrom(...'0123456789x"'), { minLength: 1, maxLength: 20 })), { maxLength: 40 }),
    (steps) => {
      const memo = new RepeatMemo<string>(64); // more slots than steps: every key set is still there
      const model = new Map<string, string>();
      for (const [index, time, klog] of steps) {
        const message = overwritten(stamped[index]!, time, klog);
        const key = repeatKey(message);
        const got = memo.get(message);
        t.is(got, model.get(key), message);
        if (got === undefined) {
          memo.set(message, key);
          model.set(key, key);
        }
      }
    },
  ), { seed: SEED, numRuns: 300 });
});

// The dispatch keeps what it chose for a message shape (issue 16). That is sound only for needles that
// cannot reach into a piece repeatKey cuts: touchesStamp must find every such needle.

const STAMP_CHARS = '0123456789-:.+TZ ';
/** Characters needles and messages are drawn from: the stamps' own, quotes, `time=` and the klog levels, so overlaps are common. */
const MIXED = `${STAMP_CHARS}"time=IWEFlvxg]`;
const text = (chars: string, max: number) => fc.array(fc.constantFrom(...chars), { maxLength: max }).map((a) => a.join(''));
const digits20 = fc.array(fc.constantFrom(...'0123456789'), { minLength: 20, maxLength: 20 });
const klog = (level: string, d: readonly string[]) => `${level}${'dddd dd:dd:dd.dddddd'.replace(/d/g, (() => { let i = 0; return () => d[i++]!; })())}`;

/** A message of each shape repeatKey cuts, from its pieces: the stamp pieces and what is kept around them. */
const shaped = fc.record({
  shape: fc.constantFrom('logrus-klog', 'logrus', 'klog'),
  time: text(STAMP_CHARS, 40),
  level: fc.constantFrom(...'IWEF'),
  stamp: digits20,
  word: fc.constantFrom('info', 'error', 'x'),
  rest: text(MIXED, 30),
});
const messageOf2 = (m: { shape: string; time: string; level: string; stamp: readonly string[]; word: string; rest: string }) =>
  m.shape === 'klog' ? `${klog(m.level, m.stamp)}${m.rest}`
    : m.shape === 'logrus' ? `time="${m.time}"${m.rest}`
      : `time="${m.time}" level=${m.word} msg="${klog(m.level, m.stamp)}${m.rest}`;

test('a needle touchesStamp does not flag is in both or neither of two messages with one repeatKey', (t) => {
  let checked = 0;
  fc.assert(fc.property(text(MIXED, 12), shaped, text(STAMP_CHARS, 40), digits20, (needle, m, time, stamp) => {
    const a = messageOf2(m);
    const b = messageOf2({ ...m, time, stamp });
    t.is(repeatKey(a), repeatKey(b), JSON.stringify([a, b]));
    if (touchesStamp(needle)) return;
    checked++;
    t.is(a.includes(needle), b.includes(needle), JSON.stringify([needle, a, b]));
  }), { seed: SEED, numRuns: 20000 });
  t.true(checked > 5000);
  // Needles that do reach into a stamp, each way.
  for (const n of ['2024', 'time="2', '""', '=""', ':43"', 'E1120', '1 x.go', ':27:4', '.520114    1', ' ']) t.true(touchesStamp(n), n);
  for (const n of ['x509: certificate ', '"level":"error"', '"level": "error"', 'level=error', 'Started ', 'msg="x', '="', '" level', '']) t.false(touchesStamp(n), n);
});

test('no needle of the recognizers reaches into a stamp, so every scan keeps message shapes', (t) => {
  // A needle that did would not be wrong, only slower: that scan would scan every repeat again.
  t.deepEqual(RECOGNIZERS.flatMap((r) => r.needles).filter(touchesStamp), []);
});

test('the dispatch chooses for restamped repeats what it chose for the message, read whole or from its line', (t) => {
  const dispatch = new NeedleDispatch(RECOGNIZERS);
  const fresh = () => new NeedleDispatch(RECOGNIZERS);
  const ids = (rs: readonly { id: string }[]) => rs.map((r) => r.id);
  fc.assert(fc.property(fc.constantFrom(...MESSAGES), digits20, fc.constantFrom('', '2024-11-20 09:27:43', '9999'),
    fc.constantFrom(null, 'k0s', 'kubelet', 'systemd'), fc.boolean(), (message, d, time, identifier, fromLine) => {
      const other = restamped(message, (i) => d[i]!, time);
      for (const m of [message, other]) {
        let got;
        if (fromLine) {
          const head = '2024-11-20T09:27:43.520114+0000 host k0s[1]: ';
          const line = head + m;
          const sliced = line.slice(head.length);
          noteMessageSource(sliced, line, head.length);
          got = dispatch.select(sliced, identifier);
        } else {
          got = dispatch.select(m, identifier);
        }
        t.deepEqual(ids(got), ids(fresh().select(m, identifier)), JSON.stringify([identifier, m]));
      }
    }), { seed: SEED, numRuns: 2000 });
});

test('x509 builds its event with the fields eventBase gives, in its order, then its own', (t) => {
  const message = 'E1120 09:27:43.520114    1158 reflector.go:158] x509: certificate is valid for 127.0.0.1, 10.96.0.1, not 192.168.2.10';
  const entry: JournalEntry = {
    realtimeUs: 1732094863520114, monotonicUs: 41_600_000, bootId: null, hostname: 'node', identifier: 'kubelet', pid: 1158,
    unit: 'kubelet.service', priority: 3, message, fields: {}, source: { path: 'j.txt', line: 7 },
  };
  const events: TimelineEvent[] = [];
  RECOGNIZERS.find((r) => r.id === 'x509')!.recognize(entry, { emit: (e) => events.push(e), state: (_k, init) => init() });
  t.is(events.length, 1);
  const base = eventBase(entry);
  t.deepEqual(Object.keys(events[0]!).slice(0, 7), ['kind', ...Object.keys(base)]);
  t.like(events[0]!, { ...base, kind: 'tls-verify-failed', wanted: '192.168.2.10', validFor: ['127.0.0.1', '10.96.0.1'] });
});

/** What isoFromMicros returned before it formatted days once (issue 16). */
function isoReference(us: number): string {
  const ms = Math.floor(us / 1000);
  const micros = us - ms * 1000;
  return `${new Date(ms).toISOString().slice(0, 23)}${String(micros).padStart(3, '0')}Z`;
}

const outcome = (f: () => string) => {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as Error).name}`;
  }
};

test('isoFromMicros gives what toISOString gave, for any number', (t) => {
  const edges = [0, -1, 1, 999, 1000, -1000, 1.5, -0.5, 1732094822812345, 1732094822812345.7, 86_400e6 - 1, 86_400e6, -86_400e6 - 1,
    8.64e18, -8.64e18, 8.64e18 + 1e6, 253402300799999999, 253402300800000000, -62167219200000000, -62167219200000001, NaN, Infinity,
    -Infinity, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e300];
  for (const us of edges) t.is(outcome(() => isoFromMicros(us)), outcome(() => isoReference(us)), String(us));
  fc.assert(fc.property(fc.oneof(fc.integer({ min: -(2 ** 53), max: 2 ** 53 }), fc.double({ noNaN: false }), fc.integer({ min: 1.5e15, max: 1.9e15 })),
    (us) => t.is(outcome(() => isoFromMicros(us)), outcome(() => isoReference(us)))), { seed: SEED, numRuns: 20000 });
  // Across midnight and back, so that the day kept from the last call is stale.
  for (let us = 1732060800000000 - 3e9; us < 1732060800000000 + 3e9; us += 123_456_789) {
    t.is(isoFromMicros(us), isoReference(us));
    t.is(isoFromMicros(-us), isoReference(-us));
  }
});

/** Every event the samples give (the folder's input kinds among them). */
async function sampleEvents(): Promise<TimelineEvent[]> {
  const files = readdirSync('samples/journals').filter((f) => f.endsWith('.json'));
  const report = await analyze(files.map((f) => ({ path: `samples/journals/${f}`, content: readFileSync(`samples/journals/${f}`, 'utf8') })));
  return report.boots.flatMap((b) => b.events).map(({ run: _run, ...e }) => e as TimelineEvent);
}

test('sameFact only joins events whose fold keys are equal, and the folder folds as it did with keys alone', async (t) => {
  const events = await sampleEvents();
  t.true(events.length > 100);
  const folded = events.filter((e) => foldKey(e) !== null);
  let same = 0;
  for (const a of folded) {
    for (const b of folded) {
      if (!sameFact(a, b)) continue;
      same++;
      t.is(foldKey(a), foldKey(b));
    }
  }
  t.true(same > folded.length, 'some pairs are the same fact');
  // The same events, in an order with repeats interleaved, folded by this folder and by keys alone.
  fc.assert(fc.property(fc.array(fc.nat(events.length - 1), { maxLength: 300 }), fc.integer({ min: 1, max: 6 }), (picks, maxOpen) => {
    const input = picks.map((i, n) => ({ ...events[i]!, source: { ...events[i]!.source, line: n + 1 } }) as TimelineEvent);
    const folder = new RunFolder(50, maxOpen);
    for (const e of input) folder.add(structuredClone(e));
    t.deepEqual(summary(folder.events), summary(foldByKeys(input, 50, maxOpen)));
  }), { seed: SEED, numRuns: 300 });
});

const summary = (events: readonly TimelineEvent[]) => events.map((e) => [e.kind, e.source.line, e.run?.count ?? 1, e.run?.lastSource.line ?? null]);

/** RunFolder.add before the recent runs: by fold key only. */
function foldByKeys(input: readonly TimelineEvent[], maxEvents: number, maxOpen: number): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const open = new Map<string, TimelineEvent | null>();
  const closes = (e: TimelineEvent) => !['tls-verify-failed', 'dhcp-lease', 'link-up', 'link-down', 'unit-job', 'component-failure'].includes(e.kind);
  const remember = (key: string, run: TimelineEvent | null) => {
    if (open.size >= maxOpen) open.delete(open.keys().next().value!);
    open.set(key, run);
  };
  for (const original of input) {
    const e = structuredClone(original);
    const key = foldKey(e);
    if (key !== null) {
      const run = open.get(key);
      if (run === null) continue;
      if (run !== undefined) {
        run.run ??= { count: 1, lastMonotonicUs: run.monotonicUs, lastRealtime: run.realtime, lastSource: run.source, samples: [] };
        run.run.count++;
        run.run.lastSource = e.source;
        continue;
      }
    }
    if (closes(e)) open.clear();
    if (events.length >= maxEvents) {
      if (key !== null) remember(key, null);
      continue;
    }
    events.push(e);
    if (key !== null) remember(key, e);
  }
  return events;
}

// sameFact and foldKey are two statements of one fact; a field foldKey reads that sameFact does not
// compare folds different facts (a merge once left unit-job's `result` out of sameFact, and
// `Start request repeated too quickly` joined the `Failed with result 'exit-code'` run again).
test('sameFact tells apart every change of a field that foldKey reads, field by field', async (t) => {
  const base = (await sampleEvents()).filter((e) => foldKey(e) !== null);
  const kinds = new Set(base.map((e) => e.kind));
  t.true(kinds.has('unit-job') && kinds.has('tls-verify-failed'));
  // Fields the sample events lack but the kind has, so that they are varied too.
  const extra: Record<string, Record<string, unknown>> = { 'unit-job': { result: 'exit-code' }, 'link-up': { carrier: true } };
  let checked = 0;
  for (const e of base) {
    const a = { ...extra[e.kind], ...e } as Record<string, unknown>;
    for (const [field, value] of Object.entries(a)) {
      if (['source', 'message', 'monotonicUs', 'realtime', 'run', 'clockShiftUs'].includes(field)) continue;
      const changed = Array.isArray(value) ? [...value, 'x'] : typeof value === 'number' ? value + 1 : typeof value === 'boolean' ? !value : value === null ? 'x' : `${String(value)}x`;
      const b = { ...a, [field]: changed } as unknown as TimelineEvent;
      if (foldKey(a as unknown as TimelineEvent) === foldKey(b)) continue;
      checked++;
      t.false(sameFact(a as unknown as TimelineEvent, b), `${e.kind}.${field} changed: different fold keys, yet sameFact`);
    }
  }
  t.true(checked > 100);
});

// A repeat folded without recognizing (issue 16: timeline/builder.ts, `repeatsAlike`) must give the
// timeline that recognizing gives. `onEvent` turns that path off (every event is handed on), so the
// same input is read both ways and the boots compared.

let fastRepeats = 0;
const plainRepeat = RunFolder.prototype.repeat;
RunFolder.prototype.repeat = function (this: RunFolder, ...args: Parameters<RunFolder['repeat']>) {
  fastRepeats++;
  return plainRepeat.apply(this, args);
};

async function bootsOf(path: string, content: string, fast: boolean, maxEvents?: number) {
  const builder = new TimelineBuilder(RECOGNIZERS, maxEvents);
  if (!fast) builder.onEvent = () => {};
  try {
    await readInput({ path, content }, builder.sinkFor(0), {});
  } catch (e) {
    return `refused: ${(e as Error).message}`; // input that holds no log (a few corpus excerpts, on purpose)
  }
  return builder.boots();
}

async function sameBothWays(t: ExecutionContext, path: string, content: string, maxEvents?: number) {
  t.deepEqual(await bootsOf(path, content, true, maxEvents), await bootsOf(path, content, false, maxEvents), path);
}

test.serial('repeats folded without recognizing: the same boots, on every sample and corpus excerpt', async (t) => {
  const files = [
    ...readdirSync('samples/journals').filter((f) => /\.(short-iso-precise|json|short-monotonic)$/.test(f)).map((f) => join('samples/journals', f)),
    ...readdirSync('test/corpus').filter((d) => statSync(join('test/corpus', d)).isDirectory())
      .flatMap((d) => readdirSync(join('test/corpus', d)).filter((f) => f.endsWith('.log')).map((f) => join('test/corpus', d, f))),
  ];
  t.true(files.length > 300);
  const before = fastRepeats;
  for (const file of files) await sameBothWays(t, file, readFileSync(file, 'utf8'));
  t.true(fastRepeats > before, 'some repeats took the path');
});

test.serial('repeats folded without recognizing: the same boots on the bench\'s dense journals, at the event cap too', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bootlens-repeats-'));
  try {
    for (const events of [0.3, 1]) {
      const prefix = join(dir, `j${events}`);
      generate(prefix, 20_000, { events, boots: 3 });
      for (const mode of ['short-iso-precise', 'json']) {
        const content = readFileSync(`${prefix}.${mode}`, 'utf8');
        const before = fastRepeats;
        await sameBothWays(t, `${prefix}.${mode}`, content);
        t.true(fastRepeats - before > 1000, `${mode} ${events}`);
        await sameBothWays(t, `${prefix}.${mode}`, content, 40);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.serial('repeats folded without recognizing: the same boots for random mixes of repeats, boots, clock steps and other events', async (t) => {
  // json lines (boot ids and both clocks): x509 repeats of three shapes from two programs, lines that
  // open and close other runs, monotonic jumps (clock steps), new boots, and a second input path.
  const x509 = [
    (d: string) => `time="2024-11-20 09:27:41" level=info msg="W1120 09:27:41.${d}    1158 reflector.go:561] k8s.io/client-go/informers/factory.go:160: failed to list *v1.Node: Get \\"https://192.168.2.10:6443/api/v1/nodes?limit=500\\": tls: failed to verify certificate: x509: certificate is valid for 127.0.0.1, 10.96.0.1, not 192.168.2.10" component=kubelet`,
    (d: string) => `E1120 09:27:43.${d}    1158 reflector.go:158] "Unhandled Error" err="k8s.io/client-go/informers/factory.go:160: Failed to watch *v1.Service: failed to list *v1.Service: Get \\"https://192.168.2.10:6443/api/v1/services?limit=500\\": tls: failed to verify certificate: x509: certificate is valid for 127.0.0.1, 10.96.0.1, not 192.168.2.10"`,
    (d: string) => `E1120 09:27:44.${d}    1158 kubelet_node_status.go:92] "Unable to register node with API server" err="Post \\"https://192.168.2.10:6443/api/v1/nodes\\": tls: failed to verify certificate: x509: certificate is valid for 127.0.0.1, 10.96.0.1, not 192.168.2.11" node="k0s-ctrl-1"`,
  ];
  const others = [
    ['systemd-networkd', 'eth0: DHCPv4 address 192.168.2.10/24, gateway 192.168.2.1 acquired from 192.168.2.1'],
    ['systemd-networkd', 'eth0: Lost carrier'],
    ['systemd-networkd', 'eth0: Gained carrier'],
    ['systemd', 'Started k0scontroller.service - k0s - Zero Friction Kubernetes.'],
    ['systemd', 'Reached target network-online.target - Network is Online.'],
    ['sshd', 'Accepted publickey for backup from 10.3.117.41 port 58837 ssh2'],
  ] as const;
  const before = fastRepeats;
  // Mostly repeats, as on a broken node; the rest close runs, step the clock or start a boot.
  const step = fc.oneof(
    { arbitrary: fc.record({ x: fc.nat(2), id: fc.constantFrom('k0s', 'kubelet'), d: fc.integer({ min: 100000, max: 999999 }) }), weight: 12 },
    { arbitrary: fc.record({ other: fc.nat(others.length - 1) }), weight: 3 },
    { arbitrary: fc.record({ jump: fc.constantFrom(-3_600_000_000, 90_000_000, 7_200_000_000) }), weight: 1 },
    { arbitrary: fc.record({ boot: fc.constant(true) }), weight: 1 },
  );
  await fc.assert(fc.asyncProperty(fc.array(step, { maxLength: 80 }), fc.constantFrom(undefined, 3, 8), async (steps, maxEvents) => {
    let boot = 1;
    let mono = 5_000_000;
    let real = 1732094822000000;
    const lines: string[] = [];
    for (const s of steps) {
      if ('boot' in s) { boot++; mono = 5_000_000; continue; }
      if ('jump' in s) { real += s.jump; continue; }
      mono += 1_000_000;
      real += 1_000_000;
      const [identifier, message] = 'x' in s ? [s.id, x509[s.x]!(String(s.d))] : others[s.other]!;
      lines.push(JSON.stringify({ _BOOT_ID: `b${boot}`, __REALTIME_TIMESTAMP: String(real), __MONOTONIC_TIMESTAMP: String(mono), _HOSTNAME: 'n', SYSLOG_IDENTIFIER: identifier, MESSAGE: message }));
    }
    const content = `${lines.join('\n')}\n`;
    const fast = await bootsOf('mix.json', content, true, maxEvents);
    const slow = await bootsOf('mix.json', content, false, maxEvents);
    t.deepEqual(fast, slow);
  }), { seed: SEED, numRuns: 300 });
  // Runs close often here (and the caps of 3 and 8 events fill), so fewer repeats take the path than on a journal.
  t.true(fastRepeats - before > 20, 'repeats took the path');
});
