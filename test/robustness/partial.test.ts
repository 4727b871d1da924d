/**
 * Nothing lost: a file that ends inside an entry (export, json-pretty, verbose) keeps every entry
 * before it and reports the partial one at its first line, counted as skipped.
 */
import test from 'ava';
import { analyze } from '@bootlens/core';
import { reportProblems, sample } from './helpers.js';

async function cutAt(name: string, keep: (text: string) => number) {
  const whole = sample(name);
  const full = await analyze([{ path: name, content: whole }]);
  const text = whole.toString('utf8');
  const cut = keep(text);
  const report = await analyze([{ path: name, content: Buffer.from(text.slice(0, cut)) }]);
  return { full, report, lineOf: (i: number) => text.slice(0, i).split('\n').length };
}

/** The offset just after the line at which the last entry starts (the file is cut there). */
const afterLastStart = (starts: RegExp) => (text: string) => {
  let at = -1;
  for (const m of text.matchAll(starts)) at = m.index;
  return text.indexOf('\n', at) + 1;
};

for (const [mode, where] of [
  // Cut after the last entry's first field (export), its `{` line (json-pretty), its header (verbose).
  ['export', afterLastStart(/^__CURSOR=/gm)],
  ['json-pretty', afterLastStart(/^\{$/gm)],
  ['verbose', afterLastStart(/^[A-Z][a-z]{2} \d{4}-\d\d-\d\d /gm)],
] as const) {
  test(`${mode}: a file cut inside its last entry keeps the others and reports the partial one`, async (t) => {
    const { full, report, lineOf } = await cutAt(`bind-race.${mode}`, where);
    t.deepEqual(reportProblems(report), []);
    const entries = full.inputs[0]!.entries;
    t.is(report.inputs[0]!.entries, entries - 1, 'every entry before the cut is kept');
    const partial = report.diagnostics.filter((d) => d.code === 'partial-entry');
    t.is(partial.length, 1);
    t.regex(partial[0]!.message, /^entry skipped: the input ends inside it/);
    t.true(report.inputs[0]!.skipped >= 1);
    // The diagnostic names the first line of the partial entry.
    t.is(partial[0]!.line, lineOf(where(sample(`bind-race.${mode}`).toString('utf8'))) - 1);
    // The same entries, one fewer: the last kept entry is the full report's second last.
    const events = (r: typeof report) => r.boots.flatMap((b) => b.events.map((e) => e.source.line));
    t.deepEqual(events(report), events(full).filter((l) => l < partial[0]!.line));
  });
}

test('export: a file cut inside a binary value reports the value; entries before stand', async (t) => {
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(50n);
  const bytes = Buffer.concat([Buffer.from('__REALTIME_TIMESTAMP=1732094822812345\nMESSAGE=ok\n\n__REALTIME_TIMESTAMP=1732094822900000\nMESSAGE\n'), len, Buffer.from('only ten b')]);
  const report = await analyze([{ path: 'x.export', content: bytes }]);
  t.deepEqual(reportProblems(report), []);
  t.is(report.inputs[0]!.entries, 1);
  t.deepEqual(report.diagnostics.filter((d) => d.code !== 'no-entries').map((d) => [d.code, d.line]), [['unparsable-line', 5], ['partial-entry', 4]]);
});

test('verbose: an entry whose MESSAGE is blob data is not partial', async (t) => {
  const text = 'Wed 2024-11-20 09:27:02.812345 UTC [s=1;i=1;b=7c1e4f5a9b2d4c3e8f6a1b0c9d8e7f60;m=2ae7b9;t=627536f5c2d39;x=1]\n    _PID=1\n    MESSAGE=[3B blob data]\n';
  const report = await analyze([{ path: 'x.verbose', content: text }]);
  t.is(report.inputs[0]!.entries, 1);
  t.false(report.diagnostics.some((d) => d.code === 'partial-entry'));
});
