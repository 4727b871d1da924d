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
  const priority = int(fields['PRIORITY']);
  return {
    realtimeUs: int(fields['_SOURCE_REALTIME_TIMESTAMP']) ?? int(fields['__REALTIME_TIMESTAMP']),
    monotonicUs: int(fields['__MONOTONIC_TIMESTAMP']),
    bootId: fields['_BOOT_ID'] ?? null,
    hostname: fields['_HOSTNAME'] ?? null,
    identifier: fields['SYSLOG_IDENTIFIER'] ?? fields['_COMM'] ?? null,
    pid: int(fields['_PID']) ?? int(fields['SYSLOG_PID']),
    unit: fields['_SYSTEMD_UNIT'] ?? fields['_SYSTEMD_USER_UNIT'] ?? null,
    priority: priority !== null && priority >= 0 && priority <= 7 ? priority : null,
    message: fields['MESSAGE'] ?? '',
    fields: rest,
    source,
  };
}
