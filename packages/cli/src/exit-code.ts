import { severityAtLeast, type Boot, type Report, type Severity } from '@bootlens/core';

export type FailOn = Severity | 'none';

/**
 * The severity a boot's verdict reasons carry beyond its findings: a TLS refusal or a component's
 * failure (a NIC hang, a fatal exit) no rule explains is a warning (something failed, bootlens cannot
 * say why); a TLS handshake that failed otherwise (a client broke off, spoke no TLS) is info: a
 * server's error line, often a probe; so is a line a component marked as an error that bootlens reads
 * no further (it may heal). Failed units are findings already.
 */
function unexplainedSeverity(boot: Boot): Severity | null {
  const codes = new Set((boot.verdictReasons ?? []).map((r) => r.code));
  if (codes.has('unexplained-refusals') || codes.has('component-failures')) return 'warning';
  return codes.has('failed-handshakes') || codes.has('error-lines') ? 'info' : null;
}

/** 0: nothing at or above `failOn`; 1: a finding (or an unexplained failure) at or above it. (2, bad input, never reaches a report.) */
export function getExitCode(report: Report, failOn: FailOn): 0 | 1 {
  if (failOn === 'none') return 0;
  const failing = report.boots.some((b) => {
    const extra = unexplainedSeverity(b);
    return b.findings.some((f) => severityAtLeast(f.severity, failOn)) || (extra !== null && severityAtLeast(extra, failOn));
  });
  return failing ? 1 : 0;
}
