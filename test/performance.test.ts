import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { RECOGNIZERS, type JournalEntry, type Recognizer } from '@bootlens/core';
import { NeedleDispatch } from '../packages/core/src/recognize/dispatch.js';
import { entryFromFields } from '../packages/core/src/parse/fields.js';
import { jsonFieldValue, readJsonEntry } from '../packages/core/src/parse/json.js';
import type { ReadSink } from '../packages/core/src/parse/reader.js';

// Issue 9: the fast paths must choose and build exactly what the plain code did.

const SAMPLES = new URL('../samples/journals/', import.meta.url);
const jsonSamples = readdirSync(SAMPLES).filter((f) => f.endsWith('.json'));
const sampleLines = jsonSamples.flatMap((f) => readFileSync(new URL(f, SAMPLES), 'utf8').split('\n').filter((l) => l.trim() !== ''));

/** What the builder did before the dispatch: every recognizer with a needle in the message. */
const slow = (recognizers: readonly Recognizer[], message: string) => recognizers.filter((r) => r.needles.some((n) => message.includes(n)));

test('needle dispatch picks the same recognizers as one includes per needle, on every sample message', (t) => {
  const dispatch = new NeedleDispatch(RECOGNIZERS);
  const needles = RECOGNIZERS.flatMap((r) => r.needles);
  const messages = sampleLines.map((l) => String((JSON.parse(l) as Record<string, unknown>)['MESSAGE'] ?? ''));
  // Needles that overlap, contain each other, repeat, sit at the edges or are cut short.
  messages.push('', 'eth0: DHCPv4 address 10.0.0.2/24 from 10.0.0.1', 'Starting Started Stopping x...', 'bound to bind() to ');
  for (const n of needles) messages.push(n, `x${n}`, `${n}${n}`, n.slice(1), n.slice(0, -1), `${n.slice(0, -1)}${n}`);
  for (let i = 0; i + 1 < needles.length; i++) messages.push(`${needles[i]}${needles[i + 1]}`, `${needles[i]!.slice(-3)}${needles[i + 1]!.slice(0, 3)}`);
  for (const m of messages) {
    t.deepEqual(dispatch.select(m).map((r) => r.id), slow(RECOGNIZERS, m).map((r) => r.id), JSON.stringify(m));
  }
});

test('needle dispatch handles empty needles and recognizers without needles', (t) => {
  const mk = (id: string, needles: string[]): Recognizer => ({ id, needles, recognize() {} });
  const recognizers = [mk('a', ['ab', 'b']), mk('none', []), mk('all', ['']), mk('c', ['abc'])];
  const dispatch = new NeedleDispatch(recognizers);
  for (const m of ['', 'a', 'ab', 'abc', 'xbx', 'zzz']) t.deepEqual(dispatch.select(m).map((r) => r.id), slow(recognizers, m).map((r) => r.id), m);
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
