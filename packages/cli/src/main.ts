import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { inert, InputError } from '@bootlens/core';
import { UsageError, type Command, type Io } from './command.js';
import { COMMANDS } from './commands/index.js';

export type { Io } from './command.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function mainUsage(): string {
  const width = COMMANDS.reduce((w, c) => Math.max(w, c.name.length), 0);
  return `Usage: bootlens <command> [options] <inputs…>

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run 'bootlens <command> --help' for a command's options. 'bootlens --version' prints the version.
`;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

/** Runs the CLI and returns its exit code. Bad usage or unreadable input: one line on stderr and 2. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(mainUsage());
    return 0;
  }
  if (name === '-V' || name === '--version') {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`unknown command '${name}'`);
    let parsed;
    try {
      parsed = parseArgs({ args: [...rest], allowPositionals: true, options: { ...command.options, help: { type: 'boolean', short: 'h' } } });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (parsed.values['help']) {
      io.stdout.write(command.usage);
      return 0;
    }
    return await command.run(parsed.values, parsed.positionals, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const usage = command ? firstLine(command.usage) : firstLine(mainUsage());
      // Messages may quote input (a boot id, a line): made inert like any log text.
      io.stderr.write(`bootlens: ${command ? `${command.name}: ` : ''}${inert(error.message)}\n${usage}\n`);
      return 2;
    }
    if (error instanceof InputError) {
      io.stderr.write(`bootlens: ${inert(error.message)}\n`);
      return 2;
    }
    throw error;
  }
}
