import type { JournalEntry } from '../model/entry.js';
import type { EventOf } from '../model/event.js';
import { eventBase, type RecognizeContext } from '../recognize/recognizer.js';

/** The clocks of the entry before the current one in this boot, kept in the boot's state under this key. */
export const PREVIOUS_CLOCKS = 'clock:previous';

export interface PreviousClocks {
  /**
   * Wall-clock time as printed: the source's own stamp where it logged one, which is taken
   * microseconds to milliseconds before the journal's monotonic stamp; far below a clock step.
   */
  realtimeUs: number | null;
  monotonicUs: number | null;
  /**
   * A step announced before it happened (timesyncd's `restoring from recorded timestamp`): the
   * announcing line's event, measured and emitted at the next entry.
   */
  pending: Omit<EventOf<'clock-step'>, 'stepUs'> | null;
}

/** Realtime moving more than this against monotonic time between two entries is a clock step. */
export const CLOCK_JUMP_US = 1_000_000;

export function previousClocks(ctx: RecognizeContext): PreviousClocks {
  return ctx.state<PreviousClocks>(PREVIOUS_CLOCKS, () => ({ realtimeUs: null, monotonicUs: null, pending: null }));
}

/**
 * How far the wall clock moved between the previous entry and this one beyond the time that passed:
 * exact where both entries carry both clocks (json, export, verbose), else the wall-clock gap itself
 * (short modes: an upper bound, off by the time between the two lines). Null without wall clocks.
 */
export function stepSincePrevious(entry: JournalEntry, prev: PreviousClocks): number | null {
  if (entry.realtimeUs === null || prev.realtimeUs === null) return null;
  if (entry.monotonicUs !== null && prev.monotonicUs !== null) return entry.realtimeUs - prev.realtimeUs - (entry.monotonicUs - prev.monotonicUs);
  return entry.realtimeUs - prev.realtimeUs;
}

/**
 * Called by the timeline builder for every entry after the recognizers: where the input carries both
 * clocks, a realtime jump against monotonic time between consecutive entries of one boot is a clock
 * step even when no NTP client said so (`via: 'journal'`); where it carries the wall clock only, so is
 * a jump backwards that no recognizer reported at this entry (`stepJustReported`). Then remembers
 * this entry's clocks.
 * Allocates nothing per entry.
 */
export function trackClock(entry: JournalEntry, ctx: RecognizeContext, stepJustReported = false, prev?: PreviousClocks): void {
  // An entry without any clock (a bare message between stamped lines, parse/bare.ts) neither shows nor hides a step.
  if (entry.realtimeUs === null && entry.monotonicUs === null) return;
  // `prev`: the boot's previousClocks(ctx), which the timeline builder keeps (one state lookup per boot, not per entry).
  prev ??= previousClocks(ctx);
  if (prev.pending !== null && prev.pending.source !== entry.source) {
    const step = stepSincePrevious(entry, prev);
    if (step !== null && Math.abs(step) > CLOCK_JUMP_US) ctx.emit({ ...prev.pending, stepUs: step });
    prev.pending = null;
  }
  if (entry.realtimeUs !== null && entry.monotonicUs !== null && isKernelStamp(entry)) {
    // The kernel's own stamp (syslog's `kernel: [  16.2] …`) beside the time syslog received the
    // line: at boot a logger reads the whole ring buffer at once, so the two part by seconds
    // without any step. Such entries neither show nor hide one.
    return;
  }
  if (entry.realtimeUs !== null && entry.monotonicUs !== null && prev.realtimeUs !== null && prev.monotonicUs !== null) {
    const step = entry.realtimeUs - prev.realtimeUs - (entry.monotonicUs - prev.monotonicUs);
    if (Math.abs(step) > CLOCK_JUMP_US) ctx.emit({ kind: 'clock-step', ...eventBase(entry), stepUs: step, via: 'journal' });
  } else if (entry.realtimeUs !== null && entry.monotonicUs === null && prev.realtimeUs !== null && prev.monotonicUs === null &&
    entry.realtimeUs - prev.realtimeUs < -CLOCK_JUMP_US && !stepJustReported) {
    // Wall clock only (issue 14): the input is in the order it was logged, so stamps going back is a
    // step backwards even when no NTP client said so; its size is the jump (time between the lines aside).
    ctx.emit({ kind: 'clock-step', ...eventBase(entry), stepUs: entry.realtimeUs - prev.realtimeUs, via: 'journal' });
  }
  prev.realtimeUs = entry.realtimeUs;
  prev.monotonicUs = entry.monotonicUs;
}

/** True when the entry's monotonic time is the kernel's printk stamp itself, not the time the line was received. */
export function isKernelStamp(entry: JournalEntry): boolean {
  const source = entry.fields['_SOURCE_MONOTONIC_TIMESTAMP'];
  return source !== undefined && Number(source) === entry.monotonicUs;
}

/**
 * A boot's own axis for input with wall-clock time only (issue 14): the stamps in input order, a
 * step taken out so that the axis stays continuous, a stamp a little behind the one before held at it.
 */
export interface WallAxis {
  /** False until the first stamp was placed. */
  started: boolean;
  /** The last stamp as printed, and where it was placed on the axis (numbers from the start, so V8 keeps them unboxed). */
  lastRawUs: number;
  lastAxisUs: number;
  /** Added to the stamps since the last step. */
  shiftUs: number;
}

/**
 * Places an entry with wall-clock time only on its boot's axis and returns how far its stamp moved
 * (0 nearly always). `stepped`: a clock step was reported at this entry (timesyncd's `Initial clock
 * synchronization`, chronyd's `stepped by`, a jump back the stamps show); when the stamps jumped with
 * it, the time between the two lines is unknown and the entry is anchored to the one before, less
 * what chronyd says the clock itself moved.
 */
export function placeOnAxis(axis: WallAxis, realtimeUs: number, stepped: boolean, chronydStepUs: number | null): number {
  if (axis.started && stepped) {
    const gap = realtimeUs - axis.lastRawUs;
    if (Math.abs(gap) > CLOCK_JUMP_US) {
      const elapsed = chronydStepUs === null ? 0 : Math.max(0, gap - chronydStepUs);
      axis.shiftUs = axis.lastAxisUs + elapsed - realtimeUs;
    }
  }
  let at = realtimeUs + axis.shiftUs;
  if (axis.started && at < axis.lastAxisUs) at = axis.lastAxisUs;
  axis.started = true;
  axis.lastRawUs = realtimeUs;
  axis.lastAxisUs = at;
  return at - realtimeUs;
}
