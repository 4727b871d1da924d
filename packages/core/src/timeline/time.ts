import type { TimelineEvent } from '../model/event.js';
import type { Boot } from '../model/report.js';
import { microsFromIso } from '../time.js';

/**
 * Microseconds since the boot started: the monotonic clock where the boot has it, else wall-clock
 * time since the boot's first entry (which journalctl's short modes force on us), on the boot's
 * continuous axis (a wall-clock step taken out: `clockShiftUs`).
 */
export function sinceBootUs(event: TimelineEvent, boot: Pick<Boot, 'timeBasis' | 'firstRealtime'>): number | null {
  if (boot.timeBasis === 'monotonic') return event.monotonicUs;
  if (event.realtime === null || boot.firstRealtime === null) return null;
  return microsFromIso(event.realtime) + (event.clockShiftUs ?? 0) - microsFromIso(boot.firstRealtime);
}

/** Orders two events of one boot on its time basis: negative when `a` came first. */
export function compareInBoot(a: TimelineEvent, b: TimelineEvent, boot: Pick<Boot, 'timeBasis' | 'firstRealtime' | 'events'>): number {
  const ta = sinceBootUs(a, boot);
  const tb = sinceBootUs(b, boot);
  if (ta !== null && tb !== null && ta !== tb) return ta - tb;
  return boot.events.indexOf(a) - boot.events.indexOf(b);
}
