import { z } from 'zod';
import { SourceRef } from './entry.js';

/**
 * One line of `systemd-analyze critical-chain`. Times are as systemd means them: milliseconds since
 * userspace start (not kernel start). `activatedAtMs` is the `@` time (when the unit began
 * activating, for units with a `+` duration; when it became active, for the others), null for a
 * unit that was up before userspace started (printed bare).
 */
export const CriticalChainUnit = z.object({
  unit: z.string(),
  /** 0 for the unit the chain was printed for; its predecessors are deeper. */
  depth: z.number().int().nonnegative(),
  activatedAtMs: z.number().nullable(),
  durationMs: z.number().nullable(),
  /** The unit's `@` time on the journal's monotonic axis (µs since kernel start), when a journal boot anchors it. */
  monotonicUs: z.number().nullable().optional(),
  /** The pasted line, when it came from a paste. */
  source: SourceRef.optional(),
});
export type CriticalChainUnit = z.infer<typeof CriticalChainUnit>;

/** One line of `systemd-analyze blame`: how long the unit took to start. */
export const BlameEntry = z.object({
  unit: z.string(),
  durationMs: z.number(),
  source: SourceRef.optional(),
});
export type BlameEntry = z.infer<typeof BlameEntry>;

/** `Startup finished in …`: each part of the boot, null where systemd did not print it. */
export const BootTime = z.object({
  firmwareMs: z.number().nullable(),
  loaderMs: z.number().nullable(),
  kernelMs: z.number().nullable(),
  initrdMs: z.number().nullable(),
  /** The `(soft reboot)` term (systemd ≥ 254), null when absent. */
  softRebootMs: z.number().nullable().optional(),
  userspaceMs: z.number().nullable(),
  totalMs: z.number().nullable(),
  /** The default target and when it was reached (ms in userspace), from the second line; null when not printed or never reached. */
  defaultTarget: z.string().nullable().optional(),
  defaultTargetReachedMs: z.number().nullable().optional(),
  source: SourceRef.optional(),
});
export type BootTime = z.infer<typeof BootTime>;

/** Where bootlens placed userspace start on the journal's monotonic axis, and from which evidence. */
export const UserspaceStart = z.object({
  monotonicUs: z.number(),
  /**
   * `startup-finished`: systemd's `Startup finished in …` entry (kernel + initrd spans);
   * `pasted-time`: the pasted `systemd-analyze time`; `manager-start`: the last
   * `systemd … running in system mode` line of PID 1 (after any switch-root);
   * `first-pid1`: the first PID 1 entry recognized in the boot.
   */
  from: z.enum(['startup-finished', 'pasted-time', 'manager-start', 'first-pid1']),
});
export type UserspaceStart = z.infer<typeof UserspaceStart>;

/** What one systemd-analyze paste held (any of the three outputs, in any order). */
export interface SystemdAnalyzePaste {
  path: string;
  criticalChain: CriticalChainUnit[] | null;
  blame: BlameEntry[] | null;
  bootTime: BootTime | null;
  /** True when the paste was `Bootup is not yet finished …`. */
  notFinished: boolean;
}
