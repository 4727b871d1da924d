import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CertificateInfo } from '../model/certificate.js';
import type { SanSet } from '../model/event.js';
import { InputError } from '../parse/errors.js';
import { canonicalIp } from './names.js';
import { pushAll } from '../util/bounded.js';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** A certificate as read, before it is matched to the journal. */
export type ParsedCertificate = Omit<CertificateInfo, 'dating' | 'signedFrom' | 'signedTo' | 'issuance'>;

function dn(text: string): string {
  return text.split('\n').filter(Boolean).join(', ');
}

function sansOf(subjectAltName: string | undefined): SanSet {
  const sans: SanSet = { dns: [], ip: [] };
  for (const part of (subjectAltName ?? '').split(', ')) {
    if (part.startsWith('DNS:')) sans.dns.push(part.slice(4));
    else if (part.startsWith('IP Address:')) sans.ip.push(canonicalIp(part.slice(11)));
  }
  return sans;
}

function iso(text: string): string {
  return new Date(Date.parse(text)).toISOString().replace('.000Z', 'Z');
}

/** Every certificate in a PEM text. Blocks Node cannot parse are skipped and counted in `bad`. */
export function parsePem(text: string, path: string): { certificates: ParsedCertificate[]; bad: number } {
  const certificates: ParsedCertificate[] = [];
  let bad = 0;
  for (const [index, block] of [...text.matchAll(PEM_BLOCK)].map((m, i) => [i, m[0]] as const)) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block);
    } catch {
      bad++;
      continue;
    }
    const serial = cert.serialNumber.toUpperCase().replace(/^0+(?=.)/, '');
    certificates.push({
      path,
      index,
      subject: dn(cert.subject),
      issuer: dn(cert.issuer),
      serial,
      serialDecimal: BigInt(`0x${serial}`).toString(10),
      sans: sansOf(cert.subjectAltName),
      notBefore: iso(cert.validFrom),
      notAfter: iso(cert.validTo),
      isCA: cert.ca,
      fingerprint256: cert.fingerprint256,
    });
  }
  return { certificates, bad };
}

const CERT_FILE = /\.(?:crt|pem|cert)$/i;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) pushAll(out, filesUnder(path));
    else if (entry.isFile() && CERT_FILE.test(entry.name)) out.push(path);
  }
  return out;
}

/**
 * Reads certificates from paths (a PEM file, or a directory such as /var/lib/k0s/pki read
 * recursively for *.crt and *.pem) or PEM text. A missing path is an InputError; a file with no
 * parsable certificate is a warning in `problems`.
 */
export function readCertificates(sources: readonly string[]): { certificates: ParsedCertificate[]; problems: Array<{ path: string; message: string }> } {
  const certificates: ParsedCertificate[] = [];
  const problems: Array<{ path: string; message: string }> = [];
  let inline = 0;
  const take = (text: string, path: string, fromDirectory: boolean) => {
    const { certificates: found, bad } = parsePem(text, path);
    pushAll(certificates, found);
    if (bad > 0) problems.push({ path, message: `${bad} PEM certificate block${bad === 1 ? '' : 's'} could not be parsed` });
    // Keys and CSRs in a pki directory are expected; a file named on the command line should hold a certificate.
    else if (found.length === 0 && !fromDirectory) problems.push({ path, message: 'no PEM certificate in this file' });
  };
  for (const source of sources) {
    if (source.includes('-----BEGIN ')) {
      take(source, `<pem ${++inline}>`, false);
      continue;
    }
    let isDirectory: boolean;
    try {
      isDirectory = statSync(source).isDirectory();
    } catch (error) {
      throw new InputError('unreadable', source, `cannot read certificate ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const files = isDirectory ? filesUnder(source) : [source];
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new InputError('unreadable', file, `cannot read certificate ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      take(text, file, isDirectory);
    }
  }
  return { certificates, problems };
}
