import { criticalChainFromJournal, formatTimespan, inert, type JournalChainStep } from '@bootlens/core/internal';
import type { Command } from '../command.js';
import { INPUT_USAGE, useColor } from '../options.js';
import { axisNote, BOOT_USAGE, bootFrom, note, UNIT_TIMES_OPTIONS } from './journal-units.js';

const RED = '\x1b[0;1;31m';
const NORMAL = '\x1b[0m';

/** One line as list_dependencies_print() (analyze-critical-chain.c) prints it. */
function chainLine(step: JournalChainStep, color: boolean): string {
  const tree = step.depth === 0 ? '' : `${'  '.repeat(step.depth - 1)}└─`;
  const at = step.atUs === null ? null : `@${formatTimespan(step.atUs)}`;
  const plus = step.plusUs === null ? null : `+${formatTimespan(step.plusUs)}`;
  // The root prints `+T` alone when it has a duration; children print `@A +T`.
  const times = step.depth === 0 ? (plus ?? at) : plus && at ? `${at} ${plus}` : at;
  const text = times ? `${inert(step.unit)} ${times}` : inert(step.unit);
  return plus && color ? `${tree}${RED}${text}${NORMAL}` : `${tree}${text}`;
}

/**
 * `bootlens critical-chain <journal> [unit]`: `systemd-analyze critical-chain` for a boot that is
 * over, rebuilt from the journal with the latest-finishing-predecessor heuristic.
 */
export const criticalChainCommand: Command = {
  name: 'critical-chain',
  summary: 'systemd-analyze critical-chain for any boot in a journal (ordering guessed: see --help)',
  usage: `Usage: bootlens critical-chain [options] <journal…|-> [UNIT]

Prints the chain of units a boot (or UNIT) waited for, in systemd-analyze critical-chain's layout,
rebuilt from systemd's job messages in the journal. A journal holds no After= dependencies, so each
unit's predecessor is the unit that became active last before it began starting (the
latest-finishing predecessor): a plausible ordering, not a proven one.

Options:
${BOOT_USAGE}
${INPUT_USAGE}
      --color auto|always|never  red for units with a start time, as systemd does (default: auto)
`,
  options: { ...UNIT_TIMES_OPTIONS, color: { type: 'string' } },
  async run(values, positionals, io) {
    // A last argument that names a unit (not a file) is the chain's root, as in systemd-analyze.
    const unitArg = positionals.length > 1 && /\.(?:target|service|socket|mount|device|slice|scope|swap|path|timer|automount)$/.test(positionals.at(-1)!)
      ? positionals.at(-1)! : undefined;
    const files = unitArg ? positionals.slice(0, -1) : positionals;
    const boot = await bootFrom(values, files, io);
    const chain = criticalChainFromJournal(boot, unitArg ? { unit: unitArg } : {});
    if (chain.steps.length === 0) {
      io.stderr.write(`bootlens: critical-chain: the journal never shows ${inert(chain.missingRoot ?? 'a unit')} becoming active in this boot\n`);
      return 1;
    }
    const color = useColor(values, io);
    const out = [
      'The time when unit became active or started is printed after the "@" character.',
      'The time the unit took to start is printed after the "+" character.',
      '',
      ...chain.steps.map((s) => chainLine(s, color)),
    ];
    const lines = [
      `Derived from the journal of boot ${inert(boot.bootId ?? String(boot.index + 1))}: "Starting X…" is when X began activating, "Started/Finished X." or "Reached target X." when it became active.`,
      'The journal holds no dependencies (After=): each unit\'s predecessor here is the unit that became active last at or before it began',
      'starting (latest-finishing predecessor). That is the unit it most plausibly waited for, not a proven dependency;',
      'systemd-analyze critical-chain on the machine itself follows After= and is authoritative for the current boot.',
      axisNote(boot),
    ];
    io.stdout.write(`${out.join('\n')}\n${note(lines)}`);
    return 0;
  },
};
