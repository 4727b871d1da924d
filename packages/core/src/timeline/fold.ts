import type { JournalEntry, SourceRef } from '../model/entry.js';
import { isoFromMicros } from '../time.js';
import type { EventKind, EventRun, TimelineEvent } from '../model/event.js';

/** Runs still open for folding, per boot; past this the oldest closes (a later repeat of it starts a new run). */
export const MAX_OPEN_RUNS = 4096;
/** Runs the folder compares a new event with field by field before it builds the event's fold key. */
const MAX_RECENT_RUNS = 4;
/** Sample lines a run keeps: its first few occurrences. */
export const MAX_RUN_SAMPLES = 3;
/**
 * Events (runs) one boot keeps in memory while the journal streams past. Folding keeps a month of
 * repeats far below it; only input with that many distinct facts reaches it, and what is left out
 * then is counted exactly (`omitted`).
 */
export const MAX_EVENTS_IN_MEMORY = 50_000;

export interface OmittedCount {
  /** Events (runs count once) left out. */
  events: number;
  /** Log lines they stand for (a run counts its occurrences). */
  occurrences: number;
}

/**
 * What makes two events the same fact, for the kinds whose repeats are noise (a client retrying, a
 * lease renewed, a link flapping, a unit restarting); null for kinds where every occurrence is news
 * (a certificate signed, an address removed, a clock step). The input's path is part of the key:
 * runs never span inputs.
 */
export function foldKey(e: TimelineEvent): string | null {
  const head = `${e.kind}\0${e.source.path}\0${e.identifier ?? ''}`;
  switch (e.kind) {
    case 'tls-verify-failed':
      return `${head}\0${e.component ?? ''}\0${e.wanted}\0${e.reason ?? ''}\0${e.validFor.join(',')}\0${e.currentTime ?? ''}\0${e.boundary ?? ''}`;
    case 'dhcp-lease':
      return `${head}\0${e.via}\0${e.interface}\0${e.address}\0${e.prefixLength ?? ''}\0${e.server ?? ''}\0${e.gateway ?? ''}`;
    case 'address-added':
      return `${head}\0${e.via}\0${e.interface}\0${e.address}\0${e.prefixLength ?? ''}`;
    case 'link-up':
    case 'link-down':
      return `${head}\0${e.via}\0${e.interface}\0${e.carrier ?? ''}`;
    case 'unit-job':
      // The result is part of the fact: `Start request repeated too quickly` (start-limit-hit) is no repeat of `Failed with result 'exit-code'`.
      return `${head}\0${e.systemdUnit ?? ''}\0${e.unit ?? ''}\0${e.description ?? ''}\0${e.phase}\0${e.result ?? ''}`;
    case 'target-reached':
      return `${head}\0${e.systemdUnit ?? ''}\0${e.unit}`;
    case 'component-failure':
      // A component's error lines are one run whatever each says (its first words are the event's): the
      // kubelet's reflector errors, one per resource, are one fact, `the kubelet logged errors`.
      return `${head}\0${e.failure}\0${e.component ?? ''}\0${e.subject ?? ''}\0${e.failure === 'error-logged' ? '' : e.error ?? ''}`;
    default:
      return null;
  }
}

/**
 * True when two events are the same fact by the fields foldKey reads, compared as they are (no `?? ''`,
 * lists item by item): then their fold keys are equal. Cheaper than building and hashing the keys
 * when a journal repeats one fact; pairs it says false for may still have equal keys (the folder then
 * compares keys).
 */
export function sameFact(a: TimelineEvent, b: TimelineEvent): boolean {
  if (a.kind !== b.kind || a.source.path !== b.source.path || a.identifier !== b.identifier) return false;
  switch (a.kind) {
    case 'tls-verify-failed': {
      const c = b as typeof a;
      return a.component === c.component && a.wanted === c.wanted && a.reason === c.reason && sameList(a.validFor, c.validFor) &&
        a.currentTime === c.currentTime && a.boundary === c.boundary;
    }
    case 'dhcp-lease': {
      const c = b as typeof a;
      return a.via === c.via && a.interface === c.interface && a.address === c.address && a.prefixLength === c.prefixLength && a.server === c.server &&
        a.gateway === c.gateway;
    }
    case 'address-added': {
      const c = b as typeof a;
      return a.via === c.via && a.interface === c.interface && a.address === c.address && a.prefixLength === c.prefixLength;
    }
    case 'link-up':
    case 'link-down': {
      const c = b as typeof a;
      return a.via === c.via && a.interface === c.interface && a.carrier === c.carrier;
    }
    case 'unit-job': {
      const c = b as typeof a;
      return a.systemdUnit === c.systemdUnit && a.unit === c.unit && a.description === c.description && a.phase === c.phase && a.result === c.result;
    }
    case 'target-reached': {
      const c = b as typeof a;
      return a.systemdUnit === c.systemdUnit && a.unit === c.unit;
    }
    default:
      return false;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether a new fact of this kind closes every open run. Rules compare events against these (an
 * address appearing, a certificate signed, a target reached, a clock step): a run never spans one,
 * so "before" and "after" them mean for a run what they meant for each of its occurrences.
 */
function closesRuns(e: TimelineEvent): boolean {
  return e.kind !== 'tls-verify-failed' && e.kind !== 'dhcp-lease' && e.kind !== 'link-up' && e.kind !== 'link-down' && e.kind !== 'unit-job' && e.kind !== 'component-failure';
}

/**
 * Folds one boot's events as recognizers emit them (issue 16): a repeat of an open run's fact joins
 * the run (count, last time and line, samples) instead of becoming an event. Interleaved repeats
 * of several facts fold each into its own run. Memory: at most MAX_OPEN_RUNS keys and
 * MAX_EVENTS_IN_MEMORY events, whatever the length of the journal.
 */
export class RunFolder {
  readonly events: TimelineEvent[] = [];
  /** Open runs by fold key; null for a run left out at the cap (its repeats are counted too). */
  private readonly open = new Map<string, TimelineEvent | null>();
  /** Runs opened or extended last (at most MAX_RECENT_RUNS), each open under its key: repeats are found here first. */
  private readonly recent: TimelineEvent[] = [];
  readonly omitted = new Map<EventKind, OmittedCount>();
  /**
   * Runs `repeat` extended last, with their last occurrence's wall-clock time in microseconds: `settle`
   * writes it as the run's `lastRealtime`. Formatting the time at every repeat (a string of ~20 pieces)
   * was a tenth of what a dense journal's repeats cost, for a field only the last one keeps.
   */
  private readonly unsettled = new Map<EventRun, number>();

  constructor(private readonly maxEvents = MAX_EVENTS_IN_MEMORY, private readonly maxOpen = MAX_OPEN_RUNS) {}

  /** The open run the last `add` extended or opened, else null (an event that does not fold, or one left out). */
  lastRun: TimelineEvent | null = null;
  /** Counts the times open runs were closed or dropped: a run noted at one count is still open while it holds. */
  epoch = 0;

  add(event: TimelineEvent): void {
    this.lastRun = null;
    // A repeat of a run just extended or opened: found without its key (sameFact).
    const recent = this.recent;
    for (let i = 0; i < recent.length; i++) {
      if (sameFact(recent[i]!, event)) {
        this.lastRun = recent[i]!;
        this.unsettled.delete(extendRun(recent[i]!, event));
        return;
      }
    }
    const key = foldKey(event);
    if (key !== null) {
      const run = this.open.get(key);
      if (run === null) return this.omit(event.kind, 0, 1);
      if (run !== undefined) {
        this.lastRun = run;
        return this.extend(run, event);
      }
    }
    if (closesRuns(event)) this.close();
    if (this.events.length >= this.maxEvents) {
      this.omit(event.kind, 1, 1);
      if (key !== null) this.remember(key, null);
      return;
    }
    this.events.push(event);
    if (key !== null) {
      this.remember(key, event);
      this.noteRecent(event);
      this.lastRun = event;
    }
  }

  /**
   * What `add` does with an event from `entry` of the same fact as `run`, an open run (it was open at
   * an `epoch` that still holds): extends the run, which `add` would find among the recent runs (left
   * as they are) or by its key (then noted among them). Issue 16: no event is built for the repeat.
   */
  repeat(run: TimelineEvent, entry: JournalEntry): void {
    this.lastRun = run;
    const extended = extendRunWith(run, entry.monotonicUs, null, entry.source, entry.message);
    if (entry.realtimeUs !== null) this.unsettled.set(extended, entry.realtimeUs);
    else this.unsettled.delete(extended);
    this.noteRecent(run);
  }

  private extend(run: TimelineEvent, event: TimelineEvent): void {
    this.unsettled.delete(extendRun(run, event));
    this.noteRecent(run);
  }

  /** Writes the last times `repeat` kept as numbers into the runs (call before the events are read). */
  settle(): void {
    for (const [run, us] of this.unsettled) run.lastRealtime = isoFromMicros(us);
    this.unsettled.clear();
  }

  /** Keeps an open run among the few looked at first; every run there is open under its own key. */
  private noteRecent(run: TimelineEvent): void {
    if (this.recent.includes(run)) return;
    if (this.recent.length >= MAX_RECENT_RUNS) this.recent.shift();
    this.recent.push(run);
  }

  private close(): void {
    this.epoch++;
    this.open.clear();
    this.recent.length = 0;
  }

  private remember(key: string, run: TimelineEvent | null): void {
    if (this.open.size >= this.maxOpen) {
      this.epoch++;
      this.open.delete(this.open.keys().next().value!);
      // The run that closed may be a recent one: none is kept that is not open.
      this.recent.length = 0;
    }
    this.open.set(key, run);
  }

  /** Adds counts left out elsewhere (an `ip monitor` capture joining this boot). */
  absorbOmitted(other: ReadonlyMap<EventKind, OmittedCount>): void {
    for (const [kind, count] of other) this.omit(kind, count.events, count.occurrences);
  }

  private omit(kind: EventKind, events: number, occurrences: number): void {
    const count = this.omitted.get(kind);
    if (count) {
      count.events += events;
      count.occurrences += occurrences;
    } else {
      this.omitted.set(kind, { events, occurrences });
    }
  }
}

function extendRun(first: TimelineEvent, next: TimelineEvent): EventRun {
  return extendRunWith(first, next.monotonicUs, next.realtime, next.source, next.message);
}

/** Counts one more occurrence in `first`'s run (made on the first repeat); returns the run. */
function extendRunWith(first: TimelineEvent, monotonicUs: number | null, realtime: string | null, source: SourceRef, message: string): EventRun {
  const run = (first.run ??= { count: 1, lastMonotonicUs: first.monotonicUs, lastRealtime: first.realtime, lastSource: first.source, samples: [{ ...first.source, message: first.message }] });
  run.count++;
  run.lastMonotonicUs = monotonicUs;
  run.lastRealtime = realtime;
  run.lastSource = source;
  if (run.samples.length < MAX_RUN_SAMPLES) run.samples.push({ ...source, message });
  return run;
}

/** How many log lines an event stands for: its run's count, else 1. */
export function occurrences(e: TimelineEvent): number {
  return e.run?.count ?? 1;
}

/** The lines an event list stands for, runs counted whole. */
export function occurrencesOf(events: readonly TimelineEvent[]): number {
  let n = 0;
  for (const e of events) n += occurrences(e);
  return n;
}

/**
 * The first `n` occurrences among `events` and their runs' samples, as evidence (`{ source }`): what
 * `events.slice(0, n)` gave before repeats folded. Occurrences of one input are ordered by line.
 */
export function firstOccurrences(events: readonly TimelineEvent[], n: number): Array<{ source: SourceRef }> {
  const all: SourceRef[] = [];
  for (const e of events) {
    if (e.run) for (const s of e.run.samples) all.push({ path: s.path, line: s.line });
    else all.push(e.source);
  }
  const ordered = all.sort((a, b) => (a.path === b.path ? a.line - b.line : 0));
  return ordered.slice(0, n).map((source) => ({ source }));
}

/**
 * Each line the events stand for that the report can quote, by `path\0line`: an event's own line,
 * and its run's samples as the occurrence they were (their own line and message, no run).
 */
export function eventsByLine(events: readonly TimelineEvent[]): Map<string, TimelineEvent> {
  const byLine = new Map<string, TimelineEvent>();
  for (const e of events) {
    byLine.set(`${e.source.path}\0${e.source.line}`, e);
    if (!e.run) continue;
    for (const s of e.run.samples.slice(1)) {
      const { run: _run, ...rest } = e;
      byLine.set(`${s.path}\0${s.line}`, { ...rest, source: { path: s.path, line: s.line }, message: s.message } as TimelineEvent);
    }
  }
  return byLine;
}

/** The event as its last occurrence: its run's last time and line (the event itself when it has no run). */
export function lastOccurrence<E extends TimelineEvent>(e: E): E {
  if (!e.run) return e;
  return { ...e, monotonicUs: e.run.lastMonotonicUs, realtime: e.run.lastRealtime, source: e.run.lastSource };
}
