import { z } from 'zod';
import { SourceRef } from './entry.js';
import { SanSet } from './event.js';

/**
 * How far a certificate's NotBefore dates its signing:
 * - `cfssl-backdate`: cfssl (k0s) sets NotBefore to the signing time rounded to the minute minus
 *   5 minutes, so signing happened in [NotBefore + 4m30s, NotBefore + 5m30s) — `signedFrom`/`signedTo`;
 * - `ca-notbefore`: NotBefore is the issuing CA's own NotBefore (k3s/rke2 before dynamiclistener
 *   v0.7.3: the issuer's CN carries its creation time `…-ca@<unix seconds>`; kubeadm); it says
 *   nothing about when this certificate was signed;
 * - `notbefore`: nothing better known: signed at or after NotBefore, usually within minutes.
 */
export const CertificateDating = z.enum(['cfssl-backdate', 'ca-notbefore', 'notbefore']);
export type CertificateDating = z.infer<typeof CertificateDating>;

/** A certificate read from a PEM file given with `--cert` (or `analyze(…, { certificates })`). */
export const CertificateInfo = z.object({
  /** The file it came from (`<pem 1>` for PEM text handed to the library). */
  path: z.string(),
  /** Which certificate of the file (0-based): bundles hold several. */
  index: z.number().int().nonnegative(),
  /** Distinguished names as `CN=…, O=…`. */
  subject: z.string(),
  issuer: z.string(),
  /** Serial number in hex, as the file holds it (upper case, no separators). */
  serial: z.string(),
  /** The same serial in decimal, as cfssl logs it. */
  serialDecimal: z.string(),
  /** Subject alternative names; IPv6 addresses in canonical (compressed) form. */
  sans: SanSet,
  /** Validity, ISO-8601 UTC. */
  notBefore: z.string(),
  notAfter: z.string(),
  isCA: z.boolean(),
  fingerprint256: z.string(),
  dating: CertificateDating,
  /** For `cfssl-backdate`: the window signing happened in (UTC); null otherwise. */
  signedFrom: z.string().nullable(),
  signedTo: z.string().nullable(),
  /** The journal line that logged its signing (matched by serial), or null when none did. */
  issuance: z.object({
    boot: z.number().int().nonnegative(),
    source: SourceRef,
    /** The line's wall-clock time (the journal's clock, which may be wrong: see cert-not-yet-valid). */
    realtime: z.string().nullable(),
    component: z.string(),
  }).nullable(),
});
export type CertificateInfo = z.infer<typeof CertificateInfo>;

/** An address or name the node is expected to be reached at, and who said so. */
export const ExpectedName = z.object({
  name: z.string(),
  kind: z.enum(['ip', 'dns']),
  /** `--expect-address`, `k0s.yaml spec.api.address`, `k0s.yaml spec.api.sans`, `k0s.yaml spec.api.externalAddress`. */
  sources: z.array(z.string()),
});
export type ExpectedName = z.infer<typeof ExpectedName>;

/** One row of a SAN audit: an address or name that matters, and what each source says about it. */
export const SanAuditRow = z.object({
  name: z.string(),
  kind: z.enum(['ip', 'dns']),
  /** Who expects it (see ExpectedName.sources); empty when nobody configured it. */
  configured: z.array(z.string()),
  /** Whether the certificate holds it; null when the source cannot say (a client's x509 error lists only IP SANs when it wanted an IP). */
  inCertificate: z.boolean().nullable(),
  /** Its first appearance on a real interface in this boot, or null. */
  onInterface: z.object({
    interface: z.string(),
    via: z.string(),
    realtime: z.string().nullable(),
    /** Milliseconds since the boot started (see Boot.timeBasis). */
    sinceBootMs: z.number().nullable(),
    source: SourceRef,
  }).nullable(),
  /** Clients whose x509 check wanted this name, or null when none did. */
  askedBy: z.object({
    count: z.number().int().positive(),
    components: z.array(z.string()),
    first: SourceRef,
  }).nullable(),
});
export type SanAuditRow = z.infer<typeof SanAuditRow>;

/**
 * One certificate's SANs held against the addresses that matter in one boot: the addresses
 * configured or expected, those that appeared on real interfaces, those clients asked for, and the
 * certificate's own non-loopback IP SANs.
 */
export const SanAudit = z.object({
  /** What certificate: a file (`/var/lib/k0s/pki/server.crt`), or a logged one (`k3s kube-system/k3s-serving`). */
  certificate: z.string(),
  /**
   * Where its SAN set comes from: `file` a PEM given with --cert; `log` a line that logged the SAN
   * set (kubeadm `[certs] … is signed for`, k3s `Active/Updating TLS secret`, kube-apiserver `Loaded
   * serving cert`) — the last one per certificate in the boot; `client-error` the `valid for …` list
   * of a client's x509 error (IP SANs only, when the client wanted an IP).
   */
  origin: z.enum(['file', 'log', 'client-error']),
  component: z.string().nullable(),
  subject: z.string().nullable(),
  sans: SanSet,
  notBefore: z.string().nullable(),
  notAfter: z.string().nullable(),
  /** Serial number in hex, for `file`; null otherwise. */
  serial: z.string().nullable(),
  /** For `file`: which entry of the report's `certificates`; null otherwise. */
  certificateIndex: z.number().int().nonnegative().nullable(),
  /** The log lines the SAN set comes from (empty for files). */
  evidence: z.array(SourceRef),
  rows: z.array(SanAuditRow),
  /**
   * For `client-error` audits of a certificate a client presented (etcd rejecting a peer or client
   * whose certificate lacks its own address): that client's address. Absent for a server's certificate.
   */
  presentedBy: z.string().optional(),
});
export type SanAudit = z.infer<typeof SanAudit>;
