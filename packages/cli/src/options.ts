import { FORMATS, type AnalyzeOptions, type InputFormat, type InputSource } from '@bootlens/core';
import { UsageError, type Io, type OptionSpecs, type OptionValues } from './command.js';
import type { FailOn } from './exit-code.js';

export function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not '${String(value)}'`);
  }
  return value as T;
}

/** Options every command that reads journals takes. Commands spread these into their own. */
export const INPUT_OPTIONS: OptionSpecs = {
  'input-format': { type: 'string' },
};

export const INPUT_USAGE = `      --input-format FORMAT    read inputs as FORMAT instead of detecting it from the content`;

/** The core's analyze options from the input options on the command line. */
export function analyzeOptionsFrom(values: OptionValues): AnalyzeOptions {
  const options: AnalyzeOptions = {};
  if (values['input-format'] !== undefined) {
    options.inputFormat = oneOf('input-format', values['input-format'], FORMATS.map((f) => f.format), FORMATS[0]!.format) as InputFormat;
  }
  return options;
}

/** Paths to input sources; `-` is standard input. */
export function sourcesFrom(positionals: readonly string[], io: Io, what = 'at least one journal file (or - for standard input)'): InputSource[] {
  if (positionals.length === 0) throw new UsageError(`needs ${what}`);
  return positionals.map((path) => (path === '-' ? { path: '-', content: io.stdin } : { path }));
}

export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'none'];

/** Colour only on a terminal, never with NO_COLOR or TERM=dumb, unless --color says otherwise. */
export function useColor(values: OptionValues, io: Io): boolean {
  const mode = oneOf('color', values['color'], ['auto', 'always', 'never'] as const, 'auto');
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return Boolean(io.stdout.isTTY) && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb';
}
