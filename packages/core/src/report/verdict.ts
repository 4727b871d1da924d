import type { Boot, FailedUnit, VerdictReason } from '../model/report.js';

/** A boot's verdict: `ok` only with no finding and no failure; boots from before verdicts existed are judged by their findings. */
export function isOk(boot: Boot): boolean {
  return boot.verdict === undefined ? boot.findings.length === 0 : boot.verdict === 'ok';
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One reason in words: `1 unit failed; its cause is not in this input`. */
export function reasonText(r: VerdictReason): string {
  switch (r.code) {
    case 'findings': return plural(r.count, 'finding', 'findings');
    case 'failed-units': return `${plural(r.count, 'unit', 'units')} failed`;
    case 'unexplained-failures': return `${r.count === 1 ? '1 unit failed; its cause is' : `${r.count} units failed; their causes are`} not in this input`;
    case 'unexplained-refusals': return `${r.count === 1 ? 'a client refused a certificate' : `clients refused a certificate ${r.count} times`}; no rule explains why`;
    case 'failed-handshakes': return `${r.count === 1 ? 'a TLS handshake failed' : `TLS handshakes failed ${r.count} times`} (not over a certificate); no rule explains why`;
    case 'component-failures': return `${r.count === 1 ? 'a component logged a failure' : `components logged ${r.count} failures`} (see the events); no rule explains why`;
    case 'error-lines': return `${r.count === 1 ? 'a component logged an error line' : `components logged ${r.count} error lines`} (see the events); no rule explains ${r.count === 1 ? 'it' : 'them'}`;
  }
}

/** All the reasons in one line: `1 finding; 1 unit failed; its cause is not in this input` (the failed count once). */
export function reasonsText(reasons: readonly VerdictReason[]): string {
  const unexplained = reasons.find((r) => r.code === 'unexplained-failures');
  const failed = reasons.find((r) => r.code === 'failed-units');
  return reasons
    .filter((r) => !(r.code === 'failed-units' && unexplained && failed && unexplained.count === failed.count))
    .map(reasonText).join('; ');
}

/**
 * The reasons worth a line of their own under the verdict (the findings speak for themselves), less
 * what the headline (the worst finding's summary) already says: one unexplained failure it names.
 */
export function verdictNotes(boot: Boot, headline = ''): string[] {
  return (boot.verdictReasons ?? [])
    .filter((r) => r.code === 'unexplained-failures' || r.code === 'unexplained-refusals' || r.code === 'failed-handshakes' || r.code === 'component-failures' || r.code === 'error-lines')
    .filter((r) => !(r.code === 'unexplained-failures' && r.count === 1 && headline.endsWith('its cause is not in this input')))
    .map(reasonText);
}

/** The finding a boot's verdict line leads with: its first error, else its first finding. */
export function worstFinding(boot: Boot): Boot['findings'][number] | undefined {
  return boot.findings.find((f) => f.severity === 'error') ?? boot.findings[0];
}

const KIND_TEXT: Record<FailedUnit['kind'], string> = {
  failed: 'failed', dependency: 'dependency failed', 'device-timeout': 'device timed out', 'start-limit-hit': 'start limit hit',
};

/** A failed unit as `systemctl --failed` would name it, with how it failed. */
export function failedUnitName(f: FailedUnit): string {
  return f.unit ?? `"${f.description ?? '?'}"`;
}

export function failedUnitHow(f: FailedUnit): string {
  return `${KIND_TEXT[f.kind]}${f.result !== null && f.result !== 'dependency' ? ` (${f.result})` : ''}`;
}

/** What bootlens sees of its cause, in words. */
export function failedUnitCause(f: FailedUnit): string {
  const c = f.cause;
  if (!c) return f.kind === 'device-timeout' ? 'the device never appeared' : f.result === 'bad-setting' ? 'systemd refused its unit file (a bad setting)' : 'not in this input';
  const port = c.port === null || c.port === undefined ? '' : `:${c.port}`;
  switch (c.kind) {
    case 'bind-failed': return c.address ? `could not bind ${c.address.includes(':') ? `[${c.address}]` : c.address}${port}` : 'could not bind its address';
    case 'tls-verify-failed': return `TLS: certificate not valid for ${c.address ?? '?'}`;
    case 'unit-failed': return `${c.unit ?? '?'} failed before it`;
  }
}
