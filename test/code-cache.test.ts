// The CLI's start-up (docs/performance.md, "Start-up: the bundle's code cache"): bin/load-bundle.js
// runs the bundle with the V8 code cache scripts/code-cache.mjs made for it at build time.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '@bootlens/core';
import { runCli } from './helpers/cli.js';
import { largeFieldsExport, remoteJournal, tempDir, VARIANTS, writeTemp } from './journal-file/helpers.js';
// @ts-expect-error plain JS beside the CLI's bin, without declarations
import { BUNDLE, CACHE, digestOf, usableCache } from '../packages/cli/bin/load-bundle.js';

const loader = fileURLToPath(new URL('../packages/cli/bin/load-bundle.js', import.meta.url));

test('the build made a cache of this very bundle, and V8 takes it (a plain node, as the bin runs)', (t) => {
  t.truthy(usableCache(readFileSync(CACHE), readFileSync(BUNDLE)), 'the cache starts with the SHA-256 of the bundle it was made from');
  const rejected = execFileSync(process.execPath, ['--input-type=module', '-e',
    `import { loadBundle } from ${JSON.stringify(loader)}; console.log(loadBundle().script.cachedDataRejected);`], { encoding: 'utf8' });
  t.is(rejected.trim(), 'false');
});

test('a cache made from another bundle is not used, whatever its length', (t) => {
  const source = 'module.exports = 1;';
  const data = Buffer.from('v8 data');
  t.deepEqual(usableCache(Buffer.concat([digestOf(source), data]), source), data);
  t.is(usableCache(Buffer.concat([digestOf(source), data]), 'module.exports = 2;'), undefined, 'same length, other text');
  t.is(usableCache(digestOf(source), source), undefined, 'a digest and no data');
  t.is(usableCache(Buffer.alloc(0), source), undefined);
});

test('the bundle\'s dynamic imports go through the loader: the bin reads a zstd-compressed journal file', (t) => {
  // bundle.mjs fails the build if an import() is left; this runs the decoder the rewritten call loads.
  t.true(readFileSync(BUNDLE, 'utf8').includes('bootlensImport("@bokuweb/zstd-wasm")'));
  const tmp = tempDir();
  t.teardown(tmp.done);
  const file = remoteJournal(writeTemp(tmp.dir, 'large.export', largeFieldsExport()), join(tmp.dir, 'large.journal'), VARIANTS[3]!);
  const result = runCli(['analyze', '--format', 'json', file]);
  t.is(result.stderr, '');
  const report = JSON.parse(result.stdout) as Report;
  t.like(report.inputs[0], { format: 'journal-file', entries: 40, skipped: 0 });
  // The fixture's binary field is not UTF-8 on purpose; an object left compressed would add its own diagnostic.
  t.deepEqual(report.diagnostics.map((d) => d.code), ['invalid-utf8']);
  // The x509 errors are only in the messages large enough to be compressed.
  t.true(report.boots.some((b) => b.events.some((e) => e.kind === 'tls-verify-failed')));
});
