import type { TimelineEvent } from '../model/event.js';
import type { Boot, TimeBasis } from '../model/report.js';
import type { SystemdAnalyzePaste, UserspaceStart } from '../model/systemd-analyze.js';
import { USERSPACE_STATE, type UserspaceEvidence } from '../recognize/systemd-boot.js';

/**
 * Which boot a command or a paste is about, as journalctl's `-b` takes it: a number ≤ 0 counts
 * back from the last boot (0 the last, -1 the one before), a positive number is the 1-based
 * position from the oldest, a string is a boot id (or the start of one).
 */
export type BootSelector = number | string;

export function selectBoot<B extends Pick<Boot, 'bootId'>>(boots: readonly B[], selector: BootSelector | undefined): B | null {
  if (boots.length === 0) return null;
  if (selector === undefined) return boots.at(-1)!;
  const n = typeof selector === 'number' ? selector : /^[+-]?\d+$/.test(selector) ? Number(selector) : null;
  if (n !== null) return (n <= 0 ? boots[boots.length - 1 + n] : boots[n - 1]) ?? null;
  const id = (selector as string).toLowerCase().replace(/-/g, '');
  return boots.find((b) => b.bootId !== null && b.bootId.startsWith(id)) ?? null;
}

/**
 * Userspace start on this boot's monotonic clock, from the best evidence the journal has:
 * systemd's `Startup finished` spans, else the last `running in system mode` line of PID 1,
 * else the first PID 1 job message. Null when the boot has no monotonic clock.
 */
export function journalUserspaceStart(state: ReadonlyMap<string, unknown>, events: readonly TimelineEvent[], basis: TimeBasis): UserspaceStart | null {
  if (basis !== 'monotonic') return null;
  const evidence = state.get(USERSPACE_STATE) as UserspaceEvidence | undefined;
  if (evidence?.startupFinishedUs != null) return { monotonicUs: evidence.startupFinishedUs, from: 'startup-finished' };
  if (evidence?.managerStartUs != null) return { monotonicUs: evidence.managerStartUs, from: 'manager-start' };
  let first: number | null = null;
  for (const e of events) {
    if ((e.kind === 'unit-job' || e.kind === 'target-reached') && e.identifier === 'systemd' && e.monotonicUs !== null) {
      first = first === null ? e.monotonicUs : Math.min(first, e.monotonicUs);
    }
  }
  return first === null ? null : { monotonicUs: first, from: 'first-pid1' };
}

/**
 * Puts pasted systemd-analyze output into the report. With no journal boot the paste is a boot of
 * its own; otherwise it joins the selected boot (default: the last) and its chain is placed on that
 * boot's monotonic axis: `monotonicUs = userspace start + @time`.
 */
export function attachPastes(boots: Boot[], pastes: readonly SystemdAnalyzePaste[], selector?: BootSelector): Boot[] {
  if (pastes.length === 0) return boots;
  const chain = pastes.findLast((p) => p.criticalChain !== null)?.criticalChain ?? null;
  const blame = pastes.findLast((p) => p.blame !== null)?.blame ?? null;
  const bootTime = pastes.findLast((p) => p.bootTime !== null)?.bootTime ?? null;
  if (!chain && !blame && !bootTime) return boots;

  let target = boots.length > 0 ? selectBoot(boots, selector) : null;
  if (!target) {
    // The same empty collections a journal boot starts with (other issues add theirs to Boot).
    target = {
      index: boots.length, bootId: null, hostname: null, timeBasis: 'input-order', firstRealtime: null,
      entries: 0, events: [], findings: [], addresses: [], interfaces: [],
    } as Boot;
    boots.push(target);
  }
  if (blame) target.blame = blame;
  if (bootTime) {
    target.bootTime = bootTime;
    if (target.timeBasis === 'monotonic' && target.userspaceStart?.from !== 'startup-finished' && bootTime.kernelMs !== null && (bootTime.softRebootMs ?? null) === null) {
      target.userspaceStart = { monotonicUs: Math.round((bootTime.kernelMs + (bootTime.initrdMs ?? 0)) * 1000), from: 'pasted-time' };
    }
  }
  if (chain) {
    const anchor = target.userspaceStart?.monotonicUs ?? null;
    target.criticalChain = chain.map((u) => (anchor === null ? { ...u } : {
      ...u,
      monotonicUs: u.activatedAtMs === null ? null : anchor + Math.round(u.activatedAtMs * 1000),
    }));
  }
  return boots;
}
