import type { JournalEntry } from '../model/entry.js';
import type { InputFormat } from '../model/report.js';
import { fractionUs, readSyslogTail, syslogPriority } from './short-common.js';
import type { LineReader, LineReaderFactory, ReadSink, ReaderOptions } from './reader.js';
import { LocalClock } from './component.js';
import { MONTHS } from './wallclock.js';
import { withoutAnnotation } from './chrome.js';

// The kernel ring buffer as `dmesg` prints it (util-linux dmesg(1)), and serial/VM console captures,
// which interleave the same printk lines with systemd's status lines:
//
//   [   16.203041] e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex   dmesg
//   [ 1465.121238][ T8589] e1000e: Intel(R) PRO/1000 Network Driver                   printk caller id
//   [Tue Mar 28 09:18:29 2023] r8169 0000:02:00.0 eth0: Link is Up                    dmesg -T
//   kern  :info  : [    1.000000] …   (dmesg -x)        <6>[    1.000000] …  (dmesg -r)
//   [  OK  ] Started Journal Service.                       [FAILED] Failed to start …
//   [ TIME ] Timed out waiting for device /dev/ttyS0.       [DEPEND] Dependency failed for …
//            Starting Network Time Synchronization...       ci-info: | eth0 | True | 10.0.0.4 | …
//
// The monotonic stamp is seconds since the kernel started: the boot's monotonic axis. Status lines
// carry no time at all; their place is their order in the capture.

const FACILITY = '(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|res0|res1|res2|res3|local[0-7])';
const LEVEL = '(?:emerg|alert|crit|err|warn|notice|info|debug)';
// `kern  :info  : ` (dmesg -x, `%-6s:%-6s: `) or `<6>` (dmesg -r; the number may hold the facility too).
const PREFIX = new RegExp(`(?:${FACILITY} *:(${LEVEL}) *: |<(\\d{1,3})>)`, 'y');
const MONO = /\[ *(\d{1,10})\.(\d{1,9})\]/y;
const WALL = /\[(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([ \d]\d) (\d\d):(\d\d):(\d\d) (\d{4})\]/y;
// printk's caller id (CONFIG_PRINTK_CALLER): `[ T8589]` a task, `[    C1]` a CPU; dmesg puts a space before it.
const CALLER = / ?\[ *[TC]\d{1,7}\]/y;
/** A line of the kernel ring buffer: what the sniff claims (leading blanks removed). */
export const DMESG_LINE = new RegExp(`^(?:${FACILITY} *:${LEVEL} *: |<\\d{1,3}>)?\\[(?: *\\d{1,10}\\.\\d{1,9}|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4})\\](?: |\\[|$)`);

// systemd's console status (manager.c, `[  OK  ]`, `[FAILED]`, `[ TIME ]`, `[DEPEND]`, `[ INFO ]`,
// `[ WARN ]`, `[ SKIP ]`, and the `[  *** ]` spinner of a running job), and the job lines it
// prints without a status (`         Starting …...`). Colour escapes are removed before the reader
// sees a line (clean.ts); pastes that lost the ESC byte keep `[0;32m` and the like (STRAY_SGR).
const STATUS = /^\[([ *A-Z]{1,8})\] ?/;
const STATUS_WORDS = new Set(['OK', 'FAILED', 'TIME', 'DEPEND', 'INFO', 'WARN', 'SKIP', 'ABORT']);
const SPINNER = /^[ *]+$/;

/** The status word of a console status line (`OK`, `FAILED`, …; `*` for the spinner), where it ends, or null. */
function statusOf(clean: string): { word: string; end: number } | null {
  const m = STATUS.exec(clean);
  if (m === null) return null;
  const word = m[1]!.trim();
  if (STATUS_WORDS.has(word)) return { word, end: m[0].length };
  return word !== '' && SPINNER.test(word) ? { word: '*', end: m[0].length } : null;
}
const JOB_LINE = /^(?:Starting|Stopping|Mounting|Unmounting|Activating|Deactivating|Reloading) \S.*(?:\.\.\.|…)$/;
const STRAY_SGR = /^M(?=\[)|\[[0-9;]{0,16}[mK]/g;
const DETAILS = /^See '(?:systemctl|journalctl) [^']*' for details\.$/;
const CI_INFO = 'ci-info: ';

// A status line glued to the end of a printk line, two writers on one console (walinuxagent#1359:
// `cloud-init[1293]: ci-info: +--------+------+[FAILED] Failed to start Initial cloud-init job …`).
const GLUED_STATUS = /\S\[(?:FAILED|  OK  | TIME |DEPEND)\] [A-Z]/;

/** Where a status line glued to the end of a printk message starts, or -1. */
function gluedStatus(message: string): number {
  const m = GLUED_STATUS.exec(message);
  return m === null ? -1 : m.index + 1;
}

/** The line without colour escapes that lost their ESC byte (`[[32m OK [0m]`, osism#653), or as it is. */
export function withoutStraySgr(text: string): string {
  return text.indexOf('[', 1) === -1 || !/\[[0-9;]{0,16}[mK]/.test(text) ? text : text.replace(STRAY_SGR, '');
}

// What a serial console left of the colour systemd puts on the unit name it starts a message with
// (`ESC[0;1;38:5:185m`), when the bytes before it were lost: `5:185msystemd-networkd-wait-online.service:
// start operation timed out.` (systemd#41220). Parameters and `m`, glued to a letter.
const SGR_REMNANT = /^\d{1,3}(?:[;:]\d{1,3}){1,6}m(?=[A-Za-z])/;

/** A process's message without the remnant of a colour code glued to its start, or as it is. */
export function withoutSgrRemnant(message: string): string {
  const c = message.charCodeAt(0);
  if (c < 0x30 || c > 0x39) return message;
  const m = SGR_REMNANT.exec(message);
  return m === null ? message : message.slice(m[0].length);
}

/**
 * The last frame of a console line the spinner redrew in place, when the erase-line codes lost their
 * ESC byte (cloud-init#2855: `A start job is running for …[K[   [0;31m*…] A start job …[K[[0;1;31mFAILED[0m]
 * Failed to start Raise network interfaces.`): what the terminal showed, after the last `[K` (or `[0K`,
 * `[1K`, `[2K`) that a new frame (`[`) follows; the line as it is without one.
 */
export function lastFrame(text: string): string {
  let at = -1;
  for (let p = text.indexOf('K['); p !== -1; p = text.indexOf('K[', p + 2)) {
    let q = p - 1;
    if (q > 0 && text.charCodeAt(q) >= 0x30 && text.charCodeAt(q) <= 0x32) q--;
    if (q >= 0 && text.charCodeAt(q) === 0x5b) at = p + 1;
  }
  return at === -1 ? text : text.slice(at);
}

/** True when a console line (leading blanks removed) is one of systemd's status or job lines (its last frame: lastFrame). */
export function isConsoleStatus(trimmed: string): boolean {
  const line = lastFrame(trimmed);
  const first = line.charCodeAt(0);
  if ((first === 0x5b /* [ */ || first === 0x4d /* M */) && statusOf(withoutStraySgr(line)) !== null) return true;
  return JOB_LINE.test(line) || line.startsWith(CI_INFO);
}

/**
 * A console status or job line (leading blanks removed) as the journal holds its message: the
 * message after the status (`Reached target Swap.`) and the status word (`OK`; `*` for the spinner,
 * null for a job line), or null for any other line.
 */
export function consoleStatusLine(body: string): { message: string; status: string | null } | null {
  const clean = withoutStraySgr(body);
  const status = statusOf(clean);
  if (status !== null) return { message: withoutAnnotation(clean.slice(status.end).trimEnd()), status: status.word };
  return JOB_LINE.test(clean) ? { message: clean.trimEnd(), status: null } : null;
}

/** What the sniff claims: a printk line or a console status line. */
export function sniffDmesg(trimmed: string): boolean {
  return DMESG_LINE.test(trimmed) || isConsoleStatus(trimmed);
}

/**
 * How well the kernel's format explains a window that -o short-monotonic also claims
 * (`[    2.812345] host ident[pid]: msg`): the lines it claims, less those that read as a journal
 * line of the window's most frequent host. Where the window holds systemd's console status lines,
 * which journalctl never prints, it is a console capture: lines without a host (`[  601.012049]
 * systemd[1]: …`) are processes' printk lines then (systemd#41220), and only host names count against it.
 */
export function dmesgFit(window: readonly string[]): number {
  let claimed = 0;
  let status = false;
  for (const l of window) {
    if (DMESG_LINE.test(l)) claimed++;
    else if (isConsoleStatus(l)) {
      claimed++;
      status = true;
    }
  }
  return claimed - journalHostLines(window, status);
}

/**
 * The lines of the window that read as journal lines: `[ stamp] host ident: msg` with the window's
 * most frequent host, or, in a paste without host names (`--no-hostname`), `[ stamp] kernel: msg`
 * and `[ stamp] ident[pid]: msg` (which dmesg prints alike for processes writing to /dev/kmsg);
 * `hostNamedOnly`: only the former.
 */
export function journalHostLines(window: readonly string[], hostNamedOnly = false): number {
  const hosts = new Map<string, number>();
  let top = 0;
  let hostless = 0;
  for (const l of window) {
    const end = l.indexOf('] ');
    if (l.charCodeAt(0) !== 0x5b || end === -1) continue;
    const tail = readSyslogTail(l, end + 2);
    if (tail === null) continue;
    if (tail.hostname === null) {
      if (tail.pid !== null || tail.identifier === 'kernel') hostless++;
      continue;
    }
    const n = (hosts.get(tail.hostname) ?? 0) + 1;
    hosts.set(tail.hostname, n);
    if (n > top) top = n;
  }
  return hostNamedOnly ? top : Math.max(top, hostless);
}

// `[   16.203041] ` at the start of a kernel message in syslog (`kernel: [   16.203041] msg`), with a caller id after it.
const EMBEDDED = /\[ *(\d{1,10})\.(\d{1,9})\](?:\[ *[TC]\d{1,7}\])? ?/y;
/** Where the kernel's stamp inside a message ended (set by `embeddedKernelStamp`). */
export const embeddedEnd = { at: 0 };

/**
 * The printk stamp a syslog line of the kernel carries in its message (`kernel: [   16.203041] …`):
 * microseconds since the kernel started, the end of the stamp in `embeddedEnd.at`; or null.
 */
export function embeddedKernelStamp(message: string): number | null {
  if (message.charCodeAt(0) !== 0x5b) return null;
  EMBEDDED.lastIndex = 0;
  const m = EMBEDDED.exec(message);
  if (m === null) return null;
  embeddedEnd.at = EMBEDDED.lastIndex;
  return Number(m[1]) * 1_000_000 + fractionUs(m[2]);
}

interface Stamp {
  monotonicUs: number | null;
  realtimeUs: number | null;
  priority: number | null;
  /** Where the message starts. */
  at: number;
}

/** The dmesg reader, which also reads console captures (its format says `console` once a status line was read). */
export const dmesgReader: LineReaderFactory = (options) => new KernelConsoleReader(options);

class KernelConsoleReader implements LineReader {
  format: InputFormat = 'dmesg';
  /** `dmesg -T`'s local times (made at the first such line). */
  private clock: LocalClock | null = null;

  constructor(private readonly options: ReaderOptions) {}

  line(text: string, lineNo: number, sink: ReadSink): boolean {
    const body = text.trimStart();
    const stamp = this.stamp(body, lineNo, sink);
    if (stamp !== null) {
      const message = body.slice(stamp.at);
      const glued = this.format === 'console' ? gluedStatus(message) : -1;
      sink.entry(this.printk(glued === -1 ? message : message.slice(0, glued), stamp, lineNo));
      if (glued !== -1) this.line(message.slice(glued), lineNo, sink);
      return true;
    }
    // Blank lines between printk lines (a paste's paragraphs) are understood.
    if (body === '') return true;
    const clean = withoutStraySgr(lastFrame(body));
    const status = statusOf(clean);
    if (status !== null) {
      this.format = 'console';
      const message = clean.slice(status.end);
      // The spinner of a running job (`[  *** ] A start job is running for …`) is understood, not an event.
      if (status.word !== '*' && message !== '') sink.entry(this.status(message, status.word, lineNo));
      return true;
    }
    if (JOB_LINE.test(clean)) {
      this.format = 'console';
      sink.entry(this.status(clean, null, lineNo));
      return true;
    }
    if (clean.startsWith(CI_INFO)) {
      sink.entry(this.entry('cloud-init', null, clean, lineNo));
      return true;
    }
    if (this.format === 'console' && DETAILS.test(clean)) return true;
    sink.skip(lineNo, 'unparsable-line', text, 'a kernel line like [   16.203041] message or a console status like [  OK  ] Started …');
    return false;
  }

  finish(): void {}

  /** The prefix and stamp at the start of a printk line, or null. */
  private stamp(body: string, lineNo: number, sink: ReadSink): Stamp | null {
    let at = 0;
    let priority: number | null = null;
    const c = body.charCodeAt(0);
    if (c !== 0x5b) {
      PREFIX.lastIndex = 0;
      const p = PREFIX.exec(body);
      if (p === null) return null;
      priority = p[1] !== undefined ? syslogPriority(p[1])! : Number(p[2]) % 8;
      at = PREFIX.lastIndex;
    }
    let monotonicUs: number | null = null;
    let realtimeUs: number | null = null;
    MONO.lastIndex = at;
    const m = MONO.exec(body);
    if (m !== null) {
      monotonicUs = Number(m[1]) * 1_000_000 + fractionUs(m[2]);
      at = MONO.lastIndex;
    } else {
      WALL.lastIndex = at;
      const w = WALL.exec(body);
      if (w === null) return null;
      realtimeUs = this.wallClock(w, lineNo, sink);
      if (realtimeUs === null) return null;
      at = WALL.lastIndex;
    }
    CALLER.lastIndex = at;
    if (CALLER.exec(body) !== null) at = CALLER.lastIndex;
    if (at < body.length && body.charCodeAt(at) !== 0x20) return null;
    return { monotonicUs, realtimeUs, priority, at: Math.min(body.length, at + 1) };
  }

  /** `dmesg -T`: local time as the kernel computed it from its boot time (drifts after a suspend). */
  private wallClock(w: RegExpExecArray, lineNo: number, sink: ReadSink): number | null {
    this.clock ??= new LocalClock(this.options, 'dmesg -T times');
    return this.clock.micros(Number(w[6]), MONTHS[w[1]!]!, Number(w[2]!.trimStart()), Number(w[3]), Number(w[4]), Number(w[5]), 0, lineNo, sink);
  }

  /**
   * A printk line: the kernel's, or a process's that wrote to /dev/kmsg (`systemd[1]: …`, `cloud-init[842]: …`).
   * Blanks after the message are no part of it (a test harness that prefixed the lines also ended them with one, dentOS#11).
   */
  private printk(text: string, stamp: Stamp, lineNo: number): JournalEntry {
    const message = text.charCodeAt(text.length - 1) === 0x20 ? text.trimEnd() : text;
    const tail = message.indexOf('[') > 0 ? readSyslogTail(message, 0) : null;
    const e = tail !== null && tail.hostname === null && tail.pid !== null
      ? this.entry(tail.identifier, tail.pid, withoutSgrRemnant(tail.message), lineNo)
      : this.entry('kernel', null, message, lineNo);
    e.monotonicUs = stamp.monotonicUs;
    e.realtimeUs = stamp.realtimeUs;
    e.priority = stamp.priority;
    return e;
  }

  /** A status line of the system manager: its message as the journal holds it (`Started X.`, without a note its author appended), no time. */
  private status(message: string, status: string | null, lineNo: number): JournalEntry {
    const e = this.entry('systemd', null, withoutAnnotation(message.trimEnd()), lineNo);
    if (status !== null) e.fields['CONSOLE_STATUS'] = status;
    return e;
  }

  private entry(identifier: string, pid: number | null, message: string, lineNo: number): JournalEntry {
    return {
      realtimeUs: null, monotonicUs: null, bootId: null, hostname: null, identifier, pid, unit: null, priority: null,
      message, fields: {}, source: { path: this.options.path, line: lineNo },
    };
  }
}
