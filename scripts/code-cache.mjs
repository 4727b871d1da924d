// Makes the V8 code cache of the CLI's bundle (`packages/cli/dist/bootlens.bundle.cjs.cache`), run by
// scripts/bundle.mjs right after the bundle is written. The bundle is compiled without a cache, then
// runs `analyze` on the shipped k0s-reboot-race sample in each of its formats (and once as text), so
// that the functions a run uses are compiled; V8's data for the script then holds their bytecode too.
// bin/load-bundle.js hands it to V8 when its first 32 bytes are the bundle's SHA-256.
//
// Measured (docs/performance.md, "Start-up: the bundle's code cache"): a 1M-entry short-iso-precise
// run ~11 % faster, a small input's start ~190 M instructions fewer. Without the cache (another Node, other
// V8 flags, a failure here) the CLI works as before, only slower to start.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { CACHE, digestOf, loadBundle } from '../packages/cli/bin/load-bundle.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const samples = join(root, 'samples/journals');
const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });
const io = () => ({ stdin: Readable.from([]), stdout: sink(), stderr: sink(), env: {} });

rmSync(CACHE, { force: true });
try {
  const { exports, script, bytes } = loadBundle({ useCache: false });
  const inputs = readdirSync(samples).filter((f) => f.startsWith('k0s-reboot-race') && !f.endsWith('.yaml')).sort();
  for (const input of inputs) await exports.main(['analyze', '--format', 'json', join(samples, input)], io());
  await exports.main(['analyze', join(samples, 'k0s-reboot-race.short-iso-precise')], io());
  writeFileSync(CACHE, Buffer.concat([digestOf(bytes), script.createCachedData()]));
} catch (error) {
  // The CLI runs without a cache; say why, but do not fail the build over it.
  rmSync(CACHE, { force: true });
  console.warn(`code-cache: no cache made (${error instanceof Error ? error.message : String(error)})`);
}
