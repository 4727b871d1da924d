#!/usr/bin/env node
// The CLI is compiled by `tsc -b` and bundled into one file by `scripts/bundle.mjs` (both run by
// the workspace's `prepare` on install, and by `build` and `test`); load-bundle.js runs the bundle
// with the code cache made for it at build time.
import { loadBundle } from './load-bundle.js';

const { main } = loadBundle().exports;
process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
