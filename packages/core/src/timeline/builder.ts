import type { JournalEntry } from '../model/entry.js';
import type { TimelineEvent } from '../model/event.js';
import type { Boot, TimeBasis } from '../model/report.js';
import { RECOGNIZERS, type Recognizer, type RecognizeContext } from '../recognize/index.js';
import type { ReadSink } from '../parse/reader.js';
import { isoFromMicros, microsFromIso } from '../time.js';

interface BootDraft {
  bootId: string | null;
  hostname: string | null;
  entries: number;
  firstRealtimeUs: number | null;
  allMonotonic: boolean;
  events: TimelineEvent[];
  state: Map<string, unknown>;
  context: RecognizeContext;
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

  constructor(private readonly recognizers: readonly Recognizer[] = RECOGNIZERS) {}

  /** A sink for one input; `inputIndex` keeps boots without ids from different inputs apart. */
  sinkFor(inputIndex: number): Omit<ReadSink, 'skip'> {
    let markerId: string | null = null;
    let segment = 0;
    let lastKey: string | null = null;
    return {
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
        const key = bootId !== null ? `id:${bootId}` : `input${inputIndex}:${segment}`;
        lastKey = key;
        this.add(key, bootId, entry);
      },
    };
  }

  private draft(key: string, bootId: string | null): BootDraft {
    let draft = this.drafts.get(key);
    if (!draft) {
      const state = new Map<string, unknown>();
      const events: TimelineEvent[] = [];
      draft = {
        bootId, hostname: null, entries: 0, firstRealtimeUs: null, allMonotonic: true, events, state,
        context: {
          emit: (event) => events.push(event),
          state: <T>(k: string, init: () => T): T => {
            if (!state.has(k)) state.set(k, init());
            return state.get(k) as T;
          },
        },
      };
      this.drafts.set(key, draft);
    }
    return draft;
  }

  private add(key: string, bootId: string | null, entry: JournalEntry): void {
    const draft = this.draft(key, bootId);
    draft.entries++;
    if (draft.hostname === null) draft.hostname = entry.hostname;
    if (entry.realtimeUs !== null && (draft.firstRealtimeUs === null || entry.realtimeUs < draft.firstRealtimeUs)) {
      draft.firstRealtimeUs = entry.realtimeUs;
    }
    if (entry.monotonicUs === null) draft.allMonotonic = false;
    const message = entry.message;
    for (const recognizer of this.recognizers) {
      if (recognizer.needles.some((needle) => message.includes(needle))) recognizer.recognize(entry, draft.context);
    }
  }

  /** The boots, oldest first, each with its events in timeline order and no findings yet. */
  boots(): Boot[] {
    const drafts = [...this.drafts.values()];
    // Oldest first where wall-clock times exist; otherwise in the order the inputs showed them.
    const order = drafts.map((d, i) => ({ d, i }));
    order.sort((a, b) => (a.d.firstRealtimeUs !== null && b.d.firstRealtimeUs !== null ? a.d.firstRealtimeUs - b.d.firstRealtimeUs : 0) || a.i - b.i);
    return order.map(({ d }, index) => {
      const timeBasis = basisOf(d);
      const events = sortEvents(d.events, timeBasis);
      return {
        index,
        bootId: d.bootId,
        hostname: d.hostname,
        timeBasis,
        firstRealtime: d.firstRealtimeUs === null ? null : isoFromMicros(d.firstRealtimeUs),
        entries: d.entries,
        events,
        findings: [],
      };
    });
  }
}

function basisOf(draft: BootDraft): TimeBasis {
  if (draft.entries > 0 && draft.allMonotonic) return 'monotonic';
  if (draft.events.every((e) => e.realtime !== null) && draft.firstRealtimeUs !== null) return 'realtime';
  return 'input-order';
}

/** Stable sort on the boot's time basis; events that tie keep the order the journal gave them. */
function sortEvents(events: TimelineEvent[], basis: TimeBasis): TimelineEvent[] {
  if (basis === 'input-order') return events;
  const key = basis === 'monotonic' ? (e: TimelineEvent) => e.monotonicUs! : (e: TimelineEvent) => microsFromIso(e.realtime!);
  return events
    .map((event, i) => ({ event, i, k: key(event) }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.event);
}
