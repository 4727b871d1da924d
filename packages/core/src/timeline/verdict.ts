import type { Boot, VerdictReason } from '../model/report.js';

/**
 * A boot's verdict, as data: `ok` only when it shows no finding and no failure at all; else
 * `problem`, with why: how many findings, how many units failed, how many of those failures have no
 * cause in the input, and how many TLS refusals (a client rejecting a certificate), other failed TLS
 * handshakes, components' own failures and their error lines no finding explains (failureEvents).
 * Never `ok` over a failure line bootlens recognized.
 */
export function verdictOf(boot: Pick<Boot, 'findings' | 'failedUnits' | 'failedUnitsOmitted' | 'events'>): { verdict: 'ok' | 'problem'; verdictReasons: VerdictReason[] } {
  const reasons: VerdictReason[] = [];
  if (boot.findings.length > 0) reasons.push({ code: 'findings', count: boot.findings.length });
  const failed = boot.failedUnits ?? [];
  const failedCount = failed.length + (boot.failedUnitsOmitted ?? 0);
  if (failedCount > 0) {
    reasons.push({ code: 'failed-units', count: failedCount });
    // A dependency failure's cause is the unit before it; a device timeout's is the device itself; a
    // unit refused over a bad setting (`… Refusing.`) says its cause on its own line.
    const unexplained = failed.filter((f) => f.kind !== 'device-timeout' && f.result !== 'bad-setting' && !f.cause).length + (boot.failedUnitsOmitted ?? 0);
    if (unexplained > 0) reasons.push({ code: 'unexplained-failures', count: unexplained });
  }
  const cited = new Set<string>();
  for (const f of boot.findings) for (const s of f.evidence) cited.add(`${s.path}\0${s.line}`);
  const tally = failureEvents(boot, cited);
  if (tally.refusals > 0) reasons.push({ code: 'unexplained-refusals', count: tally.refusals });
  if (tally.handshakes > 0) reasons.push({ code: 'failed-handshakes', count: tally.handshakes });
  if (tally.components > 0) reasons.push({ code: 'component-failures', count: tally.components });
  if (tally.errors > 0) reasons.push({ code: 'error-lines', count: tally.errors });
  return { verdict: reasons.length === 0 ? 'ok' : 'problem', verdictReasons: reasons };
}

type Events = Pick<Boot, 'events'>['events'];

/**
 * The failure events no finding explains, by what they are (a run counts its occurrences): TLS
 * refusals (a certificate finding explains them all; another finding, the ones its evidence cites),
 * other failed TLS handshakes (a client that broke off or spoke no TLS: a server logging an error),
 * components' own failures (a NIC hang, a VRRP fault, a failed rename, a fatal exit), and the lines
 * components marked as errors that bootlens reads no further (`error-logged`).
 */
function failureEvents(boot: Pick<Boot, 'findings' | 'events'>, cited: ReadonlySet<string>): { refusals: number; handshakes: number; components: number; errors: number } {
  const certFinding = boot.findings.some((f) => f.rule.startsWith('cert-'));
  const tally = { refusals: 0, handshakes: 0, components: 0, errors: 0 };
  for (const e of boot.events) {
    if (cited.has(`${e.source.path}\0${e.source.line}`)) continue;
    const n = e.run?.count ?? 1;
    if (refusesCertificate(e)) tally.refusals += certFinding ? 0 : n;
    else if (e.kind === 'tls-handshake-failed') tally.handshakes += n;
    else if (e.kind === 'component-failure' && e.failure === 'error-logged') tally.errors += n;
    else if (e.kind === 'component-failure') tally.components += n;
  }
  return tally;
}

/**
 * A client refusing a certificate: its own x509 error, or a server logging that the client's side
 * rejected the handshake over the certificate (`TLS handshake error from A:P: remote error: tls: bad
 * certificate`, `… unknown certificate authority`). A handshake cut short (`EOF`, a probe of a load
 * balancer, a client speaking plain HTTP) is no refusal: a failed handshake (failureEvents).
 */
function refusesCertificate(e: Events[number]): boolean {
  if (e.kind === 'tls-verify-failed') return true;
  return e.kind === 'tls-handshake-failed' && /certificate/i.test(e.error);
}
