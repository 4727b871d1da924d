// The CLI's start-up (docs/performance.md, "Start-up: the bundle's code cache"): bin/load-bundle.js
// runs the bundle with the V8 code cache scripts/code-cache.mjs made for it at build time.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain JS beside the CLI's bin, without declarations
import { BUNDLE, CACHE, digestOf, usableCache } from '../packages/cli/bin/load-bundle.js';

const loader = fileURLToPath(new URL('../packages/cli/bin/load-bundle.js', import.meta.url));

test('the build made a cache of this very bundle, and V8 takes it (a plain node, as the bin runs)', (t) => {
  const source = readFileSync(BUNDLE, 'utf8');
  t.truthy(usableCache(readFileSync(CACHE), source), 'the cache starts with the SHA-256 of the bundle it was made from');
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

test('the bundle calls no import() of its own: the loader hands it bootlensImport (vm.Script cannot import on Node 20)', (t) => {
  const source = readFileSync(BUNDLE, 'utf8');
  t.false(/\bimport\(\s*['"]/.test(source));
  t.true(source.includes('bootlensImport("lz4js")'));
});
