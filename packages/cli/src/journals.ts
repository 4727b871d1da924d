import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { findJournals, InputError } from '@bootlens/core/internal';
import { UsageError } from './command.js';

/**
 * The journals a command over many files reads: each directory searched for journals (see
 * `isJournalName` in @bootlens/core and docs/expectations.md), each file taken as it is. Default `.`.
 */
export function journalsFrom(positionals: readonly string[]): string[] {
  const out: string[] = [];
  for (const arg of positionals.length > 0 ? positionals : ['.']) {
    if (arg === '-') throw new UsageError('reads files and directories, not standard input');
    const stat = statSync(arg, { throwIfNoEntry: false });
    if (!stat) throw new InputError('unreadable', arg, `${arg}: no such file or directory`);
    if (stat.isDirectory()) {
      const found = findJournals(arg);
      if (found.length === 0) throw new InputError('unreadable', arg, `${arg}: no journals in this directory (see docs/expectations.md for which names count)`);
      for (const f of found) out.push(f);
    } else {
      out.push(arg);
    }
  }
  return [...new Set(out)];
}

/** `--jobs N`: worker threads (0 or 1: analyze in the main thread). */
export function jobsFrom(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new UsageError(`--jobs must be a whole number, not '${String(value)}'`);
  return n;
}

/**
 * How tables name journals: relative to the directory when one directory was given (the heading
 * says which), else as given. Full paths stay in JSON and JUnit.
 */
export function displayNames(positionals: readonly string[], journals: readonly string[]): { base: string | null; name: (path: string) => string } {
  const only = positionals.length === 1 ? positionals[0]! : null;
  if (only !== null && statSync(only, { throwIfNoEntry: false })?.isDirectory()) {
    return { base: only, name: (path) => relative(only, path) || path };
  }
  return { base: null, name: (path) => path };
}

/** cli-table3 pads cells with spaces: drop them at the ends of lines. */
export function trimLines(text: string): string {
  return text.replace(/[ \t]+$/gm, '');
}
