import type Table from 'cli-table3';
import { createRequire } from 'node:module';
import type { CertificateInfo, SanAudit } from '../model/certificate.js';
import type { Boot, Report } from '../model/report.js';
import { inert } from './inert.js';

// cli-table3 (CommonJS) is loaded when a table is first drawn, not at start-up: `analyze --format
// json` never draws one (issue 9, round 3).
const requireHere = createRequire(import.meta.url);
const newTable = (options: Table.TableConstructorOptions): Table.Table => new (requireHere('cli-table3') as typeof Table)(options);

const ORIGIN: Record<SanAudit['origin'], string> = { file: 'file', log: 'logged SAN set', 'client-error': "client's x509 error" };

function hms(iso: string): string {
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');
}

/** When a certificate file was signed, as far as its NotBefore and the journal say. */
export function datingText(cert: CertificateInfo): string {
  const logged = cert.issuance ? `; its signing is logged at ${inert(cert.issuance.source.path)}:${cert.issuance.source.line}${cert.issuance.realtime ? ` (${hms(cert.issuance.realtime)})` : ''}` : '';
  switch (cert.dating) {
    case 'cfssl-backdate':
      return `signed between ${hms(cert.signedFrom!)} and ${hms(cert.signedTo!)} (cfssl: NotBefore ${hms(cert.notBefore)} + 4m30s…5m30s)${logged}`;
    case 'ca-notbefore':
      return `NotBefore ${hms(cert.notBefore)} is its CA's, so it says nothing about when this certificate was signed${logged}`;
    default:
      return `signed at or after NotBefore ${hms(cert.notBefore)}${logged}`;
  }
}

/** Word-wraps text to `width` columns after `indent` (paths longer than a line stay whole). */
function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

function table(audit: SanAudit): string {
  // Fits 80 columns: 22 + 10 + 8 + 20 + 14 and four separators.
  const t = newTable({
    head: ['address/name', 'expected', 'in cert', 'on interface', 'asked by'],
    colWidths: [22, 10, 8, 20, 14],
    wordWrap: true,
    wrapOnWordBoundary: false,
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 0 },
    chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: ' ' },
  });
  for (const r of audit.rows) {
    t.push([
      inert(r.name),
      r.configured.length > 0 ? 'yes' : '-',
      r.inCertificate === null ? '?' : r.inCertificate ? 'yes' : 'NO',
      r.onInterface ? `${inert(r.onInterface.interface)} @${r.onInterface.sinceBootMs === null ? '?' : `${(r.onInterface.sinceBootMs / 1000).toFixed(3)}s`}` : '-',
      r.askedBy ? `${inert(r.askedBy.components.join(','))} ×${r.askedBy.count}` : '-',
    ]);
  }
  return t.toString();
}

/** The SAN audit section of a boot: per certificate, a heading and a table; '' when the boot has none. */
export function sanAuditText(report: Report, boot: Boot): string {
  const audits = (boot.sanAudits ?? []).filter((a) => a.rows.length > 0);
  if (audits.length === 0) return '';
  const out = ['SAN audit:'];
  for (const a of audits) {
    const cert = a.certificateIndex === null ? null : report.certificates?.[a.certificateIndex] ?? null;
    const from = a.evidence.length > 0 ? ` at ${inert(a.evidence[0]!.path.replace(/^.*\//, ''))}:${a.evidence[0]!.line}` : '';
    out.push(`  ${inert(a.certificate)} (${ORIGIN[a.origin]}${from})`);
    if (cert) out.push(wrap(`serial ${cert.serial}; ${datingText(cert)}`, 76, '    '));
    out.push(table(a));
  }
  const expected = report.expectedNames ?? [];
  if (expected.length > 0) out.push(`  expected: ${expected.map((e) => `${inert(e.name)} (${inert(e.sources.join(', '))})`).join('; ')}`);
  return out.join('\n');
}
