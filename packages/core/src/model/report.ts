import { z } from 'zod';
import { Diagnostic } from './diagnostic.js';
import { SourceRef } from './entry.js';
import { AddressFamily, EVENT_KINDS, TimelineEvent, type EventKind } from './event.js';
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
  // syslog as RFC 5424 and OpenWrt's logread (issue 14; rsyslog's traditional and RFC 3339 files read as short and short-iso-precise),
  // the kernel ring buffer (dmesg), and serial or VM console captures (printk lines and systemd's status lines).
  'syslog-rfc5424', 'logread', 'dmesg', 'console',
  // journalctl lines pasted without their time and host columns: `sshd[1209]: …` (issue 15).
  'identifier-only',
  // A component's own log: each line a stamp in a common shape, then the message (chronyd, postgres,
  // a CI runner's stamps before a console capture; issue 14).
  'stamped',
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

/**
 * How a unit failed, as `systemctl --failed` would list it: `failed` (its start failed: `Failed to
 * start`, `Failed with result`, `Active: failed`), `dependency` (a unit it needs failed: `Dependency
 * failed for`), `device-timeout` (a device never appeared: `Timed out waiting for device`),
 * `start-limit-hit` (restarted too often: `Start request repeated too quickly`).
 */
export const FailureKind = z.enum(['failed', 'dependency', 'device-timeout', 'start-limit-hit']);
export type FailureKind = z.infer<typeof FailureKind>;

/**
 * What bootlens sees that made a unit fail: a bind failure (the address was not there, or the port in use), a TLS
 * verification failure, or, for a dependency failure, the unit that failed before it.
 */
export const FailureCause = z.object({
  kind: z.enum(['bind-failed', 'tls-verify-failed', 'unit-failed']),
  /** The address it could not bind, or the name a client wanted (TLS); null when the line did not say. */
  address: z.string().nullable().optional(),
  port: z.number().int().nullable().optional(),
  /** For `unit-failed`: the unit (or, when only that was logged, the description) that failed first. */
  unit: z.string().nullable().optional(),
  /** For `bind-failed`: true when the port was in use (EADDRINUSE), not the address missing. */
  inUse: z.literal(true).optional(),
  /** For `bind-failed`: true when the line was cut before its reason (address missing or port in use: not known). */
  reasonCut: z.literal(true).optional(),
  source: SourceRef,
});
export type FailureCause = z.infer<typeof FailureCause>;

/** One unit that failed during the boot: every failure line about it folded into one row. */
export const FailedUnit = z.object({
  /** The unit name, null when only its description was logged. */
  unit: z.string().nullable(),
  description: z.string().nullable(),
  kind: FailureKind,
  /** systemd's result (`exit-code`, `timeout`, `dependency`, `start-limit-hit`, …), null when no line said it. */
  result: z.string().nullable(),
  /** The failure lines, in order (at most 10). */
  evidence: z.array(SourceRef),
  cause: FailureCause.optional(),
});
export type FailedUnit = z.infer<typeof FailedUnit>;

/**
 * Why a boot's verdict is `problem`, as data (worded in report/verdict.ts): `findings` (count: how
 * many findings), `failed-units` (count: units that failed), `unexplained-failures` (count: failed
 * units whose cause is not in the input), `unexplained-refusals` (count: TLS verification failures
 * no finding explains), `failed-handshakes` (count: TLS handshakes a server logged as failed not over
 * a certificate, `EOF`, `first record does not look like a TLS handshake`), `component-failures`
 * (count: component-failure events, a NIC hang, a VRRP fault, a failed rename, a fatal exit, no
 * finding explains), `error-lines` (count: lines components themselves marked as errors, klog's `E…`,
 * `ERROR`, `level=error`, that no other event reads and no finding explains: component-failure
 * events `error-logged`, a run counting its lines).
 */
export const VerdictReason = z.object({
  code: z.enum(['findings', 'failed-units', 'unexplained-failures', 'unexplained-refusals', 'failed-handshakes', 'component-failures', 'error-lines']),
  count: z.number().int().nonnegative(),
});
export type VerdictReason = z.infer<typeof VerdictReason>;

/** Events left out of a report, and the log lines they stand for (a folded run counts its occurrences). */
export const OmittedCount = z.object({
  events: z.number().int().nonnegative(),
  occurrences: z.number().int().nonnegative(),
});
export type OmittedCount = z.infer<typeof OmittedCount>;

/**
 * What a boot's `events` leave out (issue 16): a report keeps at most 500 events per boot and
 * 2000 over all boots, the newest boot first (every event a finding cites, then key events, then
 * the rest in timeline order); the timeline itself holds at most 50,000 per boot. What is left out
 * is counted here, exactly, in all and by kind. Absent when nothing was left out.
 * `bootlens analyze --all-events` writes every event.
 */
export const EventsOmitted = OmittedCount.extend({
  byKind: z.partialRecord(z.enum(EVENT_KINDS as [EventKind, ...EventKind[]]), OmittedCount),
});
export type EventsOmitted = z.infer<typeof EventsOmitted>;

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
  /** The boot's events in timeline order; repeats of one fact are one event with a `run`. Capped: see `eventsOmitted`. */
  events: z.array(TimelineEvent),
  eventsOmitted: EventsOmitted.optional(),
  findings: z.array(Finding),
  /** The life of every address in this boot: where it appeared (under every name its interface had), who said so, when it went. */
  addresses: z.array(AddressStory).default([]),
  /** Every interface the boot's network events name, with its earlier names and when its link came up and went down. */
  interfaces: z.array(InterfaceStory).default([]),
  /** Address lives past the first 1000 of the boot (an address flapping for a month), counted, not listed (issue 16). Absent when none. */
  addressesOmitted: z.number().int().positive().optional(),
  /** Interfaces past the first 1000 of the boot, counted, not listed (issue 16). Absent when none. */
  interfacesOmitted: z.number().int().positive().optional(),
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
  /** Units that failed in this boot, like `systemctl --failed` (at most 200; `failedUnitsOmitted` counts the rest). */
  failedUnits: z.array(FailedUnit).optional(),
  failedUnitsOmitted: z.number().int().nonnegative().optional(),
  /**
   * `ok` only when the boot shows no finding and no failure at all (the ✓); `problem` otherwise, with
   * the reasons in `verdictReasons`.
   */
  verdict: z.enum(['ok', 'problem']).optional(),
  verdictReasons: z.array(VerdictReason).optional(),
});
export type Boot = z.infer<typeof Boot>;

/** One file of a support bundle, and what bootlens made of it (issue 18). */
export const BundleFile = z.object({
  /** The file's path inside the bundle (a supportconfig section: `file.txt#N`). */
  name: z.string(),
  /** Bytes (as stored; expanded for archive members). */
  size: z.number().int().nonnegative(),
  /** `log` (read into the timeline), `journal-file` (binary journal), `certificate`, `config`, or `ignored`. */
  use: z.enum(['log', 'journal-file', 'certificate', 'config', 'ignored']),
  /** What it was read as: the log format, `pem`, `k0s`, `k3s`, `kubeadm`; absent for ignored files. */
  as: z.string().optional(),
  /** The node it was taken to be from, where the layout says (a talosctl support node directory). */
  node: z.string().optional(),
  /** Why an ignored file was ignored: `unknown`, `too-large`, `duplicate`, `duplicate-entries`, `unsafe-name`, `symlink`, `not-regular`, `limit`, `unreadable`. */
  reason: z.string().optional(),
  /** For duplicates: the file whose content or entries it repeats. */
  duplicateOf: z.string().optional(),
});
export type BundleFile = z.infer<typeof BundleFile>;

/** A directory or archive read as a support bundle: its layout and every file in it (issue 18). */
export const BundleManifest = z.object({
  path: z.string(),
  /** `directory`, `tar`, `tar.gz`, `tar.xz`, `tar.bz2` or `zip`. */
  container: z.string(),
  /** The layout recognized by its names: `sosreport`, `supportconfig`, `rancher-logs-collector`, `talosctl-support`, or null (read by content alone). */
  layout: z.string().nullable(),
  files: z.array(BundleFile),
  /** Files not listed because the bundle held more than the entry limit (counted, not named). */
  filesNotListed: z.number().int().nonnegative(),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

export const Report = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  inputs: z.array(InputSummary),
  diagnostics: z.array(Diagnostic),
  boots: z.array(Boot),
  /** Certificates read from --cert files, in the order given. Absent when none were given. */
  certificates: z.array(CertificateInfo).optional(),
  /** Addresses and names the node is expected to be reached at (--expect-address, --config). Absent when none were given. */
  expectedNames: z.array(ExpectedName).optional(),
  /** Support bundles (directories, archives) among the inputs: which files were used as what, which ignored and why. */
  bundles: z.array(BundleManifest).optional(),
});
export type Report = z.infer<typeof Report>;
