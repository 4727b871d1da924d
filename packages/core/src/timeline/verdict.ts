import type { Boot, VerdictReason } from '../model/report.js';

/**
 * A boot's verdict, as data: `ok` only when it shows no finding and no failure at all; else
 * `problem`, with why: how many findings, how many units failed, how many of those failures have no
 * cause in the input, and how many TLS refusals (a client rejecting a certificate) no finding explains
 * (a certificate finding explains them all; another finding, the ones its evidence cites).
 * Never `ok` over a failure line bootlens recognized.
 */
export function verdictOf(boot: Pick<Boot, 'findings' | 'failedUnits' | 'failedUnitsOmitted' | 'events'>): { verdict: 'ok' | 'problem'; verdictReasons: VerdictReason[] } {
  const reasons: VerdictReason[] = [];
  if (boot.findings.length > 0) reasons.push({ code: 'findings', count: boot.findings.length });
  const failed = boot.failedUnits ?? [];
  const failedCount = failed.length + (boot.failedUnitsOmitted ?? 0);
  if (failedCount > 0) {
    reasons.push({ code: 'failed-units', count: failedCount });
    // A dependency failure's cause is the unit before it; a device timeout's is the device itself.
    const unexplained = failed.filter((f) => f.kind !== 'device-timeout' && !f.cause).length + (boot.failedUnitsOmitted ?? 0);
    if (unexplained > 0) reasons.push({ code: 'unexplained-failures', count: unexplained });
  }
  const cited = new Set<string>();
  for (const f of boot.findings) for (const s of f.evidence) cited.add(`${s.path}\0${s.line}`);
  // A certificate finding explains the boot's refusals (they are the symptom it names); else a refusal its evidence cites.
  const certFinding = boot.findings.some((f) => f.rule.startsWith('cert-'));
  let refusals = 0;
  for (const e of boot.events) {
    if (!refusesCertificate(e) || certFinding || cited.has(`${e.source.path}\0${e.source.line}`)) continue;
    refusals += e.run?.count ?? 1;
  }
  if (refusals > 0) reasons.push({ code: 'unexplained-refusals', count: refusals });
  return { verdict: reasons.length === 0 ? 'ok' : 'problem', verdictReasons: reasons };
}

/**
 * A client refusing a certificate: its own x509 error, or a server logging that the client's side
 * rejected the handshake over the certificate (`TLS handshake error from A:P: remote error: tls: bad
 * certificate`, `… unknown certificate authority`). A handshake cut short (`EOF`, a probe of a load
 * balancer) is everyday noise and no refusal.
 */
function refusesCertificate(e: Pick<Boot, 'events'>['events'][number]): boolean {
  if (e.kind === 'tls-verify-failed') return true;
  return e.kind === 'tls-handshake-failed' && /certificate/i.test(e.error);
}
