// Bundles the compiled CLI (`packages/cli/dist/main.js`, written by `tsc -b`) and everything it
// imports into one file, `packages/cli/dist/bootlens.bundle.cjs`, which `bin/bootlens.js` runs:
// start-up then reads one file instead of ~250 (module resolution and file reads were most of it).
// The bundle is CommonJS so that bin/load-bundle.js can compile it with `vm.Script` and a V8 code
// cache, which scripts/code-cache.mjs makes right after the bundle (see there).
// Run by the workspace's `prepare`, `build` and `test` scripts right after `tsc -b`, so the bundle
// is always built from the type-checked output of the same run.
//
// Two things depend on where the bundle sits (`packages/cli/dist/`, beside `main.js`):
// - `main.ts` reads `../package.json` relative to itself: unchanged, same folder.
// - the worker pool starts `dist/pool/worker.js` (the tsc output, not bundled): `BOOTLENS_BUNDLE`
//   tells `pool.ts` it runs from the bundle one folder above `pool/`.
// cli-table3, yaml and the bundle readers (tar-stream, fflate, unbzip2-stream) are loaded on first
// use through `createRequire(import.meta.url)`, which would resolve from the bundle's folder. In the
// bundle those calls become esbuild's own `require`: cli-table3 is bundled and only evaluated when
// first used; yaml and the bundle readers are external (below), resolved from the bundle's folder,
// where the CLI's own dependencies on them put them.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `bootlens --version` names the version of the core bundled here (main.ts).
const coreVersion = JSON.parse(readFileSync(join(root, 'packages/core/package.json'), 'utf8')).version;
const LAZY = /\brequireHere\('(cli-table3|yaml|tar-stream|fflate|unbzip2-stream)'\)/g;
// The decoders that are ES modules are imported on first use (`await import('lz4js')`). A script
// compiled by `vm.Script` (bin/load-bundle.js) may not call `import()` on Node 20 without a flag: the
// loader hands the bundle its own `import` as `bootlensImport`, which these calls use instead.
const DYNAMIC_IMPORT = /\bawait import\((['"])/g;

await build({
  entryPoints: [join(root, 'packages/cli/dist/main.js')],
  outfile: join(root, 'packages/cli/dist/bootlens.bundle.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // `import.meta.url` of the modules bundled is the bundle's own URL (its banner sets it): files they
  // find beside themselves (`../package.json`, the worker pool's `pool/worker.js`) are found beside it.
  define: { BOOTLENS_BUNDLE: 'true', BOOTLENS_CORE_VERSION: JSON.stringify(coreVersion), 'import.meta.url': 'bootlensBundleUrl' },
  // yaml (~260 KiB) is only needed by `check` and `--config`: left out of the bundle, so the other
  // commands do not parse it at start-up, and required from node_modules on first use (the CLI
  // declares it as its own dependency for that).
  // The decoders of compressed journal-file objects (parse/journal-file/decompress.ts) likewise: loaded
  // on first use, and @bokuweb/zstd-wasm reads its .wasm file beside its own module.
  // The support-bundle readers (tar-stream, fflate, unbzip2-stream; bundle/archive.ts) too: only
  // `analyze` of a directory or archive needs them.
  external: ['yaml', '@bokuweb/zstd-wasm', 'lz4js', 'xz-decompress', 'tar-stream', 'fflate', 'unbzip2-stream'],
  banner: { js: "const bootlensBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
  plugins: [
    {
      // zod re-exports every translation of its messages as `z.locales` (~360 KiB, a quarter of
      // the bundle, parsed at every start); bootlens uses none of them (zod's English messages are
      // imported by its schemas directly). Round 5 of docs/performance.md.
      name: 'no-zod-locales',
      setup(b) {
        b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
          (/[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'bootlens-stub' } : undefined));
        b.onLoad({ filter: /.*/, namespace: 'bootlens-stub' }, () => ({ contents: 'export {};', loader: 'js' }));
      },
    },
    {
      name: 'lazy-require',
      setup(b) {
        b.onLoad({ filter: /[\\/]packages[\\/](cli|core)[\\/]dist[\\/].*\.js$/ }, async (args) => {
          const text = await readFile(args.path, 'utf8');
          return { contents: text.replace(LAZY, "require('$1')").replace(DYNAMIC_IMPORT, 'await bootlensImport($1'), loader: 'js' };
        });
      },
    },
  ],
});

// Every dynamic import was routed through the loader's (above); one left would fail at run time.
if (/\bimport\(\s*['"]/.test(readFileSync(join(root, 'packages/cli/dist/bootlens.bundle.cjs'), 'utf8'))) {
  throw new Error('bundle.mjs: the bundle still calls import(); route it through bootlensImport');
}

// The code cache is made from this bundle, so it is made again whenever the bundle is (code-cache.mjs).
await import('./code-cache.mjs');
