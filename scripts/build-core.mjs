// Builds what @bootlens/core publishes besides tsc's ESM output (`tsc -b` runs first):
// - dist/index.cjs: the public entry for CommonJS callers (`require('@bootlens/core')` on Node 20,
//   which has no require(esm) by default), bundled from dist/index.js with every dependency left
//   external, so it loads the same zod, date-fns, … as the ESM entry;
// - dist/index.d.cts: its declarations, the API Extractor rollup of the public entry (one file that
//   imports nothing but zod, so it means the same to a CommonJS caller as to an ESM one);
// - dist/api/core.api.md: the API report of this build. test/package/api-report.test.ts fails while
//   it differs from the committed packages/core/etc/core.api.md; `pnpm api` updates that file
//   (a change of the public surface is then a visible diff in review).
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { build } from 'esbuild';
import { copyFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const core = join(dirname(fileURLToPath(import.meta.url)), '../packages/core');
const local = process.argv.includes('--local');

await build({
  entryPoints: [join(core, 'dist/index.js')],
  outfile: join(core, 'dist/index.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // Modules that load optional dependencies through createRequire(import.meta.url) (cli-table3, yaml).
  define: { 'import.meta.url': 'bootlensModuleUrl' },
  banner: { js: "const bootlensModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

const config = ExtractorConfig.loadFileAndPrepare(join(core, 'api-extractor.json'));
const QUIET = new Set(['console-preamble', 'console-compiler-version-notice', 'console-api-report-not-copied', 'console-api-report-copied']);
const problems = [];
const result = Extractor.invoke(config, {
  localBuild: local,
  messageCallback: (message) => {
    // Without --local a changed report is left to the API report test, which says what to run.
    if (QUIET.has(message.messageId)) message.logLevel = 'none';
    else if (message.logLevel === 'error' || message.logLevel === 'warning') problems.push(message.messageId);
  },
});
if (result.errorCount > 0 || problems.length > 0) {
  console.error(`api-extractor: ${result.errorCount} errors; problems: ${problems.join(', ')}`);
  process.exit(1);
}
if (local && result.apiReportChanged) console.log('packages/core/etc/core.api.md updated: commit it with the change of the public API');
await copyFile(join(core, 'dist/bootlens-core.d.ts'), join(core, 'dist/index.d.cts'));
