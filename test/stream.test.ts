// The streaming API (issue 20): readEntries and bootEvents read the shipped samples as analyze does,
// without building a report, with the same errors, and with reading held back by a slow consumer.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { analyze, bootEvents, InputError, readEntries, type JournalEntry } from '@bootlens/core';

const SAMPLE = 'samples/journals/k0s-reboot-race.json';

test('readEntries hands on every entry analyze reads, with the same input summaries and diagnostics', async (t) => {
  const report = await analyze([SAMPLE]);
  const stream = readEntries([SAMPLE]);
  const entries: JournalEntry[] = [];
  for await (const entry of stream) entries.push(entry);
  t.is(entries.length, report.inputs[0]!.entries);
  t.true(entries.length > 50);
  t.deepEqual(stream.inputs, report.inputs);
  t.deepEqual(stream.diagnostics, report.diagnostics);
  t.true(entries.some((e) => e.identifier === 'k0s' && e.bootId !== null));
});

test('readEntries reads a binary journal file (the merge path is paced too)', async (t) => {
  const file = 'samples/journals/k0s-reboot-race.journal';
  const report = await analyze([file]);
  let n = 0;
  for await (const entry of readEntries([file])) if (entry.message.length >= 0) n++;
  t.is(n, report.inputs[0]!.entries);
  t.true(n > 50);
});

test('bootEvents yields the events of every boot as analyze puts them in its report, without findings', async (t) => {
  const file = 'samples/journals/multi-boot.json';
  const report = await analyze([file]);
  t.true(report.boots.length > 1);
  const events = [];
  for await (const item of bootEvents([file])) events.push(item);
  const expected = report.boots.flatMap((b) => b.events.map((event) => ({ bootIndex: b.index, bootId: b.bootId, event })));
  t.true(expected.length > 0);
  t.deepEqual(events, expected);
});

test('bootEvents with boot: -1 yields only the boot before the last; a boot not found is a diagnostic', async (t) => {
  const file = 'samples/journals/multi-boot.json';
  const report = await analyze([file], { boot: -1 });
  const chosen = [];
  for await (const item of bootEvents([file], { boot: -1 })) chosen.push(item);
  t.deepEqual(new Set(chosen.map((c) => c.bootIndex)), new Set([report.boots[0]!.index]));
  t.is(chosen.length, report.boots[0]!.events.length);

  const missing = bootEvents([file], { boot: 'f00' });
  let n = 0;
  for await (const _ of missing) n++;
  t.is(n, 0);
  t.deepEqual(missing.diagnostics.map((d) => d.code), (await analyze([file], { boot: 'f00' })).diagnostics.map((d) => d.code));
  t.true(missing.diagnostics.some((d) => d.code === 'boot-not-found'));
});

test('an input in no format is the same InputError from analyze, readEntries and bootEvents', async (t) => {
  const input = { path: 'notes.txt', content: 'hello\nthis is not a journal\n' };
  const fromAnalyze = await t.throwsAsync(analyze([input]), { instanceOf: InputError });
  const fromEntries = await t.throwsAsync(async () => { for await (const _ of readEntries([input])); }, { instanceOf: InputError });
  const fromEvents = await t.throwsAsync(async () => { for await (const _ of bootEvents([input])); }, { instanceOf: InputError });
  t.is(fromAnalyze!.code, 'unknown-format');
  t.is(fromEntries!.message, fromAnalyze!.message);
  t.is(fromEvents!.message, fromAnalyze!.message);
});

/** A stream of `copies` chunks, each the whole short-mode sample, counting the chunks taken from it. */
function countedCopies(copies: number) {
  const text = readFileSync('samples/journals/k0s-reboot-race.short', 'utf8');
  const counter = { pulled: 0 };
  async function* chunks() {
    for (let i = 0; i < copies; i++) {
      counter.pulled++;
      yield text;
    }
  }
  return { counter, source: { path: 'big.short', content: chunks() }, perCopy: text.split('\n').length - 1 };
}

test('readEntries waits for a slow consumer: only about 1024 entries are read ahead', async (t) => {
  const { counter, source, perCopy } = countedCopies(400);
  const iterator = readEntries([source], { year: 2024, timeZone: 'UTC' })[Symbol.asyncIterator]();
  t.false((await iterator.next()).done);
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
  // 400 copies hold ~50 000 lines; a reader that did not wait would have taken them all by now.
  t.true(counter.pulled * perCopy < 1024 + 3 * perCopy, `pulled ${counter.pulled} chunks of ${perCopy} lines`);
  let n = 1;
  for (let r = await iterator.next(); !r.done; r = await iterator.next()) n++;
  t.is(counter.pulled, 400);
  t.true(n > 300 * perCopy * 0.5);
});

test('breaking out of readEntries stops reading', async (t) => {
  const { counter, source } = countedCopies(400);
  let n = 0;
  for await (const _ of readEntries([source], { year: 2024, timeZone: 'UTC' })) if (++n === 5) break;
  const pulled = counter.pulled;
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  t.is(counter.pulled, pulled);
  t.true(pulled < 400);
});
