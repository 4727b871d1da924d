import type { ParseArgsConfig } from 'node:util';

export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

/** A bad command line: the CLI prints the message and the command's usage line, and exits 2. */
export class UsageError extends Error {}

/** One `bootlens <name>` command: it owns its options and its output, and returns the exit code. */
export interface Command {
  name: string;
  /** One line for `bootlens --help`. */
  summary: string;
  /** The usage text for `bootlens <name> --help`, starting with `Usage: bootlens <name> …`. */
  usage: string;
  options: OptionSpecs;
  run(values: OptionValues, positionals: string[], io: Io): Promise<number>;
}
