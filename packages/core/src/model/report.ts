import { z } from 'zod';
import { Diagnostic } from './diagnostic.js';
import { TimelineEvent } from './event.js';
import { Finding } from './finding.js';

/** Bumped on any breaking change to the report's shape. Additions do not bump it. */
export const SCHEMA_VERSION = 1;

export const InputFormat = z.enum(['short-iso', 'short-iso-precise', 'json']);
export type InputFormat = z.infer<typeof InputFormat>;

export const InputSummary = z.object({
  path: z.string(),
  format: InputFormat.nullable(),
  /** Lines read. Always `parsed + skipped`. */
  lines: z.number().int().nonnegative(),
  /** Lines understood: entries, their continuation lines, boot markers and headers. */
  parsed: z.number().int().nonnegative(),
  entries: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
});
export type InputSummary = z.infer<typeof InputSummary>;

/**
 * How events inside a boot are ordered: by the monotonic clock when every event has it (the only
 * order that survives clock steps), else by wall-clock time, else in input order.
 */
export const TimeBasis = z.enum(['monotonic', 'realtime', 'input-order']);
export type TimeBasis = z.infer<typeof TimeBasis>;

export const Boot = z.object({
  index: z.number().int().nonnegative(),
  bootId: z.string().nullable(),
  hostname: z.string().nullable(),
  timeBasis: TimeBasis,
  /** Wall-clock time of the boot's first entry, the zero of "time since boot" when no monotonic clock exists. */
  firstRealtime: z.string().nullable(),
  entries: z.number().int().nonnegative(),
  events: z.array(TimelineEvent),
  findings: z.array(Finding),
});
export type Boot = z.infer<typeof Boot>;

export const Report = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  inputs: z.array(InputSummary),
  diagnostics: z.array(Diagnostic),
  boots: z.array(Boot),
});
export type Report = z.infer<typeof Report>;
