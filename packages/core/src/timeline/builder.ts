import type { JournalEntry } from '../model/entry.js';
import type { TimelineEvent } from '../model/event.js';
import type { Boot, TimeBasis } from '../model/report.js';
import { RECOGNIZERS, type Recognizer, type RecognizeContext } from '../recognize/index.js';
import { NeedleDispatch } from '../recognize/dispatch.js';
import type { ScoutRequest } from '../parse/scout/chunks.js';
import { errorLevelWords, errorLine, mayBeErrorLine } from '../recognize/error-lines.js';
import type { EntrySink } from '../parse/reader.js';
import { isoFromMicros, microsFromIso } from '../time.js';
import { isKernelStamp, placeOnAxis, previousClocks, trackClock, type PreviousClocks, type WallAxis } from './clock.js';
import type { SystemdAnalyzePaste } from '../model/systemd-analyze.js';
import { attachPastes, journalUserspaceStart, type BootSelector } from './pastes.js';
import { BootListing } from './listed-boots.js';
import { MAX_EVENTS_IN_MEMORY, RunFolder, type OmittedCount } from './fold.js';
import type { EventKind } from '../model/event.js';
import { joinNodeInputs } from './join.js';

interface BootDraft {
  bootId: string | null;
  hostname: string | null;
  entries: number;
  firstRealtimeUs: number | null;
  lastRealtimeUs: number | null;
  /** The node the input was said to be from, for entries that name no host (timeline/join.ts). */
  node: string | null;
  /** The input that made this draft (for a boot id seen in several, the first). */
  inputIndex: number;
  allMonotonic: boolean;
  /** True while every entry came from an `ip monitor` capture (such a boot joins the journal boot it overlaps). */
  onlyIpMonitor: boolean;
  /** realtime − monotonic of the first entry that had both: places wall-clock-only events on this boot's monotonic axis. */
  monoOffsetUs: number | null;
  events: TimelineEvent[];
  /** Events emitted so far (runs fold, so `events` does not always grow): tells whether an entry made any. */
  emitted: number;
  /**
   * The last few entries that each made exactly one event, folded into an open run, by a recognizer
   * alone that `repeatsAlike`, with the shape of their message: the next entry of such a shape,
   * identifier and input extends that run without recognizing (issue 16).
   */
  repeats: RepeatNote[];
  /** Folds repeats into runs as they are emitted; `events` is its list (issue 16). */
  folder: RunFolder;
  state: Map<string, unknown>;
  context: RecognizeContext;
  /** Wall-clock-only entries: each input's axis (clock.ts), and the one the last entry used. */
  axes: Map<string, WallAxis> | null;
  axisPath: string | null;
  axis: WallAxis | null;
  /** True once entries of more than one input joined this boot (then events are sorted by time, not kept in input order). */
  manyInputs: boolean;
  /** The wall-clock stamp of the first entry placed on an axis: where the axis starts. */
  firstWallUs: number | null;
  /** The boot's previousClocks (clock.ts), looked up once: trackClock runs for every entry. */
  clocks: PreviousClocks | null;
}

/**
 * Collects the events of every boot while entries stream past. Entries themselves are not kept:
 * memory grows with what was recognized, not with the size of the journal.
 *
 * Boots are told apart by `_BOOT_ID` (json, export, verbose), else by the `-- Boot <id> --` and
 * `-- Reboot --` markers of a paste, else by the kernel's first line (`Linux version …`). Entries
 * with the same boot id from several inputs join one boot.
 */
export class TimelineBuilder {
  private readonly drafts = new Map<string, BootDraft>();
  /** systemd-analyze pastes, in input order; `boots()` attaches them. */
  private readonly pastes: SystemdAnalyzePaste[] = [];
  /** Boots `journalctl --list-boots` listings name; `boots()` merges them in (listed-boots.ts). */
  private readonly listing = new BootListing();

  /** Which recognizers an entry is for, found with one scan of its message (issue 9). */
  private readonly dispatch: NeedleDispatch;

  /**
   * Called with every event as it is recognized, before repeats fold (a copy each time: the timeline
   * may later fold repeats into the object). `boot` names the boot: its id, else input and segment.
   */
  onEvent: ((event: TimelineEvent, boot: string) => void) | undefined;

  constructor(recognizers: readonly Recognizer[] = RECOGNIZERS, private readonly maxEventsPerBoot = MAX_EVENTS_IN_MEMORY) {
    this.dispatch = new NeedleDispatch(recognizers);
    this.scoutRequest = { sets: this.dispatch.sets };
  }

  /** For the file reader: scout large files for the recognizers' needles (parse/scout/), as this builder's dispatch reads them. */
  readonly scoutRequest: ScoutRequest;

  /**
   * A sink for one input; `inputIndex` keeps boots without ids from different inputs apart until
   * `boots()` joins those of one node (timeline/join.ts). `node` names the node of entries that
   * name no host (`--node`, a bundle's node).
   */
  sinkFor(inputIndex: number, node: string | null = null): EntrySink {
    let markerId: string | null = null;
    let segment = 0;
    let lastKey: string | null = null;
    // The draft of the last entry and what chose it: consecutive entries nearly always share a boot,
    // so the key string and the map lookup are skipped for them (issue 9).
    let lastDraft: BootDraft | null = null;
    let lastBootId: string | null = null;
    let lastSegment = -1;
    return {
      systemdAnalyze: (paste) => {
        this.pastes.push(paste);
      },
      bootListed: (boot) => this.listing.add(boot),
      bootMarker: (bootId) => {
        markerId = bootId;
        if (bootId === null) segment++;
      },
      entry: (entry) => {
        const bootId = entry.bootId ?? markerId;
        if (bootId === null && lastKey !== null && entry.identifier === 'kernel' && entry.message.startsWith('Linux version ')) {
          const draft = this.drafts.get(lastKey);
          if (draft && draft.entries > 0) segment++;
        }
        if (lastDraft === null || bootId !== lastBootId || (bootId === null && segment !== lastSegment)) {
          const key = bootId !== null ? `id:${bootId}` : `input${inputIndex}:${segment}`;
          lastKey = key;
          lastDraft = this.draft(key, bootId, inputIndex, node);
          lastBootId = bootId;
          lastSegment = segment;
        }
        this.add(lastDraft, entry);
      },
    };
  }

  private draft(key: string, bootId: string | null, inputIndex: number, node: string | null): BootDraft {
    let draft = this.drafts.get(key);
    if (!draft) {
      const state = new Map<string, unknown>();
      const folder = new RunFolder(this.maxEventsPerBoot);
      draft = {
        bootId, hostname: null, node, inputIndex, entries: 0, firstRealtimeUs: null, lastRealtimeUs: null, allMonotonic: true, onlyIpMonitor: true, monoOffsetUs: null, events: folder.events, emitted: 0, repeats: [], folder, state,
        axes: null, axisPath: null, axis: null, manyInputs: false, firstWallUs: null, clocks: null,
        context: {
          emit: (event) => {
            draft!.emitted++;
            this.onEvent?.({ ...event }, key);
            folder.add(event);
          },
          // One lookup when the state exists (every entry asks for the clock tracker's).
          state: <T>(k: string, init: () => T): T => {
            let value = state.get(k) as T | undefined;
            if (value === undefined && !state.has(k)) state.set(k, (value = init()));
            return value as T;
          },
        },
      };
      draft.clocks = previousClocks(draft.context);
      this.drafts.set(key, draft);
    }
    return draft;
  }

  private add(draft: BootDraft, entry: JournalEntry): void {
    draft.entries++;
    if (draft.hostname === null) draft.hostname = entry.hostname;
    if (entry.realtimeUs !== null && (draft.firstRealtimeUs === null || entry.realtimeUs < draft.firstRealtimeUs)) {
      draft.firstRealtimeUs = entry.realtimeUs;
    }
    if (entry.realtimeUs !== null && (draft.lastRealtimeUs === null || entry.realtimeUs > draft.lastRealtimeUs)) draft.lastRealtimeUs = entry.realtimeUs;
    if (entry.monotonicUs === null) draft.allMonotonic = false;
    if (entry.identifier !== 'ip-monitor') draft.onlyIpMonitor = false;
    if (draft.monoOffsetUs === null && entry.realtimeUs !== null && entry.monotonicUs !== null) draft.monoOffsetUs = entry.realtimeUs - entry.monotonicUs;
    // Exactly the recognizers for this identifier with a needle in the message, in order (recognize/dispatch.ts).
    const chosen = this.dispatch.select(entry.message, entry.identifier);
    const before = draft.events.length;
    const emitted = draft.emitted;
    const shape = this.dispatch.shape;
    const repeat = shape === null || this.onEvent !== undefined ? undefined : repeatOf(draft, shape, entry);
    if (repeat !== undefined) {
      // A repeat of an entry that made one event of a run (issue 16): the recognizer would make the
      // same event (its `repeatsAlike` promise) and the folder put it in that run, still open.
      draft.emitted++;
      draft.folder.repeat(repeat.run, entry);
    } else {
      for (let i = 0; i < chosen.length; i++) chosen[i]!.recognize(entry, draft.context);
      if (shape !== null && chosen.length === 1 && chosen[0]!.repeatsAlike === true && draft.emitted === emitted + 1 && draft.folder.lastRun !== null) {
        noteRepeat(draft, { shape, identifier: entry.identifier, path: entry.source.path, run: draft.folder.lastRun, epoch: draft.folder.epoch });
      }
    }
    // A component's own error line that no recognizer read is still a failure a person sees (issue 19).
    if (draft.emitted === emitted && mayBeErrorLine(entry.message)) errorLine(entry, draft.context, chosen.length > 0 && chosen.includes(errorLevelWords));
    // Syslog's kernel lines carry the kernel's stamp, but their place is the wall clock's, as for the lines around them.
    if (entry.realtimeUs === null || (entry.monotonicUs !== null && !isKernelStamp(entry))) {
      trackClock(entry, draft.context, false, draft.clocks!); // clock steps seen as realtime jumping against monotonic (issue 3)
      return;
    }
    const reported = stepAmong(draft.events, before);
    trackClock(entry, draft.context, reported !== undefined, draft.clocks!);
    this.anchor(draft, entry, before, reported);
  }

  /**
   * Wall clock only (issue 14, item 3): places the entry's events on the boot's continuous axis. A step
   * reported at this entry (by a recognizer, or by trackClock for a jump back) re-anchors the stamps.
   */
  private anchor(draft: BootDraft, entry: JournalEntry, before: number, reported: TimelineEvent | undefined): void {
    const path = entry.source.path;
    if (draft.axisPath !== path) {
      if (draft.axisPath !== null) draft.manyInputs = true;
      draft.axes ??= new Map();
      let axis = draft.axes.get(path);
      if (!axis) {
        // Made with doubles so that V8 stores the fields unboxed (each stamp is a double: no allocation per entry).
        axis = { started: false, lastRawUs: 0.5, lastAxisUs: 0.5, shiftUs: 0.5 };
        axis.lastRawUs = axis.lastAxisUs = axis.shiftUs = 0;
        draft.axes.set(path, axis);
      }
      draft.axis = axis;
      draft.axisPath = path;
    }
    const step = reported ?? stepAmong(draft.events, before);
    const chronyd = step?.kind === 'clock-step' && step.via === 'chronyd' ? step.stepUs : null;
    const axis = draft.axis!;
    if (draft.firstWallUs === null) draft.firstWallUs = entry.realtimeUs;
    const previous = axis.started ? axis.lastAxisUs - axis.lastRawUs : 0;
    const shift = placeOnAxis(axis, entry.realtimeUs!, step !== undefined, chronyd);
    if (shift === 0 && previous === 0) return;
    // A step announced by the line before (timesyncd's `restoring from recorded timestamp`) is emitted
    // now with that line's place: it keeps that line's shift.
    for (let i = before; i < draft.events.length; i++) {
      const event = draft.events[i]!;
      const s = event.source === entry.source ? shift : previous;
      if (s !== 0) event.clockShiftUs = s;
    }
  }

  /** The boots, oldest first, each with its events in timeline order and no findings yet. */
  boots(pasteBoot?: BootSelector): Boot[] {
    for (const draft of this.drafts.values()) draft.folder.settle();
    const drafts = joinNodeInputs(mergeIpMonitorCaptures([...this.drafts.values()]));
    // Oldest first where wall-clock times exist; otherwise in the order the inputs showed them.
    const order = drafts.map((d, i) => ({ d, i }));
    order.sort((a, b) => (a.d.firstRealtimeUs !== null && b.d.firstRealtimeUs !== null ? a.d.firstRealtimeUs - b.d.firstRealtimeUs : 0) || a.i - b.i);
    const boots: Boot[] = order.map(({ d }, index) => {
      const timeBasis = basisOf(d);
      // On one input's axis, the boot starts at its first line, whatever the stamps after a step say.
      const firstUs = timeBasis === 'realtime' && !d.manyInputs && d.firstWallUs !== null ? d.firstWallUs : d.firstRealtimeUs;
      // Wall clock from one input: the input's order is the boot's (journalctl prints a boot in order).
      const events = timeBasis === 'realtime' && !d.manyInputs ? d.events : sortEvents(d.events, timeBasis);
      // systemd-analyze: where userspace started on this boot's monotonic clock (issue 4).
      const userspaceStart = journalUserspaceStart(d.state, events, timeBasis);
      return {
        ...(userspaceStart ? { userspaceStart } : {}),
        index,
        bootId: d.bootId,
        hostname: d.hostname ?? d.node,
        timeBasis,
        firstRealtime: firstUs === null ? null : isoFromMicros(firstUs),
        entries: d.entries,
        events,
        ...omittedField(d.folder.omitted),
        findings: [],
        addresses: [],
        interfaces: [],
      };
    });
    return attachPastes(this.listing.merge(boots), this.pastes, pasteBoot);
  }
}

/**
 * An `ip monitor` capture has no boot id: it joins the journal boot that was running when it started
 * (the last one that began before it), its wall-clock times placed on that boot's monotonic axis.
 */
function mergeIpMonitorCaptures(drafts: BootDraft[]): BootDraft[] {
  const journals = drafts.filter((d) => !d.onlyIpMonitor || d.entries === 0);
  const out = [...journals];
  for (const capture of drafts) {
    if (journals.includes(capture)) continue;
    const start = capture.firstRealtimeUs;
    const target = start === null ? null : journals
      .filter((d) => d.firstRealtimeUs !== null && d.firstRealtimeUs <= start)
      .reduce<BootDraft | null>((best, d) => (best === null || d.firstRealtimeUs! > best.firstRealtimeUs! ? d : best), null);
    if (target === null) {
      out.push(capture);
      continue;
    }
    for (const event of capture.events) {
      if (target.monoOffsetUs !== null && event.realtime !== null) event.monotonicUs = microsFromIso(event.realtime) - target.monoOffsetUs;
      target.events.push(event);
    }
    target.entries += capture.entries;
    target.folder.absorbOmitted(capture.folder.omitted);
    if (target.monoOffsetUs === null) target.allMonotonic = false;
  }
  return out;
}

/** Events the builder left out at its cap, as the report's `eventsOmitted` (absent when none). */
function omittedField(omitted: ReadonlyMap<EventKind, OmittedCount>): Pick<Boot, 'eventsOmitted'> {
  if (omitted.size === 0) return {};
  const byKind: Partial<Record<EventKind, OmittedCount>> = {};
  let events = 0;
  let occurrences = 0;
  for (const [kind, count] of omitted) {
    byKind[kind] = { ...count };
    events += count.events;
    occurrences += count.occurrences;
  }
  return { eventsOmitted: { events, occurrences, byKind } };
}

/** The first clock-step event among those emitted from index `from` on, if any. */
function stepAmong(events: readonly TimelineEvent[], from: number): TimelineEvent | undefined {
  for (let i = from; i < events.length; i++) if (events[i]!.kind === 'clock-step') return events[i];
  return undefined;
}

function basisOf(draft: BootDraft): TimeBasis {
  if (draft.entries > 0 && draft.allMonotonic) return 'monotonic';
  if (draft.events.every((e) => e.realtime !== null) && draft.firstRealtimeUs !== null) return 'realtime';
  return 'input-order';
}

/** Stable sort on the boot's time basis; events that tie keep the order the journal gave them. */
function sortEvents(events: TimelineEvent[], basis: TimeBasis): TimelineEvent[] {
  if (basis === 'input-order') return events;
  const key = basis === 'monotonic' ? (e: TimelineEvent) => e.monotonicUs! : (e: TimelineEvent) => microsFromIso(e.realtime!) + (e.clockShiftUs ?? 0);
  return events
    .map((event, i) => ({ event, i, k: key(event) }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.event);
}

/** An entry whose repeats extend `run` without recognizing (BootDraft.repeats). */
interface RepeatNote {
  shape: object;
  identifier: string | null;
  path: string;
  run: TimelineEvent;
  /** The folder's epoch when it was noted: while it holds, the run is open. */
  epoch: number;
}

/** Shapes the repeats of a boot are noted for: a broken node repeats a few (kubelet's list and watch errors). */
const MAX_REPEAT_NOTES = 4;

/** Where the note of this shape, identifier and input is among a boot's notes, or -1. */
function noteAt(notes: readonly RepeatNote[], shape: object, identifier: string | null, path: string): number {
  for (let i = 0; i < notes.length; i++) {
    const note = notes[i]!;
    if (note.shape === shape && note.identifier === identifier && note.path === path) return i;
  }
  return -1;
}

/** The note for an entry of this shape, identifier and input whose run is still open, if any. */
function repeatOf(draft: BootDraft, shape: object, entry: JournalEntry): RepeatNote | undefined {
  const at = noteAt(draft.repeats, shape, entry.identifier, entry.source.path);
  const note = at === -1 ? undefined : draft.repeats[at]!;
  return note !== undefined && note.epoch === draft.folder.epoch ? note : undefined;
}

/** Notes a repeat, in place of one of the same shape, identifier and input, else of the oldest. */
function noteRepeat(draft: BootDraft, note: RepeatNote): void {
  const notes = draft.repeats;
  const same = noteAt(notes, note.shape, note.identifier, note.path);
  if (same !== -1) notes.splice(same, 1);
  else if (notes.length >= MAX_REPEAT_NOTES) notes.shift();
  notes.push(note);
}
