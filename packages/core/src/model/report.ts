import { z } from 'zod';
import { Diagnostic } from './diagnostic.js';
import { SourceRef } from './entry.js';
import { AddressFamily, TimelineEvent } from './event.js';
import { Finding } from './finding.js';
import { BlameEntry, BootTime, CriticalChainUnit, UserspaceStart } from './systemd-analyze.js';
import { CertificateInfo, ExpectedName, SanAudit } from './certificate.js';

/** Bumped on any breaking change to the report's shape. Additions do not bump it. */
export const SCHEMA_VERSION = 1;

export const InputFormat = z.enum([
  'short-iso', 'short-iso-precise', 'json', 'systemd-analyze', 'ip-monitor',
  'short', 'short-precise', 'short-full', 'short-monotonic', 'short-unix', 'short-delta', 'with-unit',
  'verbose', 'json-pretty', 'json-seq', 'json-sse', 'export', 'cat',
  // A binary journal file (*.journal): lines, parsed and skipped count its entries.
  'journal-file',
  'systemctl-status', 'list-boots',
  // Component logs without a journal prefix (issue 14).
  'klog', 'logrus', 'zap', 'capnslog', 'golog', 'kubeadm', 'openrc',
  // journalctl lines pasted without their time and host columns: `sshd[1209]: …` (issue 15).
  'identifier-only',
]);
export type InputFormat = z.infer<typeof InputFormat>;

export const InputSummary = z.object({
  path: z.string(),
  format: InputFormat.nullable(),
  /** Lines read. Always `parsed + skipped`. */
  lines: z.number().int().nonnegative(),
  /** Lines understood: entries, their continuation lines, boot markers and headers. */
  parsed: z.number().int().nonnegative(),
  entries: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  /**
   * The regions of a paste that mixes formats (a `systemctl status` block, then a journal excerpt,
   * then `systemd-analyze blame`), in order: the lines each format read. Absent when one format read
   * the whole input. Lines between regions that are in no log format (prompts, prose, fences) are
   * skipped with the `not-log` code. At most 1000 are listed.
   */
  regions: z.array(z.object({
    format: InputFormat,
    firstLine: z.number().int().nonnegative(),
    lastLine: z.number().int().nonnegative(),
    lines: z.number().int().nonnegative(),
  })).optional(),
});
export type InputSummary = z.infer<typeof InputSummary>;

/**
 * How events inside a boot are ordered: by the monotonic clock when every event has it (the only
 * order that survives clock steps), else by wall-clock time, else in input order.
 */
export const TimeBasis = z.enum(['monotonic', 'realtime', 'input-order']);
export type TimeBasis = z.infer<typeof TimeBasis>;

/** One address's life in a boot: from its first appearance to its removal (a later reappearance is a new story). */
export const AddressStory = z.object({
  address: z.string(),
  family: AddressFamily,
  /** The interface's last name in this boot (after any renames). */
  interface: z.string(),
  /** Every name the interface(s) holding it had, in order: `eth0` then `enp3s0`. */
  interfaces: z.array(z.string()),
  prefixLength: z.number().int().nullable(),
  /** Microseconds since boot start (the boot's time basis), null when the input has no usable time. */
  appearedAtUs: z.number().nullable(),
  /** The stack that first reported it. */
  via: z.string(),
  /** Every stack that reported it present. */
  seenBy: z.array(z.string()),
  goneAtUs: z.number().nullable(),
});
export type AddressStory = z.infer<typeof AddressStory>;

export const InterfaceStory = z.object({
  /** Its last name in this boot. */
  name: z.string(),
  formerNames: z.array(z.string()),
  /** The first time its link came up, in microseconds since boot start. */
  upAtUs: z.number().nullable(),
  /** When its link went down after that, if it was down at the end of the journal; else null. */
  downAtUs: z.number().nullable(),
});
export type InterfaceStory = z.infer<typeof InterfaceStory>;

export const Boot = z.object({
  index: z.number().int().nonnegative(),
  bootId: z.string().nullable(),
  hostname: z.string().nullable(),
  timeBasis: TimeBasis,
  /** Wall-clock time of the boot's first entry, the zero of "time since boot" when no monotonic clock exists. */
  firstRealtime: z.string().nullable(),
  /** Wall-clock time of the boot's last entry, where a `journalctl --list-boots` listing gives it. */
  lastRealtime: z.string().nullable().optional(),
  /**
   * Where a `journalctl --list-boots` listing named this boot: its offset there (0 the last boot,
   * -1 the one before) and the line. Absent when no listing did; a boot with `entries: 0` is known
   * only from the listing.
   */
  listed: z.object({ offset: z.number().int(), source: SourceRef }).optional(),
  entries: z.number().int().nonnegative(),
  events: z.array(TimelineEvent),
  findings: z.array(Finding),
  /** The life of every address in this boot: where it appeared (under every name its interface had), who said so, when it went. */
  addresses: z.array(AddressStory).default([]),
  /** Every interface the boot's network events name, with its earlier names and when its link came up and went down. */
  interfaces: z.array(InterfaceStory).default([]),
  /** `systemd-analyze critical-chain` pasted for this boot (depth-first, as printed). */
  criticalChain: z.array(CriticalChainUnit).optional(),
  /** `systemd-analyze blame` pasted for this boot, longest first. */
  blame: z.array(BlameEntry).optional(),
  /** `systemd-analyze time` pasted for this boot. */
  bootTime: BootTime.optional(),
  /** Userspace start on this boot's monotonic axis, where the journal (or a pasted time) shows it. */
  userspaceStart: UserspaceStart.optional(),
  /**
   * Each certificate that mattered in this boot (a --cert file, the last SAN set a server logged,
   * a client's x509 error) held against the addresses that matter; see SanAudit. Absent when the
   * boot shows no certificate evidence.
   */
  sanAudits: z.array(SanAudit).optional(),
});
export type Boot = z.infer<typeof Boot>;

export const Report = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  inputs: z.array(InputSummary),
  diagnostics: z.array(Diagnostic),
  boots: z.array(Boot),
  /** Certificates read from --cert files, in the order given. Absent when none were given. */
  certificates: z.array(CertificateInfo).optional(),
  /** Addresses and names the node is expected to be reached at (--expect-address, --config). Absent when none were given. */
  expectedNames: z.array(ExpectedName).optional(),
});
export type Report = z.infer<typeof Report>;
