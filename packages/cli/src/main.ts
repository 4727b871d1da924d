import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { inert, InputError } from '@bootlens/core';
import { lineScout, scoutTotals } from '@bootlens/core/internal';
import { UsageError, type Command, type Io } from './command.js';
import { COMMANDS } from './commands/index.js';

export type { Io } from './command.js';

/** The version of @bootlens/core the bundle was built with (scripts/bundle.mjs); absent when run unbundled. */
declare const BOOTLENS_CORE_VERSION: string | undefined;

function versionAt(url: URL | string): string {
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

/**
 * `bootlens --version`: this package's version and that of the @bootlens/core it runs (the one
 * bundled into it; unbundled, the one installed beside it). The packages are versioned together
 * (changesets, fixed group), so the two differ only in a broken install.
 */
function versions(): string {
  const core = typeof BOOTLENS_CORE_VERSION === 'string'
    ? BOOTLENS_CORE_VERSION
    : versionAt(createRequire(import.meta.url).resolve('@bootlens/core/package.json'));
  return `@bootlens/cli ${versionAt(new URL('../package.json', import.meta.url))}\n@bootlens/core ${core}\n`;
}

export function mainUsage(): string {
  const width = COMMANDS.reduce((w, c) => Math.max(w, c.name.length), 0);
  return `Usage: bootlens <command> [options] <inputs…>

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run 'bootlens <command> --help' for a command's options. 'bootlens --version' prints the versions of
bootlens and of @bootlens/core.
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
    io.stdout.write(versions());
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
    const code = await command.run(parsed.values, parsed.positionals, io);
    // What the scout that reads large files ahead did (parse/scout/ in the core): for its tests and benchmarks.
    if (io.env['BOOTLENS_SCOUT_STATS']) {
      io.stderr.write(`bootlens: scout: ${scoutTotals.scouted} chunks scouted, ${scoutTotals.readHere} read by the main thread, ${scoutTotals.workerErrors} worker errors, ${scoutTotals.stopped} stopped early, ${lineScout.taken} lines read from its tables\n`);
    }
    return code;
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
