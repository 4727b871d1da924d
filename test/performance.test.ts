import test from 'ava';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { RECOGNIZERS, offers, type JournalEntry, type Recognizer } from '@bootlens/core/internal';
import { NeedleDispatch, noteMessageSource } from '../packages/core/src/recognize/dispatch.js';
import { entryFromFields } from '../packages/core/src/parse/fields.js';
import { jsonFieldValue, readJsonEntry } from '../packages/core/src/parse/json.js';
import type { ReadSink } from '../packages/core/src/parse/reader.js';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { readInput } from '../packages/core/src/parse/input.js';
import { assertIgnores } from './helpers/recognize.js';
import { readSyslogTail, readSyslogTailReference } from '../packages/core/src/parse/short-common.js';
import { isoFromMatch, isoStampFast } from '../packages/core/src/parse/short-iso.js';
import { undecorate, undecorateReference } from '../packages/core/src/parse/decorations.js';

// Issue 9: the fast paths must choose and build exactly what the plain code did.

const SAMPLES = new URL('../samples/journals/', import.meta.url);
const jsonSamples = readdirSync(SAMPLES).filter((f) => f.endsWith('.json'));
const sampleLines = jsonSamples.flatMap((f) => readFileSync(new URL(f, SAMPLES), 'utf8').split('\n').filter((l) => l.trim() !== ''));

/**
 * What the builder did before the dispatch: every recognizer with a needle in the message, since
 * round 5 among those offered the identifier (every one without `identifiers`), since round 8 also
 * by `identifierPrefixes` (spelled out here, not with `offers`, so that the reference stays plain).
 */
const slow = (recognizers: readonly Recognizer[], message: string, identifier: string | null = null) => recognizers.filter((r) =>
  ((r.identifiers === undefined && r.identifierPrefixes === undefined) ||
    (identifier !== null && ((r.identifiers ?? []).includes(identifier) || (r.identifierPrefixes ?? []).some((p) => identifier.startsWith(p))))) &&
  r.needles.some((n) => message.includes(n)));
/** Every identifier a recognizer names, none, some no recognizer names (`constructor` is on every object's prototype), and prefixed ones. */
const PREFIXES = [...new Set(RECOGNIZERS.flatMap((r) => r.identifierPrefixes ?? []))];
const IDENTIFIERS = [null, ...new Set(RECOGNIZERS.flatMap((r) => r.identifiers ?? [])), 'kubelet', 'k0s', 'constructor', '__proto__', '',
  ...PREFIXES, ...PREFIXES.flatMap((p) => [`${p}eth0-start`, `${p}ens3.service`, `x${p}eth0-start`, p.slice(0, -1)])];

test('needle dispatch picks the same recognizers as one includes per needle, on every sample message', (t) => {
  const dispatch = new NeedleDispatch(RECOGNIZERS);
  const needles = RECOGNIZERS.flatMap((r) => r.needles);
  const messages = sampleLines.map((l) => String((JSON.parse(l) as Record<string, unknown>)['MESSAGE'] ?? ''));
  // Needles that overlap, contain each other, repeat, sit at the edges or are cut short.
  messages.push('', 'eth0: DHCPv4 address 10.0.0.2/24 from 10.0.0.1', 'Starting Started Stopping x...', 'bound to bind() to ');
  for (const n of needles) messages.push(n, `x${n}`, `${n}${n}`, n.slice(1), n.slice(0, -1), `${n.slice(0, -1)}${n}`);
  for (let i = 0; i + 1 < needles.length; i++) messages.push(`${needles[i]}${needles[i + 1]}`, `${needles[i]!.slice(-3)}${needles[i + 1]!.slice(0, 3)}`);
  for (const m of messages) {
    for (const id of IDENTIFIERS) t.deepEqual(dispatch.select(m, id).map((r) => r.id), slow(RECOGNIZERS, m, id).map((r) => r.id), JSON.stringify([id, m]));
  }
});

test('needle dispatch handles empty needles and recognizers without needles', (t) => {
  const mk = (id: string, needles: string[]): Recognizer => ({ id, needles, recognize() {} });
  const recognizers = [mk('a', ['ab', 'b']), mk('none', []), mk('all', ['']), mk('c', ['abc'])];
  const dispatch = new NeedleDispatch(recognizers);
  for (const m of ['', 'a', 'ab', 'abc', 'xbx', 'zzz']) t.deepEqual(dispatch.select(m, null).map((r) => r.id), slow(recognizers, m).map((r) => r.id), m);
});

test('json entries are built as entryFromFields builds them from every field', (t) => {
  const sink = (into: JournalEntry[]): ReadSink => ({
    entry: (e) => into.push(e), bootMarker() {}, skip() {}, note() {}, settle() {},
  });
  const extra = [
    '{"MESSAGE":[104,105],"_COMM":"x","SYSLOG_PID":"7","_SYSTEMD_USER_UNIT":"u.service","__CURSOR":"c","PRIORITY":"9"}',
    '{"__REALTIME_TIMESTAMP":"5","_SOURCE_REALTIME_TIMESTAMP":"4","MESSAGE":null,"_PID":["1","2"],"__proto__":"p","A":12}',
  ];
  for (const line of [...sampleLines, ...extra]) {
    const fast: JournalEntry[] = [];
    t.true(readJsonEntry(line, 3, 'p', sink(fast)));
    const fields: Record<string, string> = {};
    const object = JSON.parse(line) as Record<string, unknown>;
    for (const key in object) {
      const v = jsonFieldValue(object[key]);
      if (v !== undefined) fields[key] = v;
    }
    t.deepEqual(fast[0], entryFromFields(fields, { path: 'p', line: 3 }), line);
  }
});

// Round 2 (issue 9): the hand-written header scanner and stamp reader against the regexes they replace.

const SHORT_MODES = ['short', 'short-precise', 'short-iso', 'short-iso-precise', 'short-full', 'short-unix', 'short-monotonic', 'short-delta', 'with-unit'];
const shortLines = readdirSync(SAMPLES)
  .filter((f) => SHORT_MODES.some((m) => f.endsWith(`.${m}`)))
  .flatMap((f) => readFileSync(new URL(f, SAMPLES), 'utf8').split('\n'));
// Odd headers: empty message, no pid, no host, host-less pastes, odd pids, spaces where names go,
// Unicode spaces (\s in the regexes), control characters, continuation lines, cut lines.
const ODD_TAILS = [
  'host ident[12]: ', 'host ident[12]:', 'host ident: ', 'host ident:', 'host ident:x', 'host ident[]: m', 'host ident[12]x: m',
  'host ident[12:] m', 'host ident[1a]: m', 'ident[5]: msg', 'kernel: msg', 'host kernel: [    0.1] x: y', 'host a b c[7]: m',
  'host  ident: m', ' host ident: m', 'host\tident: m', 'host\u00a0ident: m', 'host \u00a0ident: m', 'host\u2003x: m',
  'ho\u0001st id\u0001ent[3]: m', 'host [ident]: m', 'host :x: m', 'host ident[123456789012345678901]: m', 'host ident[007]: m',
  'host ident[12]: msg with [brackets]: and colons: ', 'host', '', ' ', ':', '[1]: x', 'a:', 'a: ', 'host a[1]', 'host a[1]:',
  'h\u2028st ident: m', 'host ident\u00a0x: m', 'host.example.com systemd-networkd[561]: eth0: Gained carrier',
];

test('readSyslogTail reads every sample line and odd header as the HOST/IDENT regexes do', (t) => {
  let checked = 0;
  for (const line of [...shortLines, ...ODD_TAILS, ...ODD_TAILS.map((x) => `2024-11-20T09:27:02+0000 ${x}`)]) {
    for (let at = 0; at <= Math.min(line.length, 60); at++) {
      t.deepEqual(readSyslogTail(line, at), readSyslogTailReference(line, at), `${JSON.stringify(line)} at ${at}`);
      checked++;
    }
  }
  t.true(checked > 10_000);
  fc.assert(fc.property(
    fc.array(fc.constantFrom('h', 'x', '1', ' ', '[', ']', ':', '\t', '\u00a0', '\u0001', '.', 'é'), { maxLength: 24 }).map((a) => a.join('')),
    fc.nat({ max: 4 }),
    (line, at) => {
      t.deepEqual(readSyslogTail(line, at), readSyslogTailReference(line, at));
    },
  ), { numRuns: 20_000 });
});

const ISO_STAMP = /(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?([+-])(\d\d)(\d\d) /y;
const isoReference = (line: string) => {
  ISO_STAMP.lastIndex = 0;
  const m = ISO_STAMP.exec(line);
  return m ? { times: isoFromMatch(m), end: ISO_STAMP.lastIndex } : null;
};

test('the hand-written ISO stamp reader agrees with ISO_STAMP wherever it reads a stamp', (t) => {
  const stamps = [
    '2024-11-20T09:27:02+0000 ', '2024-11-20T09:27:02.812345+0000 ', '2024-11-20T09:27:02.8+0530 ', '2024-11-20T09:27:02.81234-0330 ',
    '2024-11-20T09:27:02.8123456+0000 ', '2024-11-20T09:27:02.+0000 ', '2024-11-20T09:27:02+000 ', '2024-11-20T09:27:02+0000',
    '2024-13-40T25:61:61+9999 ', '0024-01-01T00:00:00+0000 ', '9999-12-31T23:59:59.999999-2359 ', '2024-11-20 09:27:02+0000 ',
    '2024-11-2OT09:27:02+0000 ', '२०२४-11-20T09:27:02+0000 ', '2024-02-29T12:00:00-0000 ', '2024-11-20T09:27:02Z ',
  ];
  const lines = [...shortLines, ...stamps, ...stamps.map((s) => `${s}host ident: m`)];
  // Each stamp with each character replaced by a digit, a sign, a dot, a space or a letter.
  for (const s of stamps.slice(0, 4)) {
    for (let i = 0; i < s.length; i++) for (const c of ['0', '9', '+', '-', '.', ' ', 'x']) lines.push(`${s.slice(0, i)}${c}${s.slice(i + 1)}host x: y`);
  }
  let fast = 0;
  for (const line of lines) {
    const got = isoStampFast(line);
    if (got === null) continue; // left to the regex
    fast++;
    t.deepEqual(got, isoReference(line), JSON.stringify(line));
  }
  // Every well-formed stamp is read by the fast reader itself.
  for (const line of shortLines) if (/^\d{4}-\d\d-\d\dT/.test(line) && isoReference(line)) t.not(isoStampFast(line), null, line);
  t.true(fast > 1000);
});

test('needle dispatch agrees with one includes per needle on random mixes of needle pieces', (t) => {
  const dispatch = new NeedleDispatch(RECOGNIZERS);
  const needles = [...new Set(RECOGNIZERS.flatMap((r) => r.needles))];
  const piece = fc.oneof(
    fc.constantFrom(...needles),
    fc.constantFrom(...needles).chain((n) => fc.tuple(fc.nat({ max: n.length }), fc.nat({ max: n.length })).map(([a, b]) => n.slice(Math.min(a, b), Math.max(a, b)))),
    fc.string({ maxLength: 6 }),
    fc.constantFrom(' ', '\u0100', '\uff20', 'é'),
  );
  fc.assert(fc.property(fc.array(piece, { maxLength: 12 }).map((a) => a.join('')), fc.constantFrom(...IDENTIFIERS), (m, id) => {
    t.deepEqual(dispatch.select(m, id).map((r) => r.id), slow(RECOGNIZERS, m, id).map((r) => r.id), JSON.stringify([id, m]));
  }), { numRuns: 20_000 });
});

test('needle dispatch with more than 31 recognizers, needles of every length and shared windows (round 3)', (t) => {
  const mk = (id: string, needles: string[]): Recognizer => ({ id, needles, recognize() {} });
  const words = ['abcde', 'bcdef', 'abcdefgh', 'xyzab', 'zabcd', 'aaaaa', 'aaaaaaa', 'abab', 'ab ab', 'é: <', ': <', 'q', '',
    'longer needle here', 'needle', 'eedle', 'dle h', '\u0100bcde', '\uff20\uff20\uff20\uff20\uff20', 'a\u0100a\u0100a'];
  // 40 recognizers: two groups, with needles that collide in the hash table (same low bits) too.
  const recognizers = Array.from({ length: 40 }, (_, i) => mk(`r${i}`, [words[i % words.length]!, words[(i * 7 + 3) % words.length]!].filter((w, k) => k === 0 || i % 3 === 0)));
  const all = new NeedleDispatch(recognizers);
  const few = new NeedleDispatch(recognizers.slice(0, 12).filter((r) => !r.needles.includes('')));
  const piece = fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 4 }), fc.constantFrom('a', 'b', 'e', ' ', '\u0100'));
  fc.assert(fc.property(fc.array(piece, { maxLength: 10 }).map((a) => a.join('')), (m) => {
    t.deepEqual(all.select(m, null).map((r) => r.id), slow(recognizers, m).map((r) => r.id), JSON.stringify(m));
    t.deepEqual(few.select(m, null).map((r) => r.id), slow(recognizers.slice(0, 12).filter((r) => !r.needles.includes('')), m).map((r) => r.id), JSON.stringify(m));
  }), { numRuns: 10_000 });
  // Only short needles, only long ones, none at all.
  for (const rs of [[mk('s', ['ab', ': <'])], [mk('l', ['x'.repeat(40), 'y'.repeat(33) + 'z'])], [mk('n', [])], []]) {
    const d = new NeedleDispatch(rs);
    for (const m of ['', 'ab', ': <', 'x'.repeat(40), 'x'.repeat(39), `a${'y'.repeat(33)}z`, 'y'.repeat(34)]) {
      t.deepEqual(d.select(m, null).map((r) => r.id), slow(rs, m).map((r) => r.id), m);
    }
  }
});

test('needle dispatch offers a recognizer only the identifiers it names, in order, over 31 recognizers too (round 5)', (t) => {
  const mk = (id: string, needles: string[], identifiers?: string[]): Recognizer => ({ id, needles, ...(identifiers ? { identifiers } : {}), recognize() {} });
  const words = ['abcde', 'bcdef', ' for ', 'xyzab', ': <', 'q', '', 'needle', '\u0100bcde'];
  const names = ['a', 'b', 'c', 'constructor'];
  // 45 recognizers: every third open, the others each naming one or two identifiers; one names none at all.
  const recognizers = Array.from({ length: 45 }, (_, i) =>
    mk(`r${i}`, [words[i % words.length]!], i % 3 === 0 ? undefined : i === 7 ? [] : [names[i % names.length]!, ...(i % 5 === 0 ? [names[(i + 1) % names.length]!] : [])]));
  const sets = [recognizers, recognizers.slice(0, 10), [...RECOGNIZERS, ...recognizers.slice(0, 8)]].map((rs) => ({ rs, d: new NeedleDispatch(rs) }));
  const piece = fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 4 }), fc.constantFrom(' ', 'a', 'e', '\u0100'));
  const identifier = fc.constantFrom<string | null>(null, ...names, 'd', 'toString', ...IDENTIFIERS);
  fc.assert(fc.property(fc.array(piece, { maxLength: 10 }).map((a) => a.join('')), identifier, (m, id) => {
    for (const { rs, d } of sets) t.deepEqual(d.select(m, id).map((r) => r.id), slow(rs, m, id).map((r) => r.id), JSON.stringify([id, m]));
  }), { numRuns: 5_000 });
});

test('needle dispatch offers a recognizer with identifierPrefixes only identifiers with such a prefix, nested prefixes and whole names too', (t) => {
  const mk = (id: string, needles: string[], identifiers?: string[], identifierPrefixes?: string[]): Recognizer =>
    ({ id, needles, ...(identifiers ? { identifiers } : {}), ...(identifierPrefixes ? { identifierPrefixes } : {}), recognize() {} });
  const recognizers = [mk('open', ['abcde', 'q']), mk('p', ['abcde', 'xyz'], undefined, ['net-']), mk('pp', ['bcdef'], undefined, ['net-a-', 'x']),
    mk('whole', ['abcde'], ['net-a-b']), mk('both', ['q'], ['k0s'], ['net-a-']), ...RECOGNIZERS];
  const d = new NeedleDispatch(recognizers);
  const ids = [null, '', 'n', 'net', 'net-', 'net-a', 'net-a-', 'net-a-b', 'net-a-bc', 'x', 'xnet-', 'k0s', 'constructor', ...IDENTIFIERS];
  const piece = fc.oneof(fc.constantFrom('abcde', 'bcdef', 'xyz', 'q', 'added ip ', 'adding address '), fc.string({ maxLength: 4 }));
  fc.assert(fc.property(fc.array(piece, { maxLength: 8 }).map((a) => a.join('')), fc.constantFrom(...ids), (m, id) => {
    t.deepEqual(d.select(m, id).map((r) => r.id), slow(recognizers, m, id).map((r) => r.id), JSON.stringify([id, m]));
  }), { numRuns: 5_000 });
});

test('a recognizer that names its identifiers does nothing for an entry of any other (the promise the dispatch relies on)', (t) => {
  const gated = RECOGNIZERS.filter((r) => !offers(r, null));
  t.true(gated.length >= 10);
  const entries = sampleLines.map((l) => entryFromFields(JSON.parse(l) as Record<string, string>, { path: 'x', line: 1 }));
  let offered = 0;
  for (const r of gated) {
    for (const entry of entries) {
      if (!r.needles.some((n) => entry.message.includes(n))) continue;
      // The same entry under an identifier the recognizer does not name, and with none.
      const named = r.identifiers?.[0] ?? r.identifierPrefixes![0]!;
      for (const identifier of ['kubelet', null, 'constructor', `x${named}`, ...(r.identifiers ? [`${named}x`] : [])]) {
        t.notThrows(() => assertIgnores(r, { ...entry, identifier }));
        offered++;
      }
    }
  }
  t.true(offered > 100);
});

test('needle dispatch scans a noted message in the line it was sliced from, with the same result (round 4)', (t) => {
  const mk = (id: string, needles: string[]): Recognizer => ({ id, needles, recognize() {} });
  const words = ['abcde', 'bcdef', 'xyzab', 'ab ab', ': <', 'q', 'needle', '\u0100bcde'];
  const recognizers = Array.from({ length: 40 }, (_, i) => mk(`r${i}`, [words[i % words.length]!]));
  const sets = [RECOGNIZERS, recognizers, recognizers.slice(0, 7)].map((rs) => ({ rs, d: new NeedleDispatch(rs) }));
  const pieces = [...new Set([...words, ...RECOGNIZERS.flatMap((r) => r.needles)])];
  const piece = fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 5 }), fc.constantFrom(' ', 'a', 'e', '\u0100'));
  const text = fc.array(piece, { maxLength: 10 }).map((a) => a.join(''));
  fc.assert(fc.property(text, text, fc.boolean(), (head, message, other) => {
    const line = head + message;
    noteMessageSource(line.slice(head.length), line, head.length);
    // The noted message (the same string or an equal one), and one that differs from it.
    const asked = other ? `${message}x` : message;
    for (const { rs, d } of sets) t.deepEqual(d.select(asked, null).map((r) => r.id), slow(rs, asked).map((r) => r.id), JSON.stringify([head, asked]));
  }), { numRuns: 5_000 });
  noteMessageSource('', '', 0);
});

/** Everything readInput hands on and returns, the input given in pieces of `size` bytes (0: whole). */
async function readAll(bytes: Buffer, size: number) {
  const entries: JournalEntry[] = [];
  const markers: Array<string | null> = [];
  const pieces: Buffer[] = [];
  if (size === 0) pieces.push(bytes);
  else for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
  const result = await readInput({ path: 'p', content: Readable.from(pieces) }, { entry: (e) => entries.push(e), bootMarker: (id) => markers.push(id) }, { format: 'export', maxLineBytes: 4096 });
  return { entries, markers, result };
}

test('export reads whole entries at once exactly as line by line', async (t) => {
  // In one piece nearly every entry takes the fast path; in 7-byte pieces every line arrives on its
  // own and takes the line-by-line path.
  const bin = (name: string, value: Buffer) => {
    const len = Buffer.alloc(8);
    len.writeUInt32LE(value.length, 0);
    return Buffer.concat([Buffer.from(`${name}\n`), len, value, Buffer.from('\n')]);
  };
  const crafted: Buffer[] = [
    Buffer.from('MESSAGE=a\n__REALTIME_TIMESTAMP=5\n\nMESSAGE=b\nMESSAGE=c\nA=1\n__proto__=x\n7=seven\nA=2\n=empty name\nx=y=z\n\n\n\nMESSAGE=d'),
    Buffer.from('MESSAGE=crlf\r\nPRIORITY=3\r\n\r\nMESSAGE=two\r\n\r\n'),
    Buffer.from('MESSAGE=mixed\r\n\nMESSAGE=cr line\n\r\nMESSAGE=after\n\n'),
    Buffer.from('MESSAGE=caf\u00e9 \u2603\n_PID=1\n\nMESSAGE=bad \xff\xfe utf8\n\nMESSAGE=ok\n\n', 'latin1'),
    Buffer.concat([Buffer.from('MESSAGE=before\n\n__REALTIME_TIMESTAMP=9\n'), bin('MESSAGE', Buffer.from('multi\n\nline\n\n')), Buffer.from('_BOOT_ID=b\n\nMESSAGE=next\n\n')]),
    Buffer.from('MESSAGE=x\nnot a field\nMESSAGE=y\n\nMESSAGE=z\n\n'),
    Buffer.from(`MESSAGE=${'x'.repeat(3000)}\n\nMESSAGE=short\n\nMESSAGE=cut`),
    Buffer.from('\n\n\nMESSAGE=after blanks\n\n'),
  ];
  const samples = readdirSync(SAMPLES).filter((f) => f.endsWith('.export')).map((f) => readFileSync(new URL(f, SAMPLES)));
  for (const bytes of [...crafted, ...samples]) {
    const whole = await readAll(bytes, 0);
    t.deepEqual(whole, await readAll(bytes, 7), bytes.subarray(0, 60).toString());
    if (bytes.length < 2000) t.deepEqual(whole, await readAll(bytes, 1));
  }
});

test('a file is read through two reused 1 MiB buffers exactly as the same bytes given whole, across chunk edges, gzipped too (round 5)', async (t) => {
  // Lines, export entries and json objects that straddle the 1 MiB read boundaries, and a long
  // line held across two of them: every mode keeps what it needs from a chunk before its buffer is
  // read into again. Odd-sized repeats put the boundaries at every kind of place.
  const dir = mkdtempSync(join(tmpdir(), 'bootlens-reuse-'));
  try {
    for (const mode of ['short-iso-precise', 'export', 'json', 'short', 'json-pretty']) {
      const one = readFileSync(new URL(`k0s-reboot-race.${mode}`, SAMPLES));
      const pad = mode.startsWith('short') ? Buffer.from(`${one.toString('utf8').split('\n')[3]!.slice(0, 40)}${'y'.repeat(300_000)}\n`) : Buffer.alloc(0);
      const parts: Buffer[] = [];
      for (let size = 0; size < 3.3 * 1024 * 1024; size += one.length + pad.length) parts.push(one, pad);
      const bytes = Buffer.concat(parts);
      const file = join(dir, `big.${mode}`);
      writeFileSync(file, bytes);
      writeFileSync(`${file}.gz`, gzipSync(bytes));
      const read = async (source: { path: string; content?: Buffer }) => {
        const entries: JournalEntry[] = [];
        const result = await readInput(source, { entry: (e) => entries.push(e), bootMarker() {} });
        return { entries: entries.map((e) => ({ ...e, source: e.source.line })), summary: { ...result.summary, path: '' }, diagnostics: result.diagnostics.map((d) => ({ ...d, path: '' })) };
      };
      const whole = await read({ path: 'whole', content: bytes });
      t.true(whole.entries.length > 1000, mode);
      t.deepEqual(await read({ path: file }), whole, mode);
      t.deepEqual(await read({ path: `${file}.gz` }), whole, `${mode}.gz`);
      // The contract itself, without the timing of a real read: one buffer, scribbled over as soon as the reader asks for more.
      for (const size of [65_536, 1 << 20]) t.deepEqual(await read({ path: 'whole', content: scribbled(bytes, size) as unknown as Buffer }), whole, `${mode} ${size}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * `bytes` in chunks of up to `size` that all share one buffer, overwritten with `~` once the reader
 * asks for the next. Every other chunk ends just after a newline, so a reader also meets a chunk
 * that starts a line and ends inside one with nothing held from before.
 */
function scribbled(bytes: Buffer, size: number): Readable {
  const buffer = Buffer.alloc(size);
  return Readable.from((function* () {
    for (let at = 0, k = 0; at < bytes.length; k++) {
      let end = Math.min(at + size, bytes.length);
      const nl = bytes.lastIndexOf(0x0a, end - 1);
      if (k % 2 === 1 && nl >= at) end = nl + 1;
      const n = bytes.copy(buffer, 0, at, end);
      at = end;
      yield buffer.subarray(0, n);
      buffer.fill(0x7e);
    }
  })(), { objectMode: true, highWaterMark: 1 });
}

test('a file left early (unknown format, binary journal) is closed at once', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bootlens-close-'));
  try {
    const unknown = join(dir, 'unknown.txt');
    writeFileSync(unknown, `${'not a journal\n'.repeat(200_000)}`);
    const binary = join(dir, 'system.journal');
    writeFileSync(binary, Buffer.concat([Buffer.from('LPKSHHRH'), Buffer.alloc(3 * 1024 * 1024)]));
    for (const path of [unknown, binary]) writeFileSync(`${path}.gz`, gzipSync(readFileSync(path)));
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 20; i++) {
      for (const path of [unknown, binary]) {
        await t.throwsAsync(readInput({ path }, { entry() {}, bootMarker() {} }));
        await t.throwsAsync(readInput({ path: `${path}.gz` }, { entry() {}, bootMarker() {} }));
      }
    }
    // A file left early is closed once the read under way settles: a moment later.
    await new Promise((resolve) => setTimeout(resolve, 100));
    t.true(open() <= before + 1, `${open()} descriptors open, ${before} before`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a FIFO left early (a binary journal header, the writer still open) fails at once, not when the writer writes again', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bootlens-fifo-'));
  const fifo = join(dir, 'journal.fifo');
  execFileSync('mkfifo', [fifo]);
  // Read-write, so opening needs no reader yet (Linux); the test is the writer and stays open.
  const writer = openSync(fifo, 'r+');
  try {
    writeSync(writer, Buffer.concat([Buffer.from('LPKSHHRH'), Buffer.alloc(4096)]));
    // The writer never writes again: a reader that waits for it would wait for ever. The bound is
    // generous (a loaded machine is slow to start), not a speed measure.
    const outcome = await Promise.race([
      readInput({ path: fifo }, { entry() {}, bootMarker() {} }).then(() => 'read', (e: Error) => e.message),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 60 s'), 60_000)),
    ]);
    t.regex(String(outcome), /binary journal file|journal file/);
  } finally {
    closeSync(writer);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('undecorate with its fast path for stamped lines agrees with undecorateReference on every sample and corpus line, and on digit-led pieces', (t) => {
  const corpus = new URL('./corpus/', import.meta.url);
  const corpusLines = readdirSync(corpus, { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.endsWith('.yaml') && !f.endsWith('.json') && !f.endsWith('.md'))
    .flatMap((f) => {
      try {
        return readFileSync(new URL(f, corpus), 'utf8').split('\n');
      } catch {
        return []; // a directory
      }
    });
  const lines = [...sampleLines, ...shortLines, ...corpusLines,
    '10.5.0.2: {"ts":1}', '123:2024-11-20T09:27:02+0000 host x: y', '12345678901:x', '123456789012:x', '1.2.3.4: m', '2024-11-20T09:27:02+0000 h x: `'];
  for (const line of lines) t.is(undecorate(line), undecorateReference(line), JSON.stringify(line));
  t.true(lines.length > 10_000);
  fc.assert(fc.property(
    fc.array(fc.constantFrom('1', '0', '9', '.', ':', ' ', '-', '`', 'x', '/', '>'), { maxLength: 20 }).map((a) => `1${a.join('')}`),
    (line) => {
      t.is(undecorate(line), undecorateReference(line));
    },
  ), { numRuns: 20_000 });
});
