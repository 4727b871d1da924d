// `pnpm corpus` (issue 15): measures bootlens against the real-world corpus in test/corpus/ and
// prints, per category, how many excerpts are read, yield every expected event, get the expected
// finding, and hold their whole expectation; then the excerpts that fall short, with why.
//   --write   also rewrite test/corpus/baseline.json (what test/corpus.test.ts holds) and the table in docs/corpus.md
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASELINE, baselineOf, markdownTable, measureCorpus, regressions, table, type Baseline } from '../test/helpers/corpus.js';
import { ROOT } from '../test/helpers/cli.js';

const write = process.argv.includes('--write');
const results = await measureCorpus();
const rows = table(results);
console.log(markdownTable(rows));
const pending = results.filter((r) => r.pending.length > 0);
if (pending.length > 0) {
  const keys = new Map<string, number>();
  for (const r of pending) for (const p of r.pending) keys.set(p.replace(/ \S+$/, ''), (keys.get(p.replace(/ \S+$/, '')) ?? 0) + 1);
  console.log(`\npending (not measured until the schema has them): ${[...keys].map(([k, n]) => `${k} ×${n}`).join(', ')} in ${pending.length} excerpts`);
}
const short = results.filter((r) => !r.passed || !r.read);
console.log(`\n${short.length} excerpts fall short:`);
for (const r of short) console.log(`- ${r.file}: ${r.why.join('; ')}`);
let baseline: Baseline = {};
try {
  baseline = JSON.parse(readFileSync(BASELINE, 'utf8')) as Baseline;
} catch {
  // no baseline yet
}
const lost = regressions(baseline, results);
if (lost.length > 0) {
  console.log(`\n${lost.length} measures held in test/corpus/baseline.json and no longer do:`);
  for (const l of lost) console.log(`- ${l}`);
}
if (write) {
  writeFileSync(BASELINE, `${JSON.stringify(baselineOf(results), null, 1)}\n`);
  const doc = join(ROOT, 'docs/corpus.md');
  const text = readFileSync(doc, 'utf8');
  const begin = '<!-- corpus-table -->';
  const end = '<!-- /corpus-table -->';
  const block = `${begin}\n${markdownTable(rows)}\n${end}`;
  writeFileSync(doc, text.includes(begin) ? text.replace(new RegExp(`${begin}[\\s\\S]*?${end}`), block) : `${text}\n${block}\n`);
  console.log('\nwrote test/corpus/baseline.json and the table in docs/corpus.md');
}
