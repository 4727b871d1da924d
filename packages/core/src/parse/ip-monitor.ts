import type { JournalEntry } from '../model/entry.js';
import { microsFromUtcFields } from '../time.js';
import type { LineReaderFactory, ReadSink } from './reader.js';

/**
 * `ip -ts monitor address link` (iproute2, ip/ipmonitor.c + utils.c print_timestamp): every event starts
 * with `[2024-11-20T09:27:08.750123] ` and continues on indented lines:
 *
 *     [2024-11-20T09:27:08.750123] 3: eth0    inet 192.168.2.10/24 brd 192.168.2.255 scope global dynamic eth0
 *            valid_lft 86400sec preferred_lft 86400sec
 *     [2024-11-20T09:27:08.751002] Deleted 3: eth0    inet 192.168.2.10/24 brd 192.168.2.255 scope global eth0
 *     [2024-11-20T09:27:08.751500] 3: enp3s0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default
 *         link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff
 *
 * `ip -t monitor` puts the time on a line of its own before the event: `Timestamp: Wed Nov 20 09:27:08 2024 750123 usec`.
 * Both stamps are the capturing host's local time without a zone; they are read as UTC (pass the
 * capture through `TZ=UTC ip -ts monitor …` to make that exact). Entries carry identifier `ip-monitor`.
 */
export const IP_MONITOR_TS_LINE = /^\[(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d{6})\] /;
const TIMESTAMP_LINE = /^Timestamp: \w{3} (\w{3}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) (\d{4}) (\d{1,6}) usec$/;
const EVENT_LINE = /^(?:Deleted )?\d+: \S/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** True for a first line of `ip -ts monitor` or `ip -t monitor` output. */
export function sniffIpMonitor(line: string): boolean {
  return (IP_MONITOR_TS_LINE.test(line) && EVENT_LINE.test(line.slice(line.indexOf('] ') + 2))) || TIMESTAMP_LINE.test(line);
}

export const ipMonitorReader: LineReaderFactory = (options) => {
  let pending: JournalEntry | null = null;
  let stamp: number | null = null;
  const flush = (sink: ReadSink) => {
    if (pending) sink.entry(pending);
    pending = null;
  };
  const start = (realtimeUs: number | null, message: string, lineNo: number) => {
    pending = {
      realtimeUs, monotonicUs: null, bootId: null, hostname: null, identifier: 'ip-monitor', pid: null, unit: null,
      priority: null, message, fields: {}, source: { path: options.path, line: lineNo },
    };
  };
  return {
    format: 'ip-monitor',
    line(text, lineNo, sink) {
      if (text.trim() === '') return true;
      if (pending && /^\s/.test(text)) {
        pending.message += `\n${text.trim()}`;
        return true;
      }
      const ts = IP_MONITOR_TS_LINE.exec(text);
      if (ts) {
        flush(sink);
        const n = (i: number) => Number(ts[i]);
        start(microsFromUtcFields(n(1), n(2), n(3), n(4), n(5), n(6), n(7)), text.slice(ts[0].length), lineNo);
        return true;
      }
      const t = TIMESTAMP_LINE.exec(text);
      if (t) {
        flush(sink);
        const month = MONTHS.indexOf(t[1]!) + 1;
        stamp = month === 0 ? null : microsFromUtcFields(Number(t[6]), month, Number(t[2]), Number(t[3]), Number(t[4]), Number(t[5]), Number(t[7]));
        return true;
      }
      if (EVENT_LINE.test(text)) {
        flush(sink);
        start(stamp, text, lineNo);
        stamp = null;
        return true;
      }
      flush(sink);
      sink.skip(lineNo, 'unparsable-line', text, 'an `ip -ts monitor` line like [2024-11-20T09:27:08.750123] 2: eth0    inet 192.168.2.10/24 …');
      return false;
    },
    finish(sink) {
      flush(sink);
    },
  };
};
