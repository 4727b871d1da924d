import type { SourceRef } from '../model/entry.js';
import type { DetailValue, Severity } from '../model/finding.js';
import type { Boot } from '../model/report.js';
import type { z } from 'zod';

export type Details = Record<string, z.infer<typeof DetailValue>>;

/** What a rule found, as data. Its words (summary, remediation) come from `report/findings.ts`. */
export interface RuleHit {
  severity: Severity;
  details: Details;
  evidence: SourceRef[];
}

/** One diagnosis. Each rule lives in its own module and has a page at `docs/rules/<id>.md`. */
export interface Rule {
  id: string;
  /** The severity of a typical hit; a hit may carry another (a race that healed itself is info). */
  severity: Severity;
  /** One line: what the rule detects. */
  description: string;
  check(boot: Boot): RuleHit[];
}

/** Evidence in timeline order, each line once. */
export function evidenceOf(events: ReadonlyArray<{ source: SourceRef }>): SourceRef[] {
  const seen = new Set<string>();
  const out: SourceRef[] = [];
  for (const { source } of events) {
    const key = `${source.path}\0${source.line}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(source);
    }
  }
  return out.sort((a, b) => (a.path === b.path ? a.line - b.line : a.path < b.path ? -1 : 1));
}

export function ms(us: number | null): number | null {
  return us === null ? null : Math.round(us / 1000);
}
