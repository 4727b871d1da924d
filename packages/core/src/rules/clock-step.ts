import type { EventOf } from '../model/event.js';
import type { Boot } from '../model/report.js';
import { isoFromMicros, microsFromIso } from '../time.js';
import { sinceBootUs } from '../timeline/time.js';
import { evidenceOf, ms, type Rule, type RuleHit } from './rule.js';

type ClockStep = EventOf<'clock-step'>;

/** Two reports of one step agree on its size to within this (timesyncd's estimate, chrony's slew then step). */
const SAME_STEP_US = 2_000_000;

/**
 * The wall clock was stepped during the boot (an NTP client set it, or realtime jumped against
 * monotonic time). Wall-clock stamps logged before it are off by the step, which matters when they
 * are compared with certificates (NotBefore), with other machines, or with each other across it.
 */
export const clockStep: Rule = {
  id: 'clock-step',
  severity: 'info',
  description: 'the wall clock was stepped during the boot, so wall-clock stamps before the step are off',
  check(boot: Boot): RuleHit[] {
    const steps = boot.events.filter((e): e is ClockStep => e.kind === 'clock-step');
    // One step is often reported several times: chronyd's `wrong by` then `stepped by`, timesyncd's
    // message and the jump the journal shows. Reports of about the same size that follow each other
    // are one step; the NTP client's report names it.
    const groups: ClockStep[][] = [];
    for (const step of steps) {
      const last = groups[groups.length - 1];
      if (last && Math.abs(last[0]!.stepUs - step.stepUs) <= SAME_STEP_US) last.push(step);
      else groups.push([step]);
    }
    const hits: RuleHit[] = [];
    let offFrom = boot.firstRealtime;
    for (const group of groups) {
      const named = group.find((e) => e.via !== 'journal') ?? group[0]!;
      // The size: exact from the journal's two clocks or chronyd's own figure, else the estimate.
      const exact = group.find((e) => e.via === 'journal' || e.via === 'chronyd') ?? named;
      const first = group[0]!;
      const stepAtUs = first.realtime === null ? null : microsFromIso(first.realtime);
      hits.push({
        severity: 'info',
        details: {
          stepUs: exact.stepUs,
          stepMs: ms(exact.stepUs),
          via: named.via,
          reportedBy: [...new Set(group.map((e) => e.via))],
          stepAt: first.realtime,
          stepAtMs: ms(sinceBootUs(first, boot)),
          // Stamps from offFrom up to offUntil (the old clock's reading at the step) read offByUs
          // away from the corrected clock: add stepUs to them to compare with stamps after it.
          offFrom,
          offUntil: stepAtUs === null ? null : isoFromMicros(stepAtUs - exact.stepUs),
          offByUs: -exact.stepUs,
        },
        evidence: evidenceOf(group),
      });
      offFrom = first.realtime;
    }
    return hits;
  },
};
