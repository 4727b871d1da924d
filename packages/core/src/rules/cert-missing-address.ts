import type { SanAudit, SanAuditRow } from '../model/certificate.js';
import type { SourceRef } from '../model/entry.js';
import type { Boot } from '../model/report.js';
import { evidenceOf, type Rule, type RuleHit } from './rule.js';

/** The component whose certificate it is, as far as the boot says: the audit's, else the first that issued one. */
function componentOf(boot: Boot, audits: readonly SanAudit[]): string | null {
  for (const a of audits) if (a.component) return a.component;
  for (const e of boot.events) if (e.kind === 'cert-issued' || e.kind === 'api-address-selected') return e.component;
  return null;
}

/**
 * An address or name that matters is absent from a certificate's SANs: one that is configured or
 * expected (--expect-address, k0s.yaml), that appeared on a real interface, or that a client asked
 * for. The SAN set comes from a --cert file, from a server's log line (the last one per
 * certificate), or from a client's x509 error. Reads the boot's SAN audits.
 */
export const certMissingAddress: Rule = {
  id: 'cert-missing-address',
  severity: 'error',
  description: "An address the node is expected at, has, or is asked for is missing from a serving certificate's SANs",
  check(boot: Boot): RuleHit[] {
    const audits = boot.sanAudits ?? [];
    if (audits.length === 0) return [];
    const shownHeld = (name: string) => audits.some((a) => a.origin !== 'client-error' && a.rows.some((r) => r.name === name && r.inCertificate === true));
    const missing = new Map<string, { row: SanAuditRow; audits: SanAudit[] }>();
    for (const audit of audits) {
      for (const row of audit.rows) {
        if (row.inCertificate !== false) continue;
        if (row.configured.length === 0 && !row.onInterface && !row.askedBy) continue;
        // A client's error may predate a re-issued certificate a file or a later log line shows holding it.
        if (audit.origin === 'client-error' && shownHeld(row.name)) continue;
        const m = missing.get(row.name);
        if (m) m.audits.push(audit);
        else missing.set(row.name, { row, audits: [audit] });
      }
    }
    const hits: RuleHit[] = [];
    for (const { row, audits: lacking } of missing.values()) {
      const evidence: Array<{ source: SourceRef }> = lacking.flatMap((a) => a.evidence.map((source) => ({ source })));
      if (row.onInterface) evidence.push({ source: row.onInterface.source });
      if (row.askedBy) evidence.push({ source: row.askedBy.first });
      const first = lacking[0]!;
      hits.push({
        severity: row.configured.length > 0 || row.askedBy ? 'error' : 'warning',
        details: {
          address: row.name,
          kind: row.kind,
          component: componentOf(boot, lacking),
          certificates: lacking.map((a) => a.certificate),
          origins: [...new Set(lacking.map((a) => a.origin))],
          certificateSans: [...first.sans.ip, ...first.sans.dns],
          expectedBy: row.configured,
          interface: row.onInterface?.interface ?? null,
          via: row.onInterface?.via ?? null,
          addressAppearedAtMs: row.onInterface?.sinceBootMs ?? null,
          askedByClients: row.askedBy?.count ?? 0,
          askedBy: row.askedBy?.components ?? [],
          // The certificate lacking it is one a client presented for its own address, not a server's.
          presentedByClient: lacking.every((a) => a.presentedBy !== undefined),
        },
        evidence: evidenceOf(evidence),
      });
    }
    return hits;
  },
};
