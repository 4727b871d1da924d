import type { UnitPhase } from '../model/event.js';
import { eventBase, type Recognizer } from './recognizer.js';

/**
 * Descriptions of well-known units, for journals whose systemd logs only the description
 * (`Reached target Network is Online.`; StatusUnitFormat=description, the default before v247
 * and on many distributions since). Taken from the units systemd and the network stacks ship.
 */
export const KNOWN_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'Network is Online': 'network-online.target',
  'Network': 'network.target',
  'Preparation for Network': 'network-pre.target',
  'Network (Pre)': 'network-pre.target',
  'Multi-User System': 'multi-user.target',
  'Graphical Interface': 'graphical.target',
  'Basic System': 'basic.target',
  'System Initialization': 'sysinit.target',
  'Local File Systems': 'local-fs.target',
  'Remote File Systems': 'remote-fs.target',
  'Host and Network Name Lookups': 'nss-lookup.target',
  'Sockets': 'sockets.target',
  'Timers': 'timers.target',
  'Paths': 'paths.target',
  'Swaps': 'swap.target',
  'Slices': 'slices.target',
  'Login Prompts': 'getty.target',
  'Wait for Network to be Configured': 'systemd-networkd-wait-online.service',
  'Wait for Network to be Online': 'systemd-networkd-wait-online.service',
  'Network Manager Wait Online': 'NetworkManager-wait-online.service',
  'Network Configuration': 'systemd-networkd.service',
  'Network Manager': 'NetworkManager.service',
  'Raise network interfaces': 'networking.service',
};

// `network-online.target - Network is Online` (StatusUnitFormat=combined, systemd ≥ 247).
const COMBINED = /^(\S+\.(?:service|target|socket|mount|timer|path|slice|scope|device|swap|automount)) - (.+)$/s;
const NAME_ONLY = /^\S+\.(?:service|target|socket|mount|timer|path|slice|scope|device|swap|automount)$/;

/** Splits what systemd printed about a unit into its name and description, whichever it printed. */
export function unitNameAndDescription(printed: string, unitField: string | undefined): { unit: string | null; description: string | null } {
  const combined = COMBINED.exec(printed);
  if (combined) return { unit: combined[1]!, description: combined[2]! };
  if (NAME_ONLY.test(printed)) return { unit: printed, description: null };
  return { unit: unitField ?? KNOWN_DESCRIPTIONS[printed] ?? null, description: printed };
}

const JOB_MESSAGES: ReadonlyArray<[RegExp, UnitPhase]> = [
  [/^Starting (.+?)(?:\.\.\.|…)$/s, 'starting'],
  [/^Started (.+)\.$/s, 'started'],
  [/^Finished (.+)\.$/s, 'finished'],
  [/^Failed to start (.+)\.$/s, 'failed'],
  [/^Stopping (.+?)(?:\.\.\.|…)$/s, 'stopping'],
  [/^Stopped (.+)\.$/s, 'stopped'],
];

/** systemd's own messages about units: targets reached, and the job messages of every unit. */
export const systemdUnits: Recognizer = {
  id: 'systemd-units',
  needles: ['Reached target ', 'Starting ', 'Started ', 'Finished ', 'Failed to start ', 'Stopping ', 'Stopped '],
  identifiers: ['systemd'],
  recognize(entry, ctx) {
    // Only the system manager: `systemd[365]` is a user's manager, whose targets are not the boot's.
    if (entry.identifier !== 'systemd' || (entry.pid !== null && entry.pid !== 1)) return;
    const message = entry.message;
    const unitField = entry.fields['UNIT'] ?? entry.fields['USER_UNIT'];
    if (message.startsWith('Reached target ') && message.endsWith('.')) {
      const printed = message.slice('Reached target '.length, -1);
      const { unit, description } = unitNameAndDescription(printed, unitField);
      ctx.emit({ kind: 'target-reached', ...eventBase(entry), unit: unit ?? printed, description });
      return;
    }
    if (message.startsWith('Stopped target ')) return;
    for (const [pattern, phase] of JOB_MESSAGES) {
      const m = pattern.exec(message);
      if (!m) continue;
      const { unit, description } = unitNameAndDescription(m[1]!, unitField);
      ctx.emit({ kind: 'unit-job', ...eventBase(entry), unit, description, phase });
      return;
    }
  },
};
