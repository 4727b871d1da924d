import type { CertificateInfo, ExpectedName, SanAudit, SanAuditRow } from '../model/certificate.js';
import type { EventOf, SanSet } from '../model/event.js';
import type { Boot } from '../model/report.js';
import { familyOf, isLocalOnly } from '../recognize/ip.js';
import { sanSetOf } from '../recognize/k0s.js';
import { isRedactedAddress } from '../recognize/net.js';
import { addressesOfInterest } from '../timeline/addresses.js';
import { sinceBootUs } from '../timeline/time.js';
import { firstOccurrences, occurrences } from '../timeline/fold.js';
import { addExpected, expectedFromConfigText, expectedFromK0sConfig, type ConfigKind } from './config.js';
import { canonicalIp, dnsMatches, kindOfName } from './names.js';
import { parsePem, readCertificates, type ParsedCertificate } from './read.js';
import { pushAll } from '../util/bounded.js';

export interface CertificateOptions {
  /** PEM files, directories of them (read recursively for *.crt, *.pem), or PEM text. */
  certificates?: readonly string[];
  /** Addresses or names the node must be reachable at (`--expect-address`). */
  expectAddresses?: readonly string[];
  /** A k0s configuration (path, or YAML text): spec.api.address, spec.api.sans, spec.api.externalAddress. */
  config?: string;
  /** PEM files found in a support bundle: their name in it and their text (issue 18). */
  certificateFiles?: ReadonlyArray<{ path: string; text: string }>;
  /** Configurations found in a support bundle (k0s.yaml, k3s config.yaml, kubeadm), by kind. */
  configFiles?: ReadonlyArray<{ path: string; text: string; kind: ConfigKind }>;
}

export interface CertificateEvidence {
  certificates: CertificateInfo[] | undefined;
  expectedNames: ExpectedName[] | undefined;
  problems: Array<{ path: string; message: string }>;
}

const MINUTE_MS = 60_000;

function isoMs(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function cn(dn: string): string | null {
  return /(?:^|, )CN=([^,]*)/.exec(dn)?.[1] ?? null;
}

function serialOf(text: string): bigint | null {
  try {
    return BigInt(text);
  } catch {
    return null;
  }
}

/** Dates a certificate's signing from its NotBefore, as far as its issuer's habits allow. */
function date(cert: ParsedCertificate, all: readonly ParsedCertificate[], cfssl: boolean): Pick<CertificateInfo, 'dating' | 'signedFrom' | 'signedTo'> {
  const notBefore = Date.parse(cert.notBefore);
  if (cfssl) {
    // cfssl: NotBefore = signing time rounded to the minute − 5 min ⇒ signed in [NB + 4m30s, NB + 5m30s).
    return { dating: 'cfssl-backdate', signedFrom: isoMs(notBefore + 4.5 * MINUTE_MS), signedTo: isoMs(notBefore + 5.5 * MINUTE_MS) };
  }
  // k3s/rke2 before dynamiclistener v0.7.3 (and kubeadm) copy the CA's NotBefore; the CA's CN often carries its birth.
  const born = /-ca@(\d{9,11})$/.exec(cn(cert.issuer) ?? '')?.[1];
  const ca = all.find((c) => c.isCA && c.subject === cert.issuer);
  if ((born !== undefined && Number(born) * 1000 === notBefore) || (ca !== undefined && ca !== cert && ca.notBefore === cert.notBefore)) {
    return { dating: 'ca-notbefore', signedFrom: null, signedTo: null };
  }
  return { dating: 'notbefore', signedFrom: null, signedTo: null };
}

function contains(sans: SanSet, name: string): boolean {
  return kindOfName(name) === 'ip' ? sans.ip.some((ip) => canonicalIp(ip) === name) : sans.dns.some((d) => dnsMatches(d, name));
}

interface DraftAudit {
  audit: Omit<SanAudit, 'rows'>;
  /** Which kinds of SAN the source lists completely (a client's `valid for` list names one kind only). */
  knows: { ip: boolean; dns: boolean };
}

/** The rows of every audit in a boot: the names that matter, and what the boot says about each. */
function rowsFor(boot: Boot, expected: readonly ExpectedName[], draft: DraftAudit): SanAuditRow[] {
  const rows = new Map<string, SanAuditRow>();
  const row = (name: string): SanAuditRow => {
    const canonical = canonicalIp(name);
    let r = rows.get(canonical);
    if (!r) {
      const kind = kindOfName(canonical);
      const known = kind === 'ip' ? draft.knows.ip : draft.knows.dns;
      // A name a source lists is in the certificate even where the source lists that kind only in part.
      const listed = contains(draft.audit.sans, canonical);
      r = { name: canonical, kind, configured: [], inCertificate: listed ? true : known ? false : null, onInterface: null, askedBy: null };
      rows.set(canonical, r);
    }
    return r;
  };
  for (const e of expected) pushAll(row(e.name).configured, e.sources);
  for (const { address, appeared } of addressesOfInterest(boot)) {
    if (!appeared) continue;
    const us = sinceBootUs(appeared, boot);
    row(address).onInterface = {
      interface: appeared.interface, via: appeared.via, realtime: appeared.realtime,
      sinceBootMs: us === null ? null : Math.round(us / 1000), source: appeared.source,
    };
  }
  // A client's x509 error says itself that the certificate lacks the name it wanted: a name the
  // author redacted (`not new-ip`, k3s-io/k3s#4149) is a row too, as written (it matches nothing real).
  for (const e of boot.events) {
    if (e.kind !== 'tls-verify-failed' || e.wanted === '') continue;
    const r = row(e.wanted);
    if (!r.askedBy) r.askedBy = { count: 0, components: [], first: e.source };
    r.askedBy.count += occurrences(e);
    const who = e.component ?? e.identifier ?? '?';
    if (!r.askedBy.components.includes(who)) r.askedBy.components.push(who);
  }
  // A SAN the author redacted is not a name to audit (and never matches a real one).
  for (const ip of draft.audit.sans.ip) if (!isLocalOnly(ip) && !isRedactedAddress(ip)) row(ip);
  return [...rows.values()];
}

type CertIssued = EventOf<'cert-issued'>;
type TlsFailed = EventOf<'tls-verify-failed'>;

function logAudits(boot: Boot): DraftAudit[] {
  const last = new Map<string, CertIssued>();
  for (const e of boot.events) {
    if (e.kind !== 'cert-issued' || e.sans === undefined) continue;
    last.set(`${e.component}\0${e.certificate ?? e.subject ?? ''}`, e);
  }
  return [...last.values()].map((e) => ({
    audit: {
      certificate: `${e.component} ${e.certificate ?? e.subject ?? 'certificate'}`,
      origin: 'log', component: e.component, subject: e.subject ?? null, sans: e.sans!,
      notBefore: e.notBefore ?? null, notAfter: e.notAfter ?? null, serial: null, certificateIndex: null, evidence: [e.source],
    },
    // A line cut inside its SAN list (sansPartial) shows some names: absent ones are unknown, not missing.
    knows: e.sansPartial ? { ip: false, dns: false } : { ip: true, dns: true },
  }));
}

function clientAudits(boot: Boot, known: readonly DraftAudit[]): DraftAudit[] {
  const groups = new Map<string, { events: TlsFailed[]; knows: { ip: boolean; dns: boolean }; sans: SanSet; presentedBy: string | null }>();
  for (const e of boot.events) {
    if (e.kind !== 'tls-verify-failed') continue;
    const reason = e.reason ?? 'hostname-mismatch';
    if (reason !== 'hostname-mismatch' && reason !== 'no-ip-sans' && reason !== 'no-names') continue;
    // etcd checks a *client's* certificate against the client's own address (`rejected connection from
    // "192.16.0.3:41464" (error "tls: \"192.16.0.3\" does not match any of DNSNames […]"`, etcd-io/etcd#15740):
    // the certificate lacking the address is the one that client presented, never the server's.
    const presentedBy = e.component === 'etcd' ? e.wanted : null;
    const wantedIp = familyOf(e.wanted) !== null;
    // Go lists only the SANs of the kind it wanted: IP SANs for an IP, DNS names for a name.
    const knows = reason === 'no-names' ? { ip: true, dns: true } : reason === 'no-ip-sans' ? { ip: true, dns: false } : { ip: wantedIp, dns: !wantedIp };
    const sans = sanSetOf(e.validFor.map(canonicalIp));
    const key = `${presentedBy ?? ''}\0${knows.ip}${knows.dns}\0${[...sans.ip, ...sans.dns].sort().join(',')}`;
    const g = groups.get(key);
    if (g) g.events.push(e);
    else groups.set(key, { events: [e], knows, sans, presentedBy });
  }
  const out: DraftAudit[] = [];
  for (const { events, knows, sans, presentedBy } of groups.values()) {
    // The same certificate as one a file or a log line already shows: nothing new (a server's only).
    const same = presentedBy === null && known.some((k) => (!knows.ip || sameSet(k.audit.sans.ip, sans.ip)) && (!knows.dns || sameSet(k.audit.sans.dns, sans.dns)));
    if (same) continue;
    const first = events[0]!;
    const who = first.component ?? first.identifier ?? 'a client';
    out.push({
      audit: {
        certificate: presentedBy === null ? `the certificate ${who} was shown` : `the client certificate ${presentedBy} presented to ${who}`,
        origin: 'client-error', component: null, subject: null, sans, notBefore: null, notAfter: null, serial: null,
        certificateIndex: null, evidence: firstOccurrences(events, 3).map((e) => e.source),
        ...(presentedBy === null ? {} : { presentedBy }),
      },
      knows,
    });
  }
  return out;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a.map(canonicalIp));
  return x.size === new Set(b.map(canonicalIp)).size && b.every((v) => x.has(canonicalIp(v)));
}

/**
 * Reads --cert files and the expected addresses, matches each certificate to the line that logged
 * its signing (serial: hex in the file, decimal in cfssl's line), dates it, and gives every boot
 * its SAN audits (`boot.sanAudits`). Mutates `boots`.
 */
export function certificateEvidence(boots: Boot[], options: CertificateOptions): CertificateEvidence {
  const expected: ExpectedName[] = [];
  for (const a of options.expectAddresses ?? []) addExpected(expected, a, '--expect-address');
  if (options.config !== undefined) expectedFromK0sConfig(options.config, expected);
  for (const c of options.configFiles ?? []) expectedFromConfigText(c.text, c.kind, c.path, expected);
  const { certificates: parsed, problems } = readCertificates(options.certificates ?? []);
  for (const f of options.certificateFiles ?? []) pushAll(parsed, parsePem(f.text, f.path).certificates);

  const issued: Array<{ serial: bigint; boot: number; event: CertIssued }> = [];
  for (const boot of boots) {
    for (const e of boot.events) {
      if (e.kind !== 'cert-issued' || e.serial === undefined) continue;
      const serial = serialOf(e.serial);
      if (serial !== null) issued.push({ serial, boot: boot.index, event: e });
    }
  }
  const certificates: CertificateInfo[] = parsed.map((cert) => {
    const serial = BigInt(`0x${cert.serial}`);
    const match = issued.find((i) => i.serial === serial) ?? null;
    // Only cfssl logs serials; k0s's CA is `kubernetes-ca` and cfssl's NotBefore falls on a whole minute.
    const cfssl = match !== null || (cn(cert.issuer) === 'kubernetes-ca' && Date.parse(cert.notBefore) % MINUTE_MS === 0 && !cert.isCA);
    return {
      ...cert,
      ...date(cert, parsed, cfssl),
      issuance: match && { boot: match.boot, source: match.event.source, realtime: match.event.realtime, component: match.event.component },
    };
  });

  for (const boot of boots) {
    const drafts: DraftAudit[] = [];
    certificates.forEach((cert, index) => {
      if (cert.isCA || cert.sans.ip.length + cert.sans.dns.length === 0) return;
      const home = cert.issuance?.boot ?? boots.at(-1)!.index;
      if (home !== boot.index) return;
      drafts.push({
        audit: {
          certificate: cert.path + (parsed.filter((p) => p.path === cert.path).length > 1 ? ` #${cert.index + 1}` : ''),
          origin: 'file', component: cert.issuance?.component ?? null, subject: cert.subject, sans: cert.sans,
          notBefore: cert.notBefore, notAfter: cert.notAfter, serial: cert.serial, certificateIndex: index, evidence: [],
        },
        knows: { ip: true, dns: true },
      });
    });
    pushAll(drafts, logAudits(boot));
    pushAll(drafts, clientAudits(boot, drafts));
    if (drafts.length === 0) continue;
    boot.sanAudits = drafts.map((d) => ({ ...d.audit, rows: rowsFor(boot, expected, d) }));
  }
  return {
    certificates: (options.certificates?.length ?? 0) + (options.certificateFiles?.length ?? 0) > 0 ? certificates : undefined,
    expectedNames: expected.length > 0 ? expected : undefined,
    problems,
  };
}
