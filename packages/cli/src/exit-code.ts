import { severityAtLeast, type Report, type Severity } from '@bootlens/core';

export type FailOn = Severity | 'none';

/** 0: nothing at or above `failOn`; 1: a finding at or above it. (2, bad input, never reaches a report.) */
export function getExitCode(report: Report, failOn: FailOn): 0 | 1 {
  if (failOn === 'none') return 0;
  const failing = report.boots.some((b) => b.findings.some((f) => severityAtLeast(f.severity, failOn)));
  return failing ? 1 : 0;
}
