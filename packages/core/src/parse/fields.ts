import type { JournalEntry, SourceRef } from '../model/entry.js';

/** Fields that become first-class entry properties rather than staying in `fields`. */
const PROMOTED = new Set([
  '__REALTIME_TIMESTAMP', '__MONOTONIC_TIMESTAMP', '_BOOT_ID', '_HOSTNAME', 'SYSLOG_IDENTIFIER',
  '_PID', 'PRIORITY', 'MESSAGE', '__CURSOR',
]);

function int(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Builds an entry from journal fields (json, export, verbose) the way journalctl's short modes pick
 * them (logs-show.c): the identifier is SYSLOG_IDENTIFIER else _COMM, the pid _PID else SYSLOG_PID,
 * and the printed time is _SOURCE_REALTIME_TIMESTAMP when present, else __REALTIME_TIMESTAMP. Using
 * the same choices keeps every mode of one journal equal.
 */
export function entryFromFields(fields: Record<string, string>, source: SourceRef): JournalEntry {
  const rest: Record<string, string> = {};
  for (const key in fields) if (!PROMOTED.has(key)) rest[key] = fields[key]!;
  return entryFromPromoted(fields['__REALTIME_TIMESTAMP'], fields['__MONOTONIC_TIMESTAMP'], fields['_BOOT_ID'], fields['_HOSTNAME'],
    fields['SYSLOG_IDENTIFIER'], fields['_PID'], fields['PRIORITY'], fields['MESSAGE'], rest, source);
}

/**
 * `entryFromFields` for a reader that has already split the promoted fields from the rest (json
 * does, in the one pass over the parsed object: issue 9). `rest` holds every other field.
 */
export function entryFromPromoted(
  realtime: string | undefined, monotonic: string | undefined, bootId: string | undefined, hostname: string | undefined,
  identifier: string | undefined, pid: string | undefined, priorityText: string | undefined, message: string | undefined,
  rest: Record<string, string>, source: SourceRef,
): JournalEntry {
  return entryFromTimes(int(realtime), int(monotonic), bootId, hostname, identifier, pid, priorityText, message, rest, source);
}

/**
 * `entryFromPromoted` for a reader that has the entry's realtime and monotonic times as numbers
 * already (a binary journal's entry object holds them): no string made only to be parsed back.
 * A time that is not a safe integer is null, as its decimal text would be.
 */
export function entryFromTimes(
  realtimeUs: number | null, monotonicUs: number | null, bootId: string | undefined, hostname: string | undefined,
  identifier: string | undefined, pid: string | undefined, priorityText: string | undefined, message: string | undefined,
  rest: Record<string, string>, source: SourceRef,
): JournalEntry {
  const priority = int(priorityText);
  return {
    realtimeUs: int(rest['_SOURCE_REALTIME_TIMESTAMP']) ?? (realtimeUs !== null && Number.isSafeInteger(realtimeUs) ? realtimeUs : null),
    monotonicUs: monotonicUs !== null && Number.isSafeInteger(monotonicUs) ? monotonicUs : null,
    bootId: bootId ?? null,
    hostname: hostname ?? null,
    identifier: identifier ?? rest['_COMM'] ?? null,
    pid: int(pid) ?? int(rest['SYSLOG_PID']),
    unit: rest['_SYSTEMD_UNIT'] ?? rest['_SYSTEMD_USER_UNIT'] ?? null,
    priority: priority !== null && priority >= 0 && priority <= 7 ? priority : null,
    message: message ?? '',
    fields: rest,
    source,
  };
}
