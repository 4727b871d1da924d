import type { UnitPhase } from '../model/event.js';
import { eventBase, type Recognizer } from './recognizer.js';
import { statusDescription } from './unit-state.js';

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
  // moby's contrib/init/systemd units and containerd's (the services of the corpus's docker excerpts, internet-pi#396).
  'Docker Socket for the API': 'docker.socket',
  'Docker Application Container Engine': 'docker.service',
  'containerd container runtime': 'containerd.service',
  // final.target: `Final Step` until v246 (openbmc/openbmc#3563), `Late Shutdown Services` since.
  'Final Step': 'final.target',
  'Late Shutdown Services': 'final.target',
};

/**
 * Template units print their instance in the description: `Serial Getty on ttyS0`
 * (serial-getty@.service, `Description=Serial Getty on %I`), and netplan writes one
 * `netplan-wpa-wlan0.service` per Wi-Fi interface described `WPA supplicant for netplan wlan0`
 * (netplan's networkd generator; canonical/netplan#366's rockchip board). The instance is one word.
 */
const TEMPLATE_DESCRIPTIONS: ReadonlyArray<[RegExp, string, string]> = [
  [/^Serial Getty on (\S+)$/, 'serial-getty@', '.service'],
  [/^Getty on (\S+)$/, 'getty@', '.service'],
  [/^ifup for (\S+)$/, 'ifup@', '.service'],
  [/^Wait for Network Interface (\S+) to be Configured$/, 'systemd-networkd-wait-online@', '.service'],
  [/^dhcpcd on (\S+)$/, 'dhcpcd@', '.service'],
  [/^WPA supplicant for netplan (\S+)$/, 'netplan-wpa-', '.service'],
];

/** The unit a description names, for well-known units and templates, or null. */
function unitOfDescription(description: string): string | null {
  // Own keys only: a description such as `constructor` must not find Object's.
  if (Object.hasOwn(KNOWN_DESCRIPTIONS, description)) return KNOWN_DESCRIPTIONS[description]!;
  for (const [pattern, prefix, suffix] of TEMPLATE_DESCRIPTIONS) {
    const m = pattern.exec(description);
    if (m) return `${prefix}${m[1]}${suffix}`;
  }
  return null;
}

// `network-online.target - Network is Online` (StatusUnitFormat=combined, systemd ≥ 247).
const COMBINED = /^(\S+\.(?:service|target|socket|mount|timer|path|slice|scope|device|swap|automount)) - (.+)$/s;
const NAME_ONLY = /^\S+\.(?:service|target|socket|mount|timer|path|slice|scope|device|swap|automount)$/;

/** Splits what systemd printed about a unit into its name and description, whichever it printed. */
export function unitNameAndDescription(printed: string, unitField: string | undefined): { unit: string | null; description: string | null } {
  const combined = COMBINED.exec(printed);
  if (combined) return { unit: combined[1]!, description: combined[2]! };
  if (NAME_ONLY.test(printed)) return { unit: printed, description: null };
  return { unit: unitField ?? unitOfDescription(printed), description: printed };
}

// Before v233 socket units had their own words (src/core/socket.c's status_message_formats):
// `Starting Docker Socket for the API.` and `Stopping ….` with one period, `Listening on ….` when
// started (moby/moby#35882, systemd 229). Mount units still say `Mounting ….`/`Mounted ….` and
// `Unmounting ….`/`Unmounted ….`. A socket's `Closed ….` (stopped) is left out: a seven-character
// needle would shorten the scan's window for every systemd line, for a shutdown message.
const JOB_MESSAGES: ReadonlyArray<[RegExp, UnitPhase]> = [
  [/^Starting (.+?)(?:\.\.\.|…|\.)$/s, 'starting'],
  [/^Started (.+)\.$/s, 'started'],
  [/^Finished (.+)\.$/s, 'finished'],
  [/^Failed to start (.+)\.$/s, 'failed'],
  [/^Stopping (.+?)(?:\.\.\.|…|\.)$/s, 'stopping'],
  [/^Stopped (.+)\.$/s, 'stopped'],
  [/^Listening on (.+)\.$/s, 'started'],
  [/^Mounting (.+?)(?:\.\.\.|…)$/s, 'starting'],
  [/^Mounted (.+)\.$/s, 'started'],
  [/^Unmounting (.+?)(?:\.\.\.|…)$/s, 'stopping'],
  [/^Unmounted (.+)\.$/s, 'stopped'],
];

const UNIT = String.raw`\S+\.(?:service|target|socket|mount|timer|path|slice|scope|device|swap|automount)`;

/**
 * systemd's lines saying a unit failed, other than `Failed to start …`, and the result each implies:
 * `nginx.service: Failed with result 'exit-code'.` (≥ 232), `Job dev-ttyS0.device/start failed with
 * result 'timeout'.`, `Dependency failed for Serial Getty on ttyS0.`, `Timed out waiting for device
 * dev-ttyS0.device.`, `etcd.service: Start request repeated too quickly.` (older: `start request
 * repeated too quickly for etcd.service`), `Unit nginx.service entered failed state.` (≤ 228) or
 * `nginx.service: Unit entered failed state.` (229–235), `nginx.service failed.`, a socket unit's
 * `Failed to listen on Docker Socket for the API.`, a unit refused over a bad setting (`… Refusing.`). Each capture is
 * [unit or printed name, result]; a null result is read from the line's second capture.
 */
const FAILURE_MESSAGES: ReadonlyArray<[RegExp, string | null]> = [
  [new RegExp(`^(${UNIT}): Failed with result '?([\\w-]+)'?\\.?$`), null],
  [new RegExp(`^(?:\\S+: )?Job (${UNIT})/start failed with result '([\\w-]+)'\\.?$`), null],
  // The period may be lost to a pager that cut the line (`Dependency failed for Docker Applicati`, moby/moby#29179).
  [/^Dependency failed for (.+?)\.?$/s, 'dependency'],
  [/^Failed to listen on (.+)\.$/s, ''],
  [new RegExp(`^(${UNIT}):? [Ff]ailed to listen on sockets: `), ''],
  [new RegExp(`^(${UNIT}): [Ss]tart operation timed out\\. Terminating\\.?$`), 'timeout'],
  // A main or control process that exited non-zero (`code=exited, status=2/INVALIDARGUMENT`), was killed or dumped core
  // (`main process exited` in lower case up to v229: CentOS 7's systemd 219, adb-enhanced#128):
  // the unit failed, whether systemd then restarts it or not (status=0/SUCCESS is no failure).
  [new RegExp(`^(${UNIT}): (?:[Mm]ain|[Cc]ontrol) process exited, code=(?:exited, status=[1-9]\\d*|(killed|dumped))\\b`), null],
  [/^Timed out waiting for device (.+)\.$/s, 'timeout'],
  [new RegExp(`^(${UNIT}): Start request repeated too quickly\\.?$`), 'start-limit-hit'],
  [new RegExp(`^start request repeated too quickly for (${UNIT})$`), 'start-limit-hit'],
  [new RegExp(`^Unit (${UNIT}) entered failed state\\.?$`), ''],
  [new RegExp(`^(${UNIT}): Unit entered failed state\\.?$`), ''],
  [new RegExp(`^(${UNIT}) failed\\.$`), ''],
  // systemd refusing to load a unit over its settings (load state bad-setting; the unit cannot start):
  // `td-agent.service lacks both ExecStart= and ExecStop= setting. Refusing.` (systemd 219, fluent/fluentd#2152),
  // `pentaho.service: Service lacks both … Refusing.` (poise/poise-service#39), `shellcrash.service: Service has
  // no ExecStart=, ExecStop=, or SuccessAction=. Refusing.` (juewuy/ShellCrash#1185).
  [new RegExp(`^(${UNIT}):? [^\\n]+\\. Refusing\\.$`), 'bad-setting'],
];

// A console capture's status column, where a reader kept it in the message (`[FAILED] Failed to start …`).
const CONSOLE_STATUS = /^\[(?:FAILED| TIME |DEPEND)\] /;

/** The result a capture names: as written, or for a process line, what systemd calls it (`killed` → `signal`, `dumped` → `core-dump`). */
function resultOfCapture(capture: string | undefined): string {
  return capture === undefined ? 'exit-code' : capture === 'killed' ? 'signal' : capture === 'dumped' ? 'core-dump' : capture;
}

/** A failure line's unit (or description) and result, or null when the message is no failure line. */
export function failureOf(message: string, unitField: string | undefined): { unit: string | null; description: string | null; result: string | null } | null {
  const text = message.replace(CONSOLE_STATUS, '');
  for (const [pattern, result] of FAILURE_MESSAGES) {
    const m = pattern.exec(text);
    if (!m) continue;
    const named = unitNameAndDescription(m[1]!, unitField);
    return { ...named, result: result === null ? resultOfCapture(m[2]) : result === '' ? null : result };
  }
  return null;
}

/** systemd's own messages about units: targets reached, and the job messages of every unit. */
export const systemdUnits: Recognizer = {
  id: 'systemd-units',
  needles: [
    'Reached target ', 'Starting ', 'Started ', 'Finished ', 'Failed to start ', 'Stopping ', 'Stopped ', 'Listening on ', 'Mounting ', 'Mounted ', 'Unmounting ', 'Unmounted ',
    'ailed with result ', 'Dependency failed for ', 'Failed to listen on ', 'ailed to listen on sockets', 'Timed out waiting for device ', 'epeated too quickly', 'entered failed state', ' failed.', 'process exited, code=', 'tart operation timed out', '. Refusing.',
  ],
  identifiers: ['systemd'],
  recognize(entry, ctx) {
    // Only the system manager: `systemd[365]` is a user's manager, whose targets are not the boot's.
    if (entry.identifier !== 'systemd' || (entry.pid !== null && entry.pid !== 1)) return;
    const message = entry.message.replace(CONSOLE_STATUS, '');
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
    const failure = failureOf(message, unitField);
    if (failure) {
      const { unit, result } = failure;
      // `nginx.service: Failed with result …` names no description; a `systemctl status` header of the paste may.
      const description = failure.description ?? (unit === null ? null : statusDescription(ctx, unit));
      ctx.emit({ kind: 'unit-job', ...eventBase(entry), unit, description, phase: 'failed', ...(result === null ? {} : { result }) });
    }
  },
};
