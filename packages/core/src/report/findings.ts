import type { Finding } from '../model/finding.js';
import type { RuleHit } from '../rules/rule.js';
import { WORDINGS } from './wording/index.js';

/** Words a rule's hit into a finding. */
export function wordFinding(rule: string, hit: RuleHit): Finding {
  const wording = WORDINGS[rule];
  if (!wording) throw new Error(`rule ${rule} has no wording in report/findings.ts`);
  return {
    rule,
    severity: hit.severity,
    summary: wording.summary(hit.details, hit.severity),
    details: hit.details,
    evidence: hit.evidence,
    remediation: wording.remediation(hit.details, hit.severity),
  };
}

export function hasWording(rule: string): boolean {
  return rule in WORDINGS;
}
