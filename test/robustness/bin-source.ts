// The CLI as bin/bootlens.js runs it, but from source (tsx), so tests need no build.
import { main } from '../../packages/cli/src/main.js';

process.exitCode = await main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
