// Times reading alone: `readInput` of the built core (packages/core/dist) with a sink that only counts
// entries, no recognizers, timeline, rules or report. Beside `bootlens analyze` on the same file it
// separates the readers' cost from everything after reading (docs/performance.md, issues 14–15).
//
//   node bench/read-only.mjs [ROOT] FILE     ROOT: a checkout with a built core (default: this one)
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const root = args.length > 1 ? resolve(args[0]) : resolve(dirname(fileURLToPath(import.meta.url)), '..');
const file = args[args.length - 1];
if (!file) {
  console.error('usage: node bench/read-only.mjs [ROOT] FILE');
  process.exit(2);
}
const { readInput } = await import(pathToFileURL(`${root}/packages/core/dist/parse/input.js`).href);
let entries = 0;
const started = process.hrtime.bigint();
await readInput({ path: file }, { entry() { entries++; }, bootMarker() {} }, {});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ file, entries, seconds: Number(seconds.toFixed(3)) }));
