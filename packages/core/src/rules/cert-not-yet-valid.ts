import type { EventOf, TimelineEvent } from '../model/event.js';
import type { Boot } from '../model/report.js';
import { microsFromIso } from '../time.js';
import { compareInBoot, sinceBootUs } from '../timeline/time.js';
import type { SourceRef } from '../model/entry.js';
import { firstOccurrences, lastOccurrence, occurrencesOf } from '../timeline/fold.js';
import { evidenceOf, ms, type Rule, type RuleHit } from './rule.js';

type ClockStep = EventOf<'clock-step'>;

const t = (iso: string) => Math.floor(microsFromIso(iso) / 1000);

/** The first forward clock step after `after` (or in the boot), which is what fixed a clock that was behind. */
function fixingStep(boot: Boot, after: TimelineEvent | null): ClockStep | null {
  const steps = boot.events.filter((e): e is ClockStep => e.kind === 'clock-step' && e.stepUs > 0);
  return steps.find((s) => after === null || compareInBoot(after, s, boot) < 0) ?? steps[0] ?? null;
}

/**
 * The clock was before a certificate's NotBefore: a client refused it as not yet valid, a server
 * loaded it while its clock read earlier than NotBefore, or a --cert file's NotBefore lies after
 * this boot's clock. Typically an RTC that lost time (no battery, a fresh image) until NTP set it.
 */
export const certNotYetValid: Rule = {
  id: 'cert-not-yet-valid',
  severity: 'error',
  description: "The clock at boot was before a certificate's NotBefore, so TLS clients refused it as not yet valid",
  check(boot: Boot): RuleHit[] {
    const hits: RuleHit[] = [];
    const hit = (origin: string, notBefore: string, clockAt: string, first: TimelineEvent | null, more: Array<{ source: SourceRef }>, extra: Record<string, string | number | null | string[]>) => {
      const step = fixingStep(boot, first);
      const skewMs = t(notBefore) - t(clockAt);
      hits.push({
        severity: 'error',
        details: {
          origin,
          notBefore,
          clockAt,
          skewMs,
          firstSeenAtMs: first ? ms(sinceBootUs(first, boot)) : null,
          clockStepAtMs: step ? ms(sinceBootUs(step, boot)) : null,
          clockStepMs: step ? Math.round(step.stepUs / 1000) : null,
          clockStepVia: step?.via ?? null,
          clockStepFixed: step ? step.stepUs / 1000 >= skewMs : null,
          ...extra,
        },
        evidence: evidenceOf([...(first ? [first] : []), ...more, ...(step ? [step] : [])]),
      });
    };

    // 1. Clients that said so: `x509: certificate has expired or is not yet valid: current time T is before NB`.
    const failures = new Map<string, EventOf<'tls-verify-failed'>[]>();
    for (const e of boot.events) {
      if (e.kind !== 'tls-verify-failed' || e.reason !== 'not-yet-valid' || !e.boundary) continue;
      const list = failures.get(e.boundary) ?? [];
      list.push(e);
      failures.set(e.boundary, list);
    }
    for (const [boundary, list] of failures) {
      const first = list[0]!;
      hit('client-error', boundary, first.currentTime ?? first.realtime ?? boundary, first, firstOccurrences(list, 3), {
        failures: occurrencesOf(list),
        components: [...new Set(list.map((e) => e.component ?? e.identifier ?? '?'))],
        wanted: first.wanted || null,
        certificate: null,
      });
    }
    if (failures.size > 0) return hits;

    // 2. A server logged a certificate whose NotBefore was ahead of the clock that stamped the line.
    for (const e of boot.events) {
      if (e.kind !== 'cert-issued' || !e.notBefore || e.realtime === null) continue;
      if (t(e.notBefore) <= t(e.realtime)) continue;
      hit('log', e.notBefore, e.realtime, e, [], { failures: 0, components: [e.component], wanted: null, certificate: e.certificate ?? e.subject ?? null });
    }
    if (hits.length > 0) return hits;

    // 3. A --cert file not signed in this boot whose NotBefore is after the boot's clock.
    if (boot.firstRealtime === null) return hits;
    let latest = t(boot.firstRealtime);
    for (const e of boot.events) {
      const last = lastOccurrence(e).realtime;
      if (last !== null) latest = Math.max(latest, t(last));
    }
    const serials = new Set(boot.events.flatMap((e) => (e.kind === 'cert-issued' && e.serial ? [safeBig(e.serial)] : [])));
    for (const audit of boot.sanAudits ?? []) {
      if (audit.origin !== 'file' || !audit.notBefore || audit.serial === null) continue;
      if (serials.has(safeBig(`0x${audit.serial}`))) continue;
      const nb = t(audit.notBefore);
      const step = fixingStep(boot, null);
      if (t(boot.firstRealtime) >= nb || (latest >= nb && !step)) continue;
      hit('file', audit.notBefore, boot.firstRealtime, null, [], { failures: 0, components: audit.component ? [audit.component] : [], wanted: null, certificate: audit.certificate });
    }
    return hits;
  },
};

function safeBig(text: string): string {
  try {
    return BigInt(text).toString();
  } catch {
    return text;
  }
}
