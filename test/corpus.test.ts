import test from 'ava';
import { readFileSync } from 'node:fs';
import { BASELINE, measureCorpus, regressions, type Baseline, type CorpusResult } from './helpers/corpus.js';

// The real-world corpus (issue 15, docs/corpus.md) measured once for every test here.
let measured: Promise<CorpusResult[]> | null = null;
const corpus = () => (measured ??= measureCorpus());

test('no excerpt loses a measure it held in test/corpus/baseline.json (read, events, findings, whole expectation), and none is newly refused', async (t) => {
  const baseline = JSON.parse(readFileSync(BASELINE, 'utf8')) as Baseline;
  const results = await corpus();
  t.true(results.length >= 200, `${results.length} excerpts`);
  t.deepEqual(regressions(baseline, results), []);
  // Every excerpt is in the baseline: a new excerpt comes with a deliberate `pnpm corpus --write`.
  t.deepEqual(results.filter((r) => !(r.file in baseline)).map((r) => r.file), []);
});

test('every excerpt: each line counted once, understood or skipped', async (t) => {
  for (const r of await corpus()) {
    if (r.refused) continue;
    t.is(r.parsed + r.skipped, r.lines, r.file);
    t.true(r.lines >= r.nonBlank, r.file);
  }
});

test('refused excerpts (no line in any format bootlens reads) are only those the baseline lists, each naming its first line', async (t) => {
  const baseline = JSON.parse(readFileSync(BASELINE, 'utf8')) as Baseline;
  const refused = (await corpus()).filter((r) => r.refused);
  for (const r of refused) {
    t.true(baseline[r.file]?.refused === true, `${r.file}: ${r.why.join('; ')}`);
    // The refusal names the excerpt's first non-blank line as the evidence.
    t.regex(r.why[0]!, /^refused: .*:\d+: not a journal bootlens can read/);
  }
});
