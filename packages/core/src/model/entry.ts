import { z } from 'zod';

/** Where a record came from: the input's path (`-` for stdin) and its 1-based line. */
export const SourceRef = z.object({
  path: z.string(),
  line: z.number().int().nonnegative(),
});
export type SourceRef = z.infer<typeof SourceRef>;

/**
 * One journal entry, whatever output mode it was read from. Fields a mode does not carry are null:
 * short-iso has no monotonic time and no boot id; json has both.
 *
 * Parsers build entries on the hot path, so they are not validated one by one; the schema documents
 * the shape and validates entries that cross a boundary (a library caller handing us entries).
 */
export const JournalEntry = z.object({
  /** Microseconds since the Unix epoch (`__REALTIME_TIMESTAMP`, or the printed stamp). */
  realtimeUs: z.number().nullable(),
  /** Microseconds since this boot's kernel start (`__MONOTONIC_TIMESTAMP`). */
  monotonicUs: z.number().nullable(),
  bootId: z.string().nullable(),
  hostname: z.string().nullable(),
  /** `SYSLOG_IDENTIFIER`, else `_COMM`, as journalctl prints before the pid. */
  identifier: z.string().nullable(),
  pid: z.number().int().nullable(),
  /** The logging process's unit: `_SYSTEMD_UNIT` (else `_SYSTEMD_USER_UNIT`), as with-unit prints it. */
  unit: z.string().nullable(),
  priority: z.number().int().min(0).max(7).nullable(),
  message: z.string(),
  /** Every other field the input carried, by name. Repeated fields keep their last value. */
  fields: z.record(z.string(), z.string()),
  source: SourceRef,
});
export type JournalEntry = z.infer<typeof JournalEntry>;
