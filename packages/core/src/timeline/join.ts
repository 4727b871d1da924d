import type { TimelineEvent } from '../model/event.js';
import { isoFromMicros, microsFromIso } from '../time.js';

/** What joining needs to know of a boot draft (builder.ts's BootDraft). */
export interface JoinableDraft {
  bootId: string | null;
  hostname: string | null;
  /** The node the input was said to be from (`--node`, a bundle's node directory), for entries that name none. */
  node: string | null;
  inputIndex: number;
  entries: number;
  firstRealtimeUs: number | null;
  lastRealtimeUs: number | null;
  allMonotonic: boolean;
  monoOffsetUs: number | null;
  events: TimelineEvent[];
  /** True once entries of more than one input are in the draft (its events are then sorted by time, not kept in input order). */
  manyInputs: boolean;
}

const hostOf = (d: JoinableDraft): string | null => d.hostname ?? d.node;

function overlaps(a: JoinableDraft, b: JoinableDraft): boolean {
  if (a.firstRealtimeUs === null || b.firstRealtimeUs === null) return false;
  return a.firstRealtimeUs <= b.lastRealtimeUs! && b.firstRealtimeUs <= a.lastRealtimeUs!;
}

/** Moves `events` (with `entries` entries) into `target`, placing wall-clock-only events on its monotonic axis. */
function absorb(target: JoinableDraft, events: readonly TimelineEvent[], entries: number): void {
  for (const event of events) {
    if (event.monotonicUs === null && event.realtime !== null && target.monoOffsetUs !== null) {
      event.monotonicUs = microsFromIso(event.realtime) - target.monoOffsetUs;
    } else if (event.realtime === null && event.monotonicUs !== null && target.monoOffsetUs !== null) {
      // The kernel's monotonic seconds (dmesg) placed on the boot's wall clock.
      event.realtime = isoFromMicros(event.monotonicUs + target.monoOffsetUs);
    }
    if (event.monotonicUs === null) target.allMonotonic = false;
    target.events.push(event);
  }
  if (events.length > 0) target.manyInputs = true;
  target.entries += entries;
}

function widen(target: JoinableDraft, from: JoinableDraft): void {
  if (from.firstRealtimeUs === null) return;
  if (target.firstRealtimeUs === null || from.firstRealtimeUs < target.firstRealtimeUs) target.firstRealtimeUs = from.firstRealtimeUs;
  if (target.lastRealtimeUs === null || from.lastRealtimeUs! > target.lastRealtimeUs) target.lastRealtimeUs = from.lastRealtimeUs;
}

/**
 * Splits a draft's events among the boots it overlaps (sorted by start): each event goes to the
 * last boot that began at or before it (the first boot takes those before any began). Entries are
 * shared in proportion to the events each boot took (entries themselves are not kept).
 */
function spread(draft: JoinableDraft, boots: JoinableDraft[]): void {
  const shares = boots.map(() => [] as TimelineEvent[]);
  for (const event of draft.events) {
    const t = event.realtime === null ? null : microsFromIso(event.realtime);
    let at = 0;
    if (t !== null) while (at + 1 < boots.length && boots[at + 1]!.firstRealtimeUs! <= t) at++;
    shares[at]!.push(event);
  }
  let left = draft.entries;
  boots.forEach((boot, i) => {
    const entries = i === boots.length - 1 ? left : Math.round((draft.entries * shares[i]!.length) / Math.max(1, draft.events.length));
    left -= entries;
    absorb(boot, shares[i]!, entries);
  });
}

/** dmesg (monotonic seconds, no wall clock) joins the last boot of its node, the one it prints, when that boot has both clocks. */
function joinKernelOnly(d: JoinableDraft, boots: readonly JoinableDraft[]): boolean {
  if (d.firstRealtimeUs !== null || d.entries === 0 || !d.events.every((e) => e.monotonicUs !== null)) return false;
  let last: JoinableDraft | null = null;
  for (const b of boots) if (b.firstRealtimeUs !== null && (last === null || b.firstRealtimeUs > last.firstRealtimeUs!)) last = b;
  if (last === null || last.monoOffsetUs === null) return false;
  absorb(last, d.events, d.entries);
  return true;
}

/**
 * Several inputs of one node make one timeline (issue 14, item 4). Boots with an id stand as they
 * are; an id-less draft (syslog, a component log, a paste without markers) joins the boot of the
 * same host whose wall-clock span it overlaps or nests in, and one that overlaps none stands as its
 * own boot. A draft whose entries name no host (k3s.log, `kubectl logs`, dmesg) joins by time only
 * when its node is known: `--node`, or the inputs name one host only; with several hosts and no
 * node it stays apart. dmesg (monotonic seconds only) joins the node's last boot, the one it
 * prints, when that boot has both clocks. Drafts of one input are never joined to each other (an
 * input tells its own boots apart). Every event keeps its own source (file:line).
 */
export function joinNodeInputs<D extends JoinableDraft>(drafts: readonly D[]): D[] {
  const anchors: D[] = drafts.filter((d) => d.bootId !== null);
  const named = drafts.filter((d) => d.bootId === null && hostOf(d) !== null);
  const unnamed = drafts.filter((d) => d.bootId === null && hostOf(d) === null);
  // Drafts joined into another; the rest keep their order (the order boots are told in).
  const joined = new Set<D>();
  for (const d of named) {
    const same = anchors.filter((a) => a.inputIndex !== d.inputIndex && hostOf(a) === hostOf(d));
    const target = same.find((a) => overlaps(a, d));
    if (target) {
      absorb(target, d.events, d.entries);
      widen(target, d);
      joined.add(d);
    } else if (joinKernelOnly(d, same)) {
      joined.add(d);
    } else {
      anchors.push(d);
    }
  }
  const hosts = new Set(anchors.map(hostOf));
  const host = hosts.size === 1 ? [...hosts][0]! : undefined;
  for (const d of unnamed) {
    const mine = host === undefined ? [] : anchors
      .filter((a) => a.inputIndex !== d.inputIndex && hostOf(a) === host)
      .sort((a, b) => (a.firstRealtimeUs ?? 0) - (b.firstRealtimeUs ?? 0));
    if (d.firstRealtimeUs === null) {
      if (joinKernelOnly(d, mine)) joined.add(d);
      continue;
    }
    const hit = mine.filter((a) => overlaps(a, d));
    if (hit.length > 0) {
      spread(d, hit);
      joined.add(d);
    }
  }
  return drafts.filter((d) => !joined.has(d));
}
