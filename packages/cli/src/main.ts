import { readFileSync } from 'node:fs';
import { analyze, InputError, renderText, Report, type InputSource } from '@bootlens/core';
import { parseCommandLine, UsageError, USAGE, type AnalyzeArgs } from './args.js';
import { getExitCode } from './exit-code.js';

export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function useColor(args: AnalyzeArgs, io: Io): boolean {
  if (args.color === 'always') return true;
  if (args.color === 'never') return false;
  return Boolean(io.stdout.isTTY) && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb';
}

async function runAnalyze(args: AnalyzeArgs, io: Io): Promise<number> {
  const sources: InputSource[] = args.files.map((path) => (path === '-' ? { path: '-', content: io.stdin } : { path }));
  const report = await analyze(sources, args.inputFormat ? { inputFormat: args.inputFormat } : {});
  if (args.format === 'json') {
    // The contract other tools parse: validate before anything leaves the process.
    io.stdout.write(`${JSON.stringify(Report.parse(report), null, 2)}\n`);
  } else {
    io.stdout.write(renderText(report, { color: useColor(args, io), verbose: args.verbose }));
  }
  return getExitCode(report, args.failOn);
}

/** Runs the CLI and returns its exit code. Never throws for bad input: that is one line on stderr and 2. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const args = parseCommandLine(argv);
    if (args.command === 'help') {
      io.stdout.write(USAGE);
      return 0;
    }
    if (args.command === 'version') {
      io.stdout.write(`${version()}\n`);
      return 0;
    }
    return await runAnalyze(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`bootlens: ${error.message}\n${USAGE.split('\n')[0]}\n`);
      return 2;
    }
    if (error instanceof InputError) {
      io.stderr.write(`bootlens: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
