import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { BundleFile, BundleManifest } from '../model/report.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { InputSource } from '../parse/open.js';
import { readInput } from '../parse/input.js';
import { InputError } from '../parse/errors.js';
import { isJournalHead } from '../parse/journal-file/index.js';
import { configKind, type ConfigKind } from '../certs/config.js';
import { DEFAULT_BUNDLE_LIMITS, readMembers, type BundleLimits, type BundleProblem, type Container, type Member } from './archive.js';
import { layoutOf, nodeOf, type Layout } from './layout.js';
import { splitSupportconfig } from './supportconfig.js';
import { problemMessage } from './wording.js';

export { containerOf, DEFAULT_BUNDLE_LIMITS, type BundleLimits, type Container } from './archive.js';

/** What a bundle gives the analysis: its logs as inputs, its certificates and configurations, its manifest. */
export interface OpenedBundle {
  inputs: InputSource[];
  certificateFiles: Array<{ path: string; text: string }>;
  configFiles: Array<{ path: string; text: string; kind: ConfigKind }>;
  manifest: BundleManifest;
  diagnostics: Diagnostic[];
}

/** What a probe read of a log says about it: enough to find one log repeating another's entries. */
interface Probe {
  format: string;
  entries: number;
  other: number;
  first: number | null;
  last: number | null;
  host: string | null;
  bootIds: Set<string>;
  /**
   * Which message fingerprints the log holds: a bit set (a Bloom filter with one hash) of one bit per
   * byte of the log, at least 64 and at most 2^16 bits: an eighth of the bytes kept anyway, at most 8 KiB.
   */
  holds: Uint8Array;
  /** The log's smallest distinct fingerprints (bottom-k): a sample of its entries that another log must hold. */
  sample: number[];
}

const JOURNAL_MODES = /^(?:short(?:-[a-z]+)*|with-unit|verbose|json(?:-[a-z]+)?|export|cat|journal-file)$/
const MAX_BOOT_IDS = 64;
const MAX_HOLD_BITS = 1 << 16;
const SAMPLE_SIZE = 64;
/** The share of a log's sampled messages another log must hold for it to be a repeat (a few may be rendered differently, e.g. multi-line ones). */
const HELD_SHARE = 0.9;

/** FNV-1a of a message: its fingerprint, the same in every mode that prints the message whole. */
function fingerprint(message: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < message.length; i++) h = Math.imul(h ^ message.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function note(p: Probe, message: string): void {
  const f = fingerprint(message);
  p.holds[(f & (p.holds.length * 8 - 1)) >>> 3]! |= 1 << (f & 7);
  const { sample } = p;
  if (sample.length === SAMPLE_SIZE && f >= sample[SAMPLE_SIZE - 1]!) return;
  let i = sample.length;
  while (i > 0 && sample[i - 1]! > f) i--;
  if (sample[i - 1] === f) return;
  sample.splice(i, 0, f);
  if (sample.length > SAMPLE_SIZE) sample.pop();
}

/** The power of two of bits nearest above one per byte, within [64, MAX_HOLD_BITS]. */
function holdBits(bytes: number): number {
  let bits = 64;
  while (bits < bytes && bits < MAX_HOLD_BITS) bits *= 2;
  return bits;
}

function holdsSample(k: Probe, c: Probe): boolean {
  let held = 0;
  const mask = k.holds.length * 8 - 1;
  for (const f of c.sample) if ((k.holds[(f & mask) >>> 3]! & (1 << (f & 7))) !== 0) held++;
  return held >= HELD_SHARE * c.sample.length;
}
/** Names that say a file is journalctl output even when it reads as bare messages (`-o cat`). */
const JOURNAL_NAME = /(?:^|\/)journal(?:ctl)?[^/]*$|(?:^|\/)journald\//;

/** How the logs will be read (a year and zone for modes that print none), so a probe reads them the same way. */
export interface ProbeOptions {
  year?: number;
  timeZone?: string;
}

async function probe(name: string, data: Buffer, options: ProbeOptions): Promise<Probe | null> {
  const p: Probe = { format: '', entries: 0, other: 0, first: null, last: null, host: null, bootIds: new Set(), holds: new Uint8Array(holdBits(data.length) / 8), sample: [] };
  try {
    const result = await readInput({ path: name, content: data }, {
      entry(e) {
        p.entries++;
        if (p.host === null) p.host = e.hostname;
        note(p, e.message);
        if (e.bootId !== null && p.bootIds.size < MAX_BOOT_IDS) p.bootIds.add(e.bootId);
        if (e.realtimeUs !== null) {
          if (p.first === null || e.realtimeUs < p.first) p.first = e.realtimeUs;
          if (p.last === null || e.realtimeUs > p.last) p.last = e.realtimeUs;
        }
      },
      bootMarker() {},
      systemdAnalyze: () => void p.other++,
      bootListed: () => void p.other++,
    }, { maxDiagnostics: 0, ...options });
    p.format = result.summary.format ?? '';
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
  if (p.entries + p.other === 0) return null;
  // Any text reads as `-o cat`; only a name saying journal makes it one.
  if (p.format === 'cat' && !JOURNAL_NAME.test(name)) return null;
  return p;
}

interface Candidate {
  file: BundleFile;
  data: Buffer;
  probe: Probe;
}

/** How much a log is trusted to hold all of what it shows: a binary journal, then structured modes, then the rest. */
function rank(c: Candidate): number {
  const f = c.probe.format;
  return f === 'journal-file' || c.file.use === 'journal-file' ? 3 : /^(?:json|export|verbose)/.test(f) ? 2 : 1;
}

/**
 * A journal-mode log whose entries another one holds too (the same boot ids, or a wall-clock span
 * inside the other's, of the same host, with no more entries, and its sampled messages among the
 * other's) is read once: from the better one. The messages tell apart the logs of one boot split by
 * service (`journald/<unit>`, a talos node's `<service>.log`), whose spans and hosts are the same.
 */
function markDuplicateEntries(candidates: Candidate[], container: Container): void {
  const journals = candidates.filter((c) => JOURNAL_MODES.test(c.probe.format) || c.file.use === 'journal-file');
  const order = [...journals].sort((a, b) => rank(b) - rank(a) || b.probe.entries - a.probe.entries);
  const kept: Candidate[] = [];
  for (const c of order) {
    // A directory's binary journal files are merged as journalctl -D merges them, which drops
    // repeated entries exactly (by seqnum and entry hash): one file never stands in for another there.
    const merged = (k: Candidate) => container === 'directory' && k.file.use === 'journal-file' && c.file.use === 'journal-file';
    const holder = kept.find((k) => !merged(k) && k.probe.host === c.probe.host && k.probe.entries >= c.probe.entries && covers(k.probe, c.probe));
    if (holder) {
      c.file.use = 'ignored';
      c.file.reason = 'duplicate-entries';
      c.file.duplicateOf = holder.file.name;
    } else {
      kept.push(c);
    }
  }
}

function covers(k: Probe, c: Probe): boolean {
  if (!holdsSample(k, c)) return false;
  if (c.bootIds.size > 0 && k.bootIds.size > 0) return [...c.bootIds].every((id) => k.bootIds.has(id)) && within(k, c);
  return within(k, c);
}

function within(k: Probe, c: Probe): boolean {
  // Within a second: modes without fractions (short) print a time the binary journal has in microseconds.
  return c.first !== null && k.first !== null && k.first - 1e6 < c.first && c.last! < k.last! + 1e6;
}

const CERT = '-----BEGIN CERTIFICATE-----';
/**
 * Names a k3s/rke2 configuration has: `config.yaml` (`/etc/rancher/{k3s,rke2}/config.yaml`), a drop-in
 * of `config.yaml.d/`, or a file whose name starts with k3s/rke2 and mentions config. String tests,
 * not one pattern: names in archives are untrusted and may be long.
 */
function isK3sConfigName(name: string): boolean {
  const slash = name.lastIndexOf('/');
  const base = name.slice(slash + 1);
  if (base === 'config.yaml') return true;
  if (name.slice(0, Math.max(0, slash)).endsWith('config.yaml.d') && base.endsWith('.yaml')) return true;
  return (base.startsWith('k3s') || base.startsWith('rke2')) && base.includes('config') && (base.endsWith('.yaml') || base.endsWith('.yml'));
}

/**
 * Reads a directory or archive as a support bundle (issue 18): every member identified by content
 * first (binary journal, PEM certificate, k0s / k3s / kubeadm configuration, a supportconfig file
 * split at its `#==[ … ]==` headers, any log bootlens reads), by name second (the layout, the
 * node, journal output printed as `-o cat`); identical files and logs repeating another's entries
 * read once. Never writes; limits as in `limits`.
 */
export async function openBundle(path: string, container: Container, limits: BundleLimits = DEFAULT_BUNDLE_LIMITS, read: ProbeOptions = {}): Promise<OpenedBundle> {
  const problems: BundleProblem[] = [];
  const names: string[] = [];
  const opened: OpenedBundle = {
    inputs: [], certificateFiles: [], configFiles: [], diagnostics: [],
    manifest: { path, container, layout: null, files: [], filesNotListed: 0 },
  };
  const seen = new Map<string, string>();
  const candidates: Candidate[] = [];
  // Each member is identified as it arrives: only the bytes of what will be read stay in memory.
  const take = async (m: Member) => {
    names.push(m.name);
    for (const part of m.data === null ? [m] : splitSupportconfig(m)) {
      const file: BundleFile = { name: part.name, size: part.size, use: 'ignored' };
      opened.manifest.files.push(file);
      if (part.data === null) {
        file.reason = part.reason ?? 'unreadable';
        continue;
      }
      const hash = createHash('sha256').update(part.data).digest('hex');
      const twin = seen.get(hash);
      // Copies of a binary journal file in a directory are left to the merge (it reads their entries once).
      if (twin !== undefined && part.data.length > 0 && !(container === 'directory' && isJournalHead(part.data))) {
        file.reason = 'duplicate';
        file.duplicateOf = twin;
        continue;
      }
      seen.set(hash, part.name);
      await identify(part.name, part.data, file, opened, candidates, read);
    }
  };
  const { entries } = await readMembers(path, container, limits, { member: take, problem: (p) => void problems.push(p) });
  opened.manifest.filesNotListed = Math.max(0, entries - limits.maxEntries);
  // The layout is known once every name is: then each file's node.
  const layout: Layout | null = layoutOf(names);
  opened.manifest.layout = layout;
  for (const file of opened.manifest.files) {
    const node = nodeOf(layout, file.name);
    if (node !== null) file.node = node;
  }
  markDuplicateEntries(candidates, container);
  for (const c of candidates) {
    if (c.file.use === 'ignored') continue;
    const node = c.file.node !== undefined ? { node: c.file.node } : {};
    // A directory's binary journals are read from disk, merged as journalctl -D merges them.
    if (container === 'directory' && c.file.use === 'journal-file') opened.inputs.push({ path: join(path, c.file.name), ...node });
    else opened.inputs.push({ path: container === 'directory' ? join(path, c.file.name) : `${path}:${c.file.name}`, content: c.data, ...node });
  }
  for (const p of problems) opened.diagnostics.push({ path: p.name === '' ? path : `${path}:${p.name}`, line: 0, code: p.code, message: problemMessage(p) });
  return opened;
}

async function identify(name: string, data: Buffer, file: BundleFile, opened: OpenedBundle, candidates: Candidate[], read: ProbeOptions): Promise<void> {
  if (isJournalHead(data)) {
    const p = await probe(name, data, read);
    file.use = 'journal-file';
    file.as = 'journal-file';
    if (p) candidates.push({ file, data, probe: { ...p, format: 'journal-file' } });
    else {
      file.use = 'ignored';
      file.reason = 'unreadable';
    }
    return;
  }
  const head = data.subarray(0, 65536).toString('latin1');
  if (head.includes(CERT)) {
    file.use = 'certificate';
    file.as = 'pem';
    opened.certificateFiles.push({ path: name, text: data.toString('utf8') });
    return;
  }
  if (/\.ya?ml$/i.test(name) || /^(?:apiVersion|kind):/m.test(head)) {
    const kind = configKind(data.toString('utf8'), isK3sConfigName(name));
    if (kind) {
      file.use = 'config';
      file.as = kind;
      opened.configFiles.push({ path: name, text: data.toString('utf8'), kind });
      return;
    }
  }
  const p = await probe(name, data, read);
  if (!p) {
    file.reason = 'unknown';
    return;
  }
  file.use = 'log';
  file.as = p.format;
  candidates.push({ file, data, probe: p });
}
