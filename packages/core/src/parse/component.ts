import type { JournalEntry } from '../model/entry.js';
import { pasteChrome } from './chrome.js';
import type { ReadSink, ReaderOptions } from './reader.js';
import { machineTimeZone, ZoneClock } from './wallclock.js';

/**
 * What the readers of component logs share (issue 14): logs a component writes to a file, to
 * `kubectl logs` or to `crictl logs`, with no journal prefix: klog, logrus, zap, kubeadm, OpenRC.
 *
 * Their entries carry the line as journald would have stored it had the component run under
 * systemd (the whole klog or logrus line is the message), so recognizers see the same text from
 * every source. They have no host, no pid and no boot id; the identifier is set only where the
 * line itself names the component.
 */
export function componentEntry(
  path: string, lineNo: number, message: string, realtimeUs: number | null, identifier: string | null, priority: number | null,
): JournalEntry {
  return {
    realtimeUs, monotonicUs: null, bootId: null, hostname: null, identifier, pid: null, unit: null,
    priority, message, fields: {}, source: { path, line: lineNo },
  };
}

/**
 * Blank lines and paste chrome (boot markers, headers, hints) inside a component log: understood,
 * a boot marker handed on. True when the line was one.
 */
export function componentChrome(text: string, lineNo: number, sink: ReadSink): boolean {
  const first = text.charCodeAt(0);
  // Only blank lines and lines starting `-- ` or `Hint:` can be chrome: skip the regexes for the rest.
  if (text.length > 0 && first !== 0x2d && first !== 0x48 && first !== 0x20 && first !== 0x09) return false;
  const chrome = pasteChrome(text);
  if (!chrome) return false;
  if (chrome.kind === 'boot') sink.bootMarker(chrome.bootId, lineNo);
  return true;
}

/** Syslog priorities of the level names component loggers print (klog letters, logrus, zap, capnslog). */
const PRIORITIES: Readonly<Record<string, number>> = {
  panic: 0, pani: 0, fatal: 2, fata: 2, f: 2, c: 2, critical: 2, dpanic: 2, error: 3, erro: 3, err: 3, e: 3,
  warning: 4, warn: 4, w: 4, notice: 5, n: 5, info: 6, i: 6, debug: 7, debu: 7, d: 7, trace: 7, trac: 7, t: 7,
};

/** `info` → 6, `E` → 3, `WARN` → 4; null for a level no logger here prints. */
export function priorityOfLevel(level: string): number | null {
  const p = PRIORITIES[level.toLowerCase()];
  return p === undefined ? null : p;
}

/**
 * Wall-clock stamps with a year but no zone (k0s's logrus `time="2024-01-23 15:00:18"`, OpenRC's
 * `rc boot logging started at Tue Jan 10 10:00:00 2023`): read in the `timeZone` option, else in
 * the machine's zone with one `zone-assumed` diagnostic.
 */
export class LocalClock {
  private readonly zone: ZoneClock;
  private noted: boolean;

  /** `what`: the times the note names (`its times`, `dmesg -T times`). */
  constructor(options: ReaderOptions, private readonly what = 'its times') {
    this.zone = new ZoneClock(options.timeZone ?? machineTimeZone());
    this.noted = options.timeZone !== undefined;
  }

  micros(year: number, month: number, day: number, hour: number, minute: number, second: number, us: number, lineNo: number, sink: ReadSink): number | null {
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
    if (!this.noted) {
      this.noted = true;
      sink.note(lineNo, 'zone-assumed', `read ${this.what} in ${this.zone.zone}, the zone of this machine (set another with --tz Area/City)`);
    }
    return this.zone.micros(year, month, day, hour, minute, second, us);
  }
}

/** Says once per reader that its entries carry no time and are read in input order. */
export class NoTimeNote {
  private noted = false;

  constructor(private readonly what: string) {}

  note(lineNo: number, sink: ReadSink): void {
    if (this.noted) return;
    this.noted = true;
    sink.note(lineNo, 'no-time', `${this.what}: its entries are read in input order, without time`);
  }
}

/**
 * An ISO-8601 / RFC 3339 stamp (`2024-01-23T15:00:18+02:00`, `2020-12-28T16:44:44.799917703Z`,
 * `2024-01-23 15:00:18` with a space and no zone) → microseconds, or null when it is not one.
 * A stamp without a zone is read by `local` (with its diagnostic).
 */
const ISO = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?(?:(Z)|([+-])(\d\d):?(\d\d))?$/;

export function isoMicros(text: string, local: LocalClock, lineNo: number, sink: ReadSink): number | null {
  const m = ISO.exec(text);
  return m === null ? null : isoMatchMicros(m, m[8] !== undefined || m[9] !== undefined, local, lineNo, sink);
}

/**
 * Microseconds of an ISO stamp matched with groups 1–6 year to second, 7 the fraction's digits,
 * 9–11 the offset's sign, hours and minutes (absent: UTC when `zoned`); a stamp not `zoned` is read
 * by `local`. Null for a zoned stamp out of range.
 */
export function isoMatchMicros(m: RegExpExecArray, zoned: boolean, local: LocalClock, lineNo: number, sink: ReadSink): number | null {
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  const us = m[7] === undefined ? 0 : Number(m[7].slice(0, 6).padEnd(6, '0'));
  if (!zoned) return local.micros(year!, month!, day!, hour!, minute!, second!, us, lineNo, sink);
  if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || minute! > 59 || second! > 60) return null;
  const offsetMinutes = m[9] === undefined ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  return (Date.UTC(year!, month! - 1, day!, hour!, minute!, second!) - offsetMinutes * 60_000) * 1000 + us;
}
