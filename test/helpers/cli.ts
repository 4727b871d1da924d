import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExecutionContext } from 'ava';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'packages', 'cli', 'bin', 'bootlens.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI (what `pnpm exec bootlens` runs) from the repository root, so paths in its
 * output are the relative paths a user would type. `pnpm test` builds before testing.
 */
export function runCli(args: string[], input?: string | Buffer, env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input,
    env: { PATH: process.env['PATH'], ...env },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Compares `actual` with the golden file `test/golden/<name>`; `UPDATE_GOLDEN=1 pnpm test`
 * rewrites the golden files instead (review the diff before committing).
 */
export function matchesGolden(t: ExecutionContext, name: string, actual: string): void {
  const path = join(ROOT, 'test', 'golden', name);
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(path)) {
    if (process.env['CI'] && !existsSync(path)) {
      t.fail(`golden file test/golden/${name} is missing; run UPDATE_GOLDEN=1 pnpm test and commit it`);
      return;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  t.is(actual, readFileSync(path, 'utf8'), `output differs from test/golden/${name} (UPDATE_GOLDEN=1 to accept)`);
}
