import { RECOGNIZERS, offers, type JournalEntry, type Recognizer, type TimelineEvent } from '@bootlens/core/internal';

export type Line = [identifier: string, message: string, extra?: Partial<JournalEntry>];

/**
 * Runs every recognizer over a sequence of entries sharing one boot's state, the way the timeline
 * builder does (needle prefilter and `identifiers` included). Entries are a millisecond apart;
 * systemd is pid 1. Every line also checks the promise `identifiers` makes (the dispatch relies on
 * it): a recognizer that does not name the entry's identifier does nothing with it, which every
 * real-format line of the recognizer tests then exercises.
 */
export function recognizeAll(lines: readonly Line[]): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const state = new Map<string, unknown>();
  const ctx = {
    emit: (e: TimelineEvent) => events.push(e),
    state: <T>(k: string, init: () => T): T => {
      if (!state.has(k)) state.set(k, init());
      return state.get(k) as T;
    },
  };
  lines.forEach(([identifier, message, extra], i) => {
    const entry: JournalEntry = {
      realtimeUs: 1732094822000000 + i * 1000, monotonicUs: null, bootId: null, hostname: 'h', identifier,
      pid: identifier === 'systemd' ? 1 : 42, unit: null, priority: null, message, fields: {},
      source: { path: 'x', line: i + 1 }, ...extra,
    };
    for (const r of RECOGNIZERS) {
      if (!r.needles.some((n) => message.includes(n))) continue;
      if (offers(r, identifier)) r.recognize(entry, ctx);
      else assertIgnores(r, entry);
    }
  });
  return events;
}

/** The events of one entry. */
export function recognize(identifier: string, message: string, extra: Partial<JournalEntry> = {}): TimelineEvent[] {
  return recognizeAll([[identifier, message, extra]]);
}

/** Throws when `r` emits or keeps state for an entry whose identifier it does not name. */
export function assertIgnores(r: Recognizer, entry: JournalEntry): void {
  const touched: string[] = [];
  r.recognize(entry, {
    emit: (e) => touched.push(`emitted ${e.kind}`),
    state: <T>(k: string, init: () => T): T => {
      touched.push(`kept state ${k}`);
      return init();
    },
  });
  if (touched.length > 0) {
    throw new Error(`${r.id} names identifiers ${JSON.stringify(r.identifiers)} but ${touched.join(', ')} for ` +
      `${JSON.stringify(entry.identifier)}: ${JSON.stringify(entry.message)}`);
  }
}
