import { RECOGNIZERS, type JournalEntry, type TimelineEvent } from '@bootlens/core';

export type Line = [identifier: string, message: string, extra?: Partial<JournalEntry>];

/**
 * Runs every recognizer over a sequence of entries sharing one boot's state, the way the timeline
 * builder does (needle prefilter included). Entries are a millisecond apart; systemd is pid 1.
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
    for (const r of RECOGNIZERS) if (r.needles.some((n) => message.includes(n))) r.recognize(entry, ctx);
  });
  return events;
}

/** The events of one entry. */
export function recognize(identifier: string, message: string, extra: Partial<JournalEntry> = {}): TimelineEvent[] {
  return recognizeAll([[identifier, message, extra]]);
}
