import type { JournalEntry } from '../model/entry.js';
import type { TimelineEvent } from '../model/event.js';
import { isoFromMicros } from '../time.js';

export interface RecognizeContext {
  emit(event: TimelineEvent): void;
  /** State that lives as long as the boot, for recognizers that tie several lines together. */
  state<T>(key: string, init: () => T): T;
}

/** Turns journal entries into timeline events. One module per source of evidence. */
export interface Recognizer {
  id: string;
  /**
   * Only entries whose message contains one of these strings are offered: a substring test is far
   * cheaper than a regex, and almost every entry of a journal matters to no recognizer.
   */
  needles: readonly string[];
  recognize(entry: JournalEntry, ctx: RecognizeContext): void;
}

/** The fields every event copies from the entry it was recognized in. */
export function eventBase(entry: JournalEntry) {
  return {
    monotonicUs: entry.monotonicUs,
    realtime: entry.realtimeUs === null ? null : isoFromMicros(entry.realtimeUs),
    source: entry.source,
    identifier: entry.identifier,
    systemdUnit: entry.unit,
    message: entry.message,
  };
}
