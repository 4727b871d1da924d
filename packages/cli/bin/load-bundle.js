// Loads the CLI's bundle (`dist/bootlens.bundle.cjs`, written by scripts/bundle.mjs) with the V8 code
// cache that scripts/code-cache.mjs made for it at build time (`dist/bootlens.bundle.cjs.cache`):
// the bytecode of the functions a run uses, so a start neither parses the 1.1 MB bundle nor compiles
// those functions again. What Node 22's `module.enableCompileCache()` does, on Node 20 and without
// writing at run time. A cache is used only when it was made from this very bundle (its first 32
// bytes are the bundle's SHA-256); V8 itself rejects one made by another Node or with other flags,
// and then the bundle is compiled as it would be without a cache.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

export const BUNDLE = fileURLToPath(new URL('../dist/bootlens.bundle.cjs', import.meta.url));
export const CACHE = `${BUNDLE}.cache`;
const DIGEST_BYTES = 32;

/**
 * CommonJS's module wrapper, and `bootlensImport`: the bundle imports a few decoders that are ES
 * modules on first use (`bootlensImport('lz4js')`, bare names of the CLI's own dependencies, which
 * resolve from here as from the bundle). A script compiled by `vm.Script` may not call `import()`
 * itself on Node 20 (it needs --experimental-vm-modules, or an option that prints an experimental
 * warning); scripts/bundle.mjs rewrites those calls.
 */
const WRAPPER = '(function (exports, require, module, __filename, __dirname, bootlensImport) { ';
const bootlensImport = (specifier) => import(specifier);

/** The SHA-256 of the bundle (its bytes as read, or its text: the same for UTF-8): what a cache must start with. */
export const digestOf = (bundle) => createHash('sha256').update(bundle).digest();

/** The V8 data of a cache file's bytes when they were made from `bundle`, else undefined. */
export function usableCache(file, bundle) {
  if (file.length <= DIGEST_BYTES || !file.subarray(0, DIGEST_BYTES).equals(digestOf(bundle))) return undefined;
  return file.subarray(DIGEST_BYTES);
}

/** The cache's V8 data when it was made from `bundle`, else undefined. */
function cachedDataFor(bundle) {
  let file;
  try {
    file = readFileSync(CACHE);
  } catch {
    return undefined;
  }
  return usableCache(file, bundle);
}

/**
 * Compiles and runs the bundle as the CommonJS module it is; returns its exports and the script (from
 * which scripts/code-cache.mjs takes the cache). `useCache: false` compiles without one.
 */
export function loadBundle({ useCache = true } = {}) {
  // Read once: the digest is of these bytes (hashing the decoded text would encode it again).
  const bytes = readFileSync(BUNDLE);
  const source = bytes.toString('utf8');
  const script = new vm.Script(`${WRAPPER}${source}\n})`, { filename: BUNDLE, cachedData: useCache ? cachedDataFor(bytes) : undefined });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE), bootlensImport);
  return { exports: module.exports, script, bytes };
}
