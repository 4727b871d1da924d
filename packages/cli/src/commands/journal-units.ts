import { analyze, inert, selectBoot, type Boot } from '@bootlens/core/internal';
import { UsageError, type Io, type OptionSpecs, type OptionValues } from '../command.js';
import { analyzeOptionsFrom, checkStrict, INPUT_OPTIONS, sourcesFrom } from '../options.js';

/** Options shared by `blame` and `critical-chain`: which inputs, and which boot. */
export const UNIT_TIMES_OPTIONS: OptionSpecs = {
  ...INPUT_OPTIONS,
  boot: { type: 'string', short: 'b' },
};

export const BOOT_USAGE = `  -b, --boot ID|N              the boot to show: a boot id, 0 the last (default), -1 the one before, N the Nth from the oldest`;

/** Reads the inputs and picks the boot `--boot` names (default: the last). */
export async function bootFrom(values: OptionValues, positionals: string[], io: Io): Promise<Boot> {
  const selector = typeof values['boot'] === 'string' ? values['boot'] : undefined;
  // Unit times and the timeline need every event the timeline holds, not the report's capped list.
  const report = await analyze(sourcesFrom(positionals, io), {
    ...analyzeOptionsFrom(values), maxEventsPerBoot: Number.POSITIVE_INFINITY, ...(selector !== undefined ? { boot: selector } : {}),
  });
  checkStrict(values, report);
  // With a selector, analyze reports that boot alone (or none, with a boot-not-found diagnostic).
  const notFound = report.diagnostics.find((d) => d.code === 'boot-not-found');
  if (notFound) throw new UsageError(notFound.message);
  if (report.boots.length === 0) throw new UsageError('the inputs hold no boot');
  const boot = selector !== undefined ? report.boots[0] : selectBoot(report.boots, selector);
  if (!boot) {
    throw new UsageError(`no boot '${selector}' in the inputs (${report.boots.length} boot${report.boots.length === 1 ? '' : 's'}: ` +
      `${report.boots.map((b, i) => inert(b.bootId ?? String(i + 1))).join(', ')})`);
  }
  return boot;
}

/** The axis note every derived output ends with. */
export function axisNote(boot: Boot): string {
  const from = boot.userspaceStart?.from;
  const anchor = from === 'startup-finished' ? 'systemd\'s "Startup finished" entry (kernel + initrd time)'
    : from === 'pasted-time' ? 'the pasted systemd-analyze time (kernel + initrd time)'
      : from === 'manager-start' ? 'the "systemd … running in system mode" line of PID 1'
        : from === 'first-pid1' ? 'the first job message of PID 1 (an approximation)'
          : 'the first job message of PID 1 (this boot has no monotonic clock: wall-clock times, to the precision the journal printed)';
  return `Userspace start, the zero of the @ times, is taken from ${anchor}.`;
}

/** `# `-prefixed note lines after a blank line, so the table above stays in systemd's layout. */
export function note(lines: string[]): string {
  return `\n${lines.map((l) => `# ${l}`).join('\n')}\n`;
}
