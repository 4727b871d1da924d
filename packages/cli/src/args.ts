import { parseArgs } from 'node:util';
import { FORMATS, type InputFormat } from '@bootlens/core';
import type { FailOn } from './exit-code.js';

export class UsageError extends Error {}

export interface AnalyzeArgs {
  command: 'analyze';
  files: string[];
  format: 'text' | 'json';
  failOn: FailOn;
  inputFormat: InputFormat | undefined;
  verbose: boolean;
  color: 'auto' | 'always' | 'never';
}

export type Args = AnalyzeArgs | { command: 'help' } | { command: 'version' };

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not '${value}'`);
  }
  return value as T;
}

export function parseCommandLine(argv: readonly string[]): Args {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') return { command: 'help' };
  if (command === '-V' || command === '--version') return { command: 'version' };
  if (command !== 'analyze') throw new UsageError(`unknown command '${command}'`);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        'fail-on': { type: 'string' },
        'input-format': { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
        color: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (positionals.length === 0) throw new UsageError('analyze needs at least one journal file (or - for standard input)');
  return {
    command: 'analyze',
    files: positionals,
    format: oneOf('format', values.format, ['text', 'json'] as const, 'text'),
    failOn: oneOf('fail-on', values['fail-on'], ['error', 'warning', 'info', 'none'] as const, 'error'),
    inputFormat: values['input-format'] === undefined ? undefined : oneOf('input-format', values['input-format'], FORMATS.map((f) => f.format), FORMATS[0]!.format),
    verbose: values.verbose ?? false,
    color: oneOf('color', values.color, ['auto', 'always', 'never'] as const, 'auto'),
  };
}

export const USAGE = `Usage: bootlens analyze [options] <journal…|->

Reads journalctl output (short-iso, short-iso-precise, json; gzip too) and explains boot-order races.

Options:
  -f, --format text|json       output format (default: text)
      --fail-on error|warning|info|none
                               exit 1 when a finding is at or above this severity (default: error)
      --input-format FORMAT    read inputs as FORMAT instead of detecting it
  -v, --verbose                every event in the table, not only the key ones
      --color auto|always|never  colour (default: auto: only on a terminal, never with NO_COLOR)
  -h, --help                   this help
  -V, --version                the version

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 bad usage or unreadable input.
`;
