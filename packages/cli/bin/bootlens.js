#!/usr/bin/env node
// The CLI is compiled by `tsc -b` (run by the workspace's `prepare` on install).
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
