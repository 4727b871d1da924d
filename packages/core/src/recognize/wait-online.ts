import { eventBase, type Recognizer } from './recognizer.js';

const NETWORKD_WAIT_ONLINE = 'systemd-networkd-wait-online.service';
const NM_WAIT_ONLINE = 'NetworkManager-wait-online.service';

// systemd-networkd-wait-online: `Timeout occurred while waiting for network connectivity.` (v250+),
// `Event loop failed: Connection timed out` (older; systemd#25607, kinvolk/kube-spawn#75).
const NETWORKD_TIMEOUT = /^(?:Timeout occurred while waiting for network connectivity\.|Event loop failed: Connection timed out)$/;
// systemd about the units: `systemd-networkd-wait-online.service: Failed with result 'timeout'.` (systemd#41220),
// `… start operation timed out. Terminating.`, and for NetworkManager-wait-online (nm-online exits 1 on timeout):
// `NetworkManager-wait-online.service: Main process exited, code=exited, status=1/FAILURE` (NixOS/nixpkgs#180175;
// `main process exited` in lower case up to v229: CentOS 7's systemd 219, adb-enhanced#128).
const UNIT_RESULT = /^((?:systemd-networkd|NetworkManager)-wait-online(?:@[^\s:]*)?\.service): (?:Failed with result '(timeout|exit-code)'\.|start operation timed out\. Terminating\.|[Mm]ain process exited, code=exited, status=1\/FAILURE)$/;

/** A wait-online service giving up. One event per unit and boot: the first line that says so. */
export const waitOnline: Recognizer = {
  id: 'wait-online',
  needles: ['Timeout occurred while waiting', 'Event loop failed: Connection timed out', '-wait-online'],
  recognize(entry, ctx) {
    let unit: string | null = null;
    if (entry.identifier === 'systemd-networkd-wait-online' && NETWORKD_TIMEOUT.test(entry.message)) {
      unit = entry.unit ?? NETWORKD_WAIT_ONLINE;
    } else if (entry.identifier === 'systemd' && (entry.pid === null || entry.pid === 1)) {
      const m = UNIT_RESULT.exec(entry.message);
      // networkd's waiter reports a timeout itself, and exits 1 for other failures: only 'timeout' counts for it.
      if (m && (m[1]!.startsWith('NetworkManager') || m[2] === 'timeout' || m[2] === undefined && /timed out/.test(entry.message))) unit = m[1]!;
    }
    if (unit === null) return;
    const seen = ctx.state('wait-online.timedOut', () => new Set<string>());
    const key = unit.startsWith('NetworkManager') ? NM_WAIT_ONLINE : NETWORKD_WAIT_ONLINE;
    if (seen.has(key)) return;
    seen.add(key);
    ctx.emit({ kind: 'wait-online-timeout', ...eventBase(entry), unit });
  },
};
