import { FORMATS, InputError, type AnalyzeOptions, type InputFormat, type InputSource, type Report } from '@bootlens/core/internal';
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
  year: { type: 'string' },
  tz: { type: 'string' },
  strict: { type: 'boolean' },
  'max-line-bytes': { type: 'string' },
  'max-input-bytes': { type: 'string' },
};

export const INPUT_USAGE = `      --input-format FORMAT    read inputs as FORMAT instead of detecting it from the content
      --year YYYY              the year of the first entry of modes that print none (short, short-precise, klog)
      --tz Area/City           the zone of times printed without one (short, syslog, logread, dmesg -T; default:
                               this machine's)
      --strict                 exit 2 when any input line could not be read
      --max-line-bytes N       skip (and report) lines longer than N bytes (default 1048576: 1 MiB)
      --max-input-bytes N      stop (exit 2) on an input larger than N bytes once gunzipped (default 4294967296: 4 GiB)`;

/** The core's analyze options from the input options on the command line. */
export function analyzeOptionsFrom(values: OptionValues): AnalyzeOptions {
  const options: AnalyzeOptions = {};
  if (values['input-format'] !== undefined) {
    options.inputFormat = oneOf('input-format', values['input-format'], FORMATS.map((f) => f.format), FORMATS[0]!.format) as InputFormat;
  }
  const year = values['year'];
  if (year !== undefined) {
    if (typeof year !== 'string' || !/^\d{4}$/.test(year)) throw new UsageError(`--year must be a year like 2024, not '${String(year)}'`);
    options.year = Number(year);
  }
  const tz = values['tz'];
  if (tz !== undefined) {
    if (typeof tz !== 'string' || !isTimeZone(tz)) throw new UsageError(`--tz must be a time zone like Europe/Berlin, not '${String(tz)}'`);
    options.timeZone = tz;
  }
  const maxLine = byteCount('max-line-bytes', values['max-line-bytes']);
  if (maxLine !== undefined) options.maxLineBytes = maxLine;
  const maxInput = byteCount('max-input-bytes', values['max-input-bytes']);
  if (maxInput !== undefined) options.maxInputBytes = maxInput;
  const boot = values['boot'];
  if (typeof boot === 'string') options.boot = boot;
  return options;
}

/** A positive whole number of bytes (`--max-line-bytes 4096`), or undefined when not given. */
function byteCount(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`--${name} must be a whole number of bytes above 0, not '${String(value)}'`);
  }
  return n;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `--strict`: any skipped line is an error (exit 2) naming the first one. */
export function checkStrict(values: OptionValues, report: Report): void {
  if (values['strict'] !== true) return;
  const skipped = report.inputs.filter((i) => i.skipped > 0);
  if (skipped.length === 0) return;
  const total = skipped.reduce((n, i) => n + i.skipped, 0);
  const first = report.diagnostics.find((d) => d.path === skipped[0]!.path && d.line > 0 && report.inputs.some((i) => i.path === d.path));
  throw new InputError('skipped-lines', skipped[0]!.path,
    `--strict: ${total} line${total === 1 ? '' : 's'} could not be read (${skipped.map((i) => `${i.path}: ${i.skipped}`).join(', ')})` +
    (first ? `; first: ${first.path}:${first.line}: ${first.message}` : ''));
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
