import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { analyze, FORMATS, InputError, renderHtml, renderMarkdown, renderText, Report, type AnalyzeOptions, type InputFormat } from '@bootlens/core/internal';
import { main, type Io } from '../../packages/cli/src/main.js';
import { ROOT } from '../helpers/cli.js';

export const SAMPLES = join(ROOT, 'samples/journals');
/** Fixed seed for every property: CI runs the same cases every time. Override with FC_SEED to explore. */
export const SEED = Number(process.env['FC_SEED'] ?? 20241120);
export const ALL_FORMATS: readonly InputFormat[] = FORMATS.map((f) => f.format);
/** Every file extension of a sample: the 16 journalctl modes (and a gzipped json). */
export const MODES = ['cat', 'export', 'json', 'json-pretty', 'json-seq', 'json-sse', 'json.gz', 'short', 'short-delta', 'short-full',
  'short-iso', 'short-iso-precise', 'short-monotonic', 'short-precise', 'short-unix', 'verbose', 'with-unit'] as const;

export function sample(name: string): Buffer {
  return readFileSync(join(SAMPLES, name));
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validateSchema = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'packages/core/schema/report.schema.json'), 'utf8')));

/** The report's JSON validates against the zod schema and the published JSON Schema; counts add up. */
export function reportProblems(report: Report): string[] {
  const problems: string[] = [];
  const json = JSON.parse(JSON.stringify(report)) as unknown;
  const zod = Report.safeParse(json);
  if (!zod.success) problems.push(`zod: ${zod.error.message.slice(0, 500)}`);
  if (!validateSchema(json)) problems.push(`json schema: ${JSON.stringify(validateSchema.errors?.slice(0, 3))}`);
  for (const input of report.inputs) {
    if (input.lines !== input.parsed + input.skipped) problems.push(`${input.path}: lines ${input.lines} != parsed ${input.parsed} + skipped ${input.skipped}`);
  }
  return problems;
}

export type Outcome = { report: Report; error?: undefined } | { report?: undefined; error: InputError };

/** Analyzes bytes; an InputError is an outcome, anything else thrown fails the caller. */
export async function analyzeBytes(bytes: Uint8Array | string, options: AnalyzeOptions = {}, path = 'input'): Promise<Outcome> {
  try {
    return { report: await analyze([{ path, content: typeof bytes === 'string' ? bytes : Buffer.from(bytes) }], options) };
  } catch (error) {
    if (error instanceof InputError) return { error };
    throw error;
  }
}

const GZIP = Buffer.from([0x1f, 0x8b]);
const JOURNAL = Buffer.from('LPKSHHRH');

/**
 * The documented InputError cases: unknown format (only when sniffing), a binary journal file,
 * broken gzip data and limits passed (`too-large`). Returns why an error is not allowed, or null.
 */
export function unexpectedError(bytes: Uint8Array | string, options: AnalyzeOptions, error: InputError): string | null {
  const head = Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes).subarray(0, 8) : bytes.subarray(0, 8));
  if (error.code === 'unknown-format' && options.inputFormat === undefined) return null;
  if (error.code === 'binary-journal' && head.equals(JOURNAL)) return null;
  if ((error.code === 'unreadable' || error.code === 'too-large') && head.subarray(0, 2).equals(GZIP)) return null;
  return `${error.code}: ${error.message}`;
}

/**
 * Every invariant on one input: no crash, only documented InputErrors, a valid report whose
 * counts add up, every renderer runs, and the same input gives the same report.
 */
export async function invariantProblems(bytes: Uint8Array | string, options: AnalyzeOptions = {}): Promise<string[]> {
  const first = await analyzeBytes(bytes, options);
  if (first.error) {
    const why = unexpectedError(bytes, options, first.error);
    const second = await analyzeBytes(bytes, options);
    if (!second.error || second.error.message !== first.error.message) return ['not deterministic: error then not'];
    return why ? [why] : [];
  }
  const problems = reportProblems(first.report);
  renderText(first.report, { verbose: true });
  renderMarkdown(first.report);
  renderHtml(first.report);
  const second = await analyzeBytes(bytes, options);
  if (second.error) problems.push('not deterministic: report then error');
  else if (JSON.stringify(second.report) !== JSON.stringify(first.report)) problems.push('not deterministic: two reports differ');
  return problems;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process (source, no build) with captured output and the given stdin. */
export async function cli(args: string[], stdin: string | Buffer | NodeJS.ReadableStream = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdin: typeof stdin === 'string' || Buffer.isBuffer(stdin) ? Readable.from(stdin.length === 0 ? [] : [Buffer.from(stdin)]) : stdin,
    stdout: { write: (s: string) => ((stdout += s), true), isTTY: false } as unknown as Io['stdout'],
    stderr: { write: (s: string) => ((stderr += s), true) } as unknown as Io['stderr'],
    env: { NO_COLOR: '1' },
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
