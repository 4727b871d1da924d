import { blameFromJournal, formatTimespan, inert } from '@bootlens/core/internal';
import type { Command } from '../command.js';
import { INPUT_USAGE } from '../options.js';
import { BOOT_USAGE, bootFrom, note, UNIT_TIMES_OPTIONS } from './journal-units.js';

/**
 * `bootlens blame <journal>`: `systemd-analyze blame` for a boot that is over, rebuilt from the
 * Starting/Started lines in the journal, in systemd's layout.
 */
export const blameCommand: Command = {
  name: 'blame',
  summary: 'systemd-analyze blame for any boot in a journal: how long each unit took to start',
  usage: `Usage: bootlens blame [options] <journal…|->

Prints how long each unit took to start in one boot, longest first, as systemd-analyze blame does,
rebuilt from systemd's "Starting …" and "Started/Finished …" journal lines.

Options:
${BOOT_USAGE}
${INPUT_USAGE}
`,
  options: UNIT_TIMES_OPTIONS,
  async run(values, positionals, io) {
    const boot = await bootFrom(values, positionals, io);
    const rows = blameFromJournal(boot);
    if (rows.length === 0) {
      io.stderr.write('bootlens: blame: this boot has no pair of "Starting …" and "Started/Finished …" lines from systemd (PID 1)\n');
      return 1;
    }
    const times = rows.map((r) => formatTimespan(r.durationUs));
    const width = times.reduce((w, t) => Math.max(w, t.length), 0);
    const table = rows.map((r, i) => `${times[i]!.padStart(width)} ${inert(r.unit)}`).join('\n');
    const unnamed = rows.filter((r) => !r.span.named).length;
    const lines = [
      `Derived from the journal of boot ${inert(boot.bootId ?? String(boot.index + 1))}: each time is "Started/Finished X." minus the "Starting X…" before it`,
      '(systemd-analyze blame: ActiveEnter − InactiveExit), for the last time each unit started.',
      'Not shown: units that log no "Starting" line (Type=simple services, targets, most mounts and devices), whose start systemd does not announce.',
    ];
    if (unnamed > 0) lines.push(`${unnamed} unit${unnamed === 1 ? ' is' : 's are'} shown by description: this journal logged no unit name for them.`);
    if (boot.timeBasis !== 'monotonic') lines.push('This journal has no monotonic clock: times are wall-clock differences, to the precision it printed.');
    io.stdout.write(`${table}\n${note(lines)}`);
    return 0;
  },
};
