import type { InputFormat } from '../model/report.js';
import { sniffSystemdAnalyze, systemdAnalyzeReader } from './analyze/reader.js';
import { catReader } from './cat.js';
import { pasteChrome } from './chrome.js';
import { EXPORT_LINE, exportReader } from './export.js';
import { sniffIpMonitor, ipMonitorReader } from './ip-monitor.js';
import { jsonReader } from './json.js';
import { IDENTIFIER_ONLY_LINE, identifierOnlyReader } from './identifier-only.js';
import { CAPNSLOG_LINE, capnslogReader } from './capnslog.js';
import { GOLOG_LINE, gologReader } from './golog.js';
import { KLOG_LINE, klogReader } from './klog.js';
import { KUBEADM_LINE, kubeadmReader } from './kubeadm.js';
import { LOGRUS_LINE, logrusReader } from './logrus.js';
import { openrcReader, sniffOpenrc } from './openrc.js';
import { ZAP_LINE, zapReader } from './zap.js';
import { STAMPED_LINE, stampedReader } from './stamped.js';
import { dmesgFit, dmesgReader, journalHostLines, sniffDmesg } from './dmesg.js';
import { RFC5424_LINE, rfc5424Reader } from './rfc5424.js';
import { LOGREAD_LINE, logreadReader } from './logread.js';
import { listBootsReader, sniffListBoots } from './list-boots.js';
import { jsonPrettyReader } from './json-pretty.js';
import { jsonSeqReader } from './json-seq.js';
import { jsonSseReader } from './json-sse.js';
import type { ByteReaderFactory, LineReaderFactory } from './reader.js';

const OLD_JSON_LINE = /^\{ "[A-Z_]/;
const EXPORT_FIELD = /^(?:__CURSOR|__REALTIME_TIMESTAMP|__MONOTONIC_TIMESTAMP|_BOOT_ID|MESSAGE)=/;
import { SHORT_LINE, SHORT_PRECISE_LINE, shortPreciseReader, shortReader } from './short.js';
import { FULL_LINE, shortFullReader, WITH_UNIT_LINE, withUnitReader } from './short-full.js';
import { ISO_LINE, ISO_PRECISE_LINE, shortIsoPreciseReader, shortIsoReader } from './short-iso.js';
import { DELTA_LINE, MONOTONIC_LINE, shortDeltaReader, shortMonotonicReader } from './short-monotonic.js';
import { UNIX_LINE, shortUnixReader } from './short-unix.js';
import { sniffSystemctlStatus, systemctlStatusReader } from './systemctl-status.js';
import { VERBOSE_LINE, verboseReader } from './verbose.js';

/**
 * One input format bootlens reads: how to recognise its lines, and its reader. Line formats have
 * `create`; formats that must see bytes (export) have `bytes` instead.
 */
export type FormatSpec = {
  format: InputFormat;
  /** True when this line (leading blanks removed) looks like a line of this format: the format claims it. */
  sniff(line: string): boolean;
  /**
   * For formats that can only be the whole input (export): whether the window of lines from the
   * first one it claims (leading blanks removed) confirms it. Absent: the claim is enough.
   */
  confirm?(window: readonly string[]): boolean;
  /**
   * How well this format explains a window of lines where several formats claim the first one
   * (leading blanks removed); higher is better. Absent: the number of lines it claims.
   */
  fit?(window: readonly string[]): number;
  /**
   * The reader takes any line (OpenRC's rc.log holds whatever the services printed; kubeadm prints
   * prose between its phase lines), so the driver hands it only lines no other format claims.
   */
  loose?: true;
  /**
   * A line of this format does not end a loose region (OpenRC's rc.log holds `dhcpcd[1936]: …` lines
   * of its own, which identifier-only would claim): it starts a region only where no loose one is open.
   */
  weak?: true;
} & ({ create: LineReaderFactory; bytes?: undefined } | { bytes: ByteReaderFactory; create?: undefined });

/** Every format, most specific first: sniffing takes the first that claims the line. */
export const FORMATS: readonly FormatSpec[] = [
  { format: 'json-seq', sniff: (l) => l.startsWith('\x1e{'), create: jsonSeqReader },
  { format: 'json-sse', sniff: (l) => l.startsWith('data: {'), create: jsonSseReader },
  // Journal fields are upper case (`{"__CURSOR"`, `{"MESSAGE"`); systemd before ~230 (CentOS 7's 219) printed
  // `{ "__CURSOR" : "s=…", … }` with spaces. A first key in lower case is a component's JSON log line (zap).
  { format: 'json', sniff: (l) => (l.startsWith('{"') && !ZAP_LINE.test(l)) || OLD_JSON_LINE.test(l) || l === '{}', create: jsonReader },
  { format: 'json-pretty', sniff: (l) => l === '{', create: jsonPrettyReader },
  // Any `KEY=value` line claims export; a paste of config or environment must not turn the whole
  // input into export, so the window must hold a field every export has.
  { format: 'export', sniff: (l) => EXPORT_LINE.test(l), confirm: (w) => w.some((l) => EXPORT_FIELD.test(l)), bytes: exportReader },
  { format: 'verbose', sniff: (l) => VERBOSE_LINE.test(l), create: verboseReader },
  { format: 'with-unit', sniff: (l) => WITH_UNIT_LINE.test(l), create: withUnitReader },
  { format: 'short-full', sniff: (l) => FULL_LINE.test(l), create: shortFullReader },
  { format: 'short-iso-precise', sniff: (l) => ISO_PRECISE_LINE.test(l), create: shortIsoPreciseReader },
  { format: 'short-iso', sniff: (l) => ISO_LINE.test(l), create: shortIsoReader },
  { format: 'short-precise', sniff: (l) => SHORT_PRECISE_LINE.test(l), create: shortPreciseReader },
  { format: 'short', sniff: (l) => SHORT_LINE.test(l), create: shortReader },
  { format: 'short-delta', sniff: (l) => DELTA_LINE.test(l) && !MONOTONIC_LINE.test(l), create: shortDeltaReader },
  // `[    2.812345] host ident[pid]: msg`; dmesg prints the same stamp before the kernel's own message.
  { format: 'short-monotonic', sniff: (l) => MONOTONIC_LINE.test(l), fit: (w) => journalHostLines(w), create: shortMonotonicReader },
  { format: 'short-unix', sniff: (l) => UNIX_LINE.test(l), create: shortUnixReader },
  // syslog beside the journal modes (rsyslog's traditional and RFC 3339 files are short and short-iso-precise).
  { format: 'syslog-rfc5424', sniff: (l) => RFC5424_LINE.test(l), create: rfc5424Reader },
  { format: 'logread', sniff: (l) => LOGREAD_LINE.test(l), create: logreadReader },
  // The kernel ring buffer (dmesg, -T, -x, -r) and console captures: printk lines and systemd's status lines.
  { format: 'dmesg', sniff: sniffDmesg, fit: dmesgFit, create: dmesgReader },
  // Not journals, but pasted beside them: `systemctl status` (its journal tail is a short region of
  // its own), `journalctl --list-boots`, `ip monitor` captures and systemd-analyze output.
  { format: 'systemctl-status', sniff: sniffSystemctlStatus, create: systemctlStatusReader },
  { format: 'list-boots', sniff: sniffListBoots, create: listBootsReader },
  { format: 'ip-monitor', sniff: sniffIpMonitor, create: ipMonitorReader },
  { format: 'systemd-analyze', sniff: sniffSystemdAnalyze, create: systemdAnalyzeReader },
  // journalctl lines pasted without time and host (`sshd[1209]: …`, issue 15).
  { format: 'identifier-only', sniff: (l) => IDENTIFIER_ONLY_LINE.test(l), create: identifierOnlyReader, weak: true },
  // Component logs read from a file, `kubectl logs` or `crictl logs`, without a journal prefix (issue 14).
  { format: 'klog', sniff: (l) => KLOG_LINE.test(l), create: klogReader },
  { format: 'logrus', sniff: (l) => LOGRUS_LINE.test(l), create: logrusReader },
  { format: 'zap', sniff: (l) => ZAP_LINE.test(l), create: zapReader },
  { format: 'capnslog', sniff: (l) => CAPNSLOG_LINE.test(l), create: capnslogReader },
  { format: 'golog', sniff: (l) => GOLOG_LINE.test(l), create: gologReader },
  // A component's own stamped log (chronyd, postgres, a CI runner's stamps): only where no format above explains its lines.
  { format: 'stamped', sniff: (l) => STAMPED_LINE.test(l), fit: stampedFit, create: stampedReader },
  { format: 'kubeadm', sniff: (l) => KUBEADM_LINE.test(l), create: kubeadmReader, loose: true },
  { format: 'openrc', sniff: (l) => sniffOpenrc(l, claimedByOthers), create: openrcReader, loose: true },
  // The dmesg reader says `console` once it read a status line; `--input-format console` names it too.
  { format: 'console', sniff: () => false, create: dmesgReader },
  // Any text is valid cat output: never sniffed, read only when asked for (see cat.ts).
  { format: 'cat', sniff: () => false, create: catReader },
];

/**
 * True when a format other than OpenRC claims the line (for OpenRC's ` * ` bullets). Not the console's
 * job lines: OpenRC words its own bullets alike (` * Starting k0s ...`, k0sproject/k0s#1035).
 */
function claimedByOthers(line: string): boolean {
  return FORMATS.some((f) => f.format !== 'openrc' && f.format !== 'dmesg' && !f.bytes && f.sniff(line));
}

/** The lines of a window the stamped reader claims and no format before it in FORMATS does: it wins only where they fail. */
function stampedFit(window: readonly string[]): number {
  const before = FORMATS.slice(0, FORMATS.findIndex((f) => f.format === 'stamped')).filter((f) => !f.bytes);
  return window.reduce((n, l) => (STAMPED_LINE.test(l) && !before.some((f) => f.sniff(l)) ? n + 1 : n), 0);
}

export function formatSpec(format: InputFormat): FormatSpec {
  const spec = FORMATS.find((f) => f.format === format);
  if (!spec) throw new Error(`no reader for ${format}`);
  return spec;
}

/**
 * True for lines that cannot decide the format: blank lines, boot markers, headers, hints, and
 * `journalctl -x` catalog text (`-- free text`: a `journalctl -xe` paste often starts inside a
 * catalog block). Held until a format is chosen, its reader then takes them or not.
 */
export function isUndecided(line: string): boolean {
  return pasteChrome(line) !== null || line.startsWith('-- ');
}

/** True for paste chrome proper (blank lines, markers, headers, hints, catalog headers): understood wherever it stands. */
export function isChrome(line: string): boolean {
  return pasteChrome(line) !== null;
}


