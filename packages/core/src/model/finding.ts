import { z } from 'zod';
import { SourceRef } from './entry.js';

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

/** Ordered from most to least severe; `--fail-on` compares against this order. */
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_ORDER.indexOf(severity) <= SEVERITY_ORDER.indexOf(threshold);
}

/** A detail value: what a rule found, as data; words come from `report/findings.ts`. */
export const DetailValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export const Finding = z.object({
  rule: z.string(),
  severity: Severity,
  summary: z.string(),
  details: z.record(z.string(), DetailValue),
  /** Every log line the finding rests on, in timeline order. */
  evidence: z.array(SourceRef),
  remediation: z.string(),
  /**
   * `order` when the boot's input carries no time at all (`cat` output, a console capture without
   * printk times): the finding rests on the order of the lines, not on their times. Absent otherwise.
   */
  basis: z.literal('order').optional(),
});
export type Finding = z.infer<typeof Finding>;
