// Consumer tests (issue 20): what a user of the published packages gets. Both packages are packed
// with pnpm (workspace:* and publishConfig resolved as on publish), the tarballs installed with npm
// into a scratch project in a temp dir, and used from there as other tools would: TypeScript ESM
// (module nodenext; moduleResolution bundler), TypeScript CommonJS (.cts), plain ESM JavaScript,
// CommonJS through require on Node 20, and the `bootlens` binary. Each is type-checked with
// `strict` and `skipLibCheck: false`, then run against a shipped sample. arethetypeswrong and
// publint check the tarballs. `pnpm test` builds before ava runs, so the tarballs hold this build.
import test from 'ava';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { run, type Run } from '../helpers/spawn.js';

const SAMPLE = join(ROOT, 'samples/journals/k0s-reboot-race.json');
const RACE = 'cert-issued-before-address';
const scratch = mkdtempSync(join(tmpdir(), 'bootlens-consumer-'));
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

async function ok(running: Promise<Run>, what: string): Promise<string> {
  const result = await running;
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** pnpm as the test was started by (`pnpm test` sets npm_execpath), else through npx. */
function pnpm(args: string[], cwd: string): Promise<Run> {
  const execPath = process.env['npm_execpath'];
  if (execPath && /pnpm/.test(execPath)) return run(process.execPath, [execPath, ...args], cwd);
  return run('npx', ['-y', 'pnpm@10', ...args], cwd);
}

let tarballs: { core: string; cli: string };

// Type-checking with skipLibCheck false and installing take minutes on a loaded machine.
const LONG = 10 * 60_000;

test.before('pack both packages and install the tarballs into a scratch project', async (t) => {
  t.timeout(LONG);
  const packs = join(scratch, 'tarballs');
  mkdirSync(packs);
  for (const name of ['core', 'cli']) await ok(pnpm(['pack', '--pack-destination', packs], join(ROOT, 'packages', name)), `pnpm pack ${name}`);
  const files = readdirSync(packs);
  tarballs = {
    core: join(packs, files.find((f) => f.startsWith('bootlens-core-'))!),
    cli: join(packs, files.find((f) => f.startsWith('bootlens-cli-'))!),
  };
  const project = join(scratch, 'project');
  cpSync(join(ROOT, 'test/package/consumers'), project, { recursive: true });
  await ok(run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarballs.core, tarballs.cli, '@types/node@20'], project), 'npm install');
});

test.after.always('remove the scratch project', () => {
  rmSync(scratch, { recursive: true, force: true });
});

const tsc = (project: string) => ok(run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], project), `tsc -p ${project}`);

/** Each consumer prints one JSON line: what it found in the sample. */
function assertFound(t: import('ava').ExecutionContext, stdout: string) {
  const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as { rules: string[]; entries: number; events: number; text: string };
  t.true(out.rules.includes(RACE), stdout);
  t.true(out.entries > 50, stdout);
  t.true(out.events > 0, stdout);
  t.regex(out.text, /Boot 1 of 1/);
}

test.serial('TypeScript ESM, module nodenext, strict, skipLibCheck false: type-checks and runs', async (t) => {
  t.timeout(LONG);
  const dir = join(scratch, 'project/ts-nodenext');
  await tsc(dir);
  assertFound(t, await ok(run(process.execPath, ['dist/main.js', SAMPLE], dir), 'node ts-nodenext'));
});

test.serial('TypeScript ESM, moduleResolution bundler, strict, skipLibCheck false: type-checks and runs', async (t) => {
  t.timeout(LONG);
  const dir = join(scratch, 'project/ts-bundler');
  await tsc(dir);
  assertFound(t, await ok(run(process.execPath, ['dist/main.js', SAMPLE], dir), 'node ts-bundler'));
});

test.serial('TypeScript CommonJS (.cts, nodenext): type-checks against index.d.cts and runs', async (t) => {
  t.timeout(LONG);
  const dir = join(scratch, 'project/ts-cjs');
  await tsc(dir);
  assertFound(t, await ok(run(process.execPath, ['dist/main.cjs', SAMPLE], dir), 'node ts-cjs'));
});

test.serial('plain ESM JavaScript runs', async (t) => {
  t.timeout(LONG);
  assertFound(t, await ok(run(process.execPath, ['main.mjs', SAMPLE], join(scratch, 'project/esm')), 'node esm'));
});

test.serial('CommonJS through require on this Node (20 has no require(esm) by default) runs the CJS entry', async (t) => {
  t.timeout(LONG);
  const dir = join(scratch, 'project/cjs');
  const stdout = await ok(run(process.execPath, ['main.cjs', SAMPLE], dir), 'node cjs');
  assertFound(t, stdout);
  t.regex(stdout, /resolved: .*[\\/]@bootlens[\\/]core[\\/]dist[\\/]index\.cjs/);
});

test.serial('a consumer cannot reach internals through a deep import', async (t) => {
  t.timeout(LONG);
  const dir = join(scratch, 'project/esm');
  const result = await run(process.execPath, ['--input-type=module', '-e', "await import('@bootlens/core/dist/rules/index.js')"], dir);
  t.not(result.status, 0);
  t.regex(result.stderr, /ERR_PACKAGE_PATH_NOT_EXPORTED/);
});

test.serial('the installed bootlens binary reads a sample and prints both versions', async (t) => {
  t.timeout(LONG);
  const dir = join(scratch, 'project');
  const bootlens = join(dir, 'node_modules/.bin/bootlens');
  const version = await ok(run(bootlens, ['--version'], dir), 'bootlens --version');
  t.regex(version, /@bootlens\/cli \d+\.\d+\.\d+/);
  t.regex(version, /@bootlens\/core \d+\.\d+\.\d+/);
  const result = await run(bootlens, ['analyze', SAMPLE], dir);
  t.is(result.status, 1, result.stderr); // findings at error severity
  t.regex(result.stdout, new RegExp(RACE));
});

test.serial('arethetypeswrong finds no problem in the tarballs', async (t) => {
  t.timeout(LONG);
  // ./internal is the CLI's own entry (ESM only, no node10 fallback): not checked; the public entry is, in every resolution mode.
  const core = await run(bin('attw'), [tarballs.core, '--exclude-entrypoints', './internal', '--format', 'table-flipped'], ROOT);
  t.is(core.status, 0, core.stdout + core.stderr);
  // The CLI's programmatic entry (main, COMMANDS) is ESM only by decision: CommonJS callers run the binary.
  const cli = await run(bin('attw'), [tarballs.cli, '--profile', 'esm-only', '--format', 'table-flipped'], ROOT);
  t.is(cli.status, 0, cli.stdout + cli.stderr);
});

test.serial('publint finds no error in the tarballs', async (t) => {
  t.timeout(LONG);
  for (const tarball of [tarballs.core, tarballs.cli]) {
    const result = await run(bin('publint'), [tarball], ROOT);
    t.is(result.status, 0, result.stdout + result.stderr);
    t.notRegex(result.stdout, /Errors:/);
  }
});
