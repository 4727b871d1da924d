import { LocalClock } from './component.js';
import { shortModeReader, stampParser, type StampGrammar, type Times } from './short-common.js';
import type { LineReaderFactory, ReadSink } from './reader.js';
import { wallStamp, type WallStamp } from './short.js';

// OpenWrt's `logread` (ubox logd) and busybox syslogd's ring buffer: a ctime stamp with the year,
// `facility.level`, then the program without a host name:
// `Sun Jul 11 10:31:58 2021 kern.info kernel: [130441.674591] r8168: eth0: link down` (coolsnowwolf/lede#7357),
// `Sun Jul 11 10:31:58 2021 daemon.notice netifd: Network device 'eth0' link is down`.
// Local time, no zone: read in --tz, else this machine's zone (noted once).
const FACILITY = '(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|ntp|security|console|local[0-7])';
const LEVEL = '(emerg|alert|crit|err|warn|warning|notice|info|debug)';
const STAMP = new RegExp(`(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([ \\d]\\d) (\\d\\d):(\\d\\d):(\\d\\d)(?:\\.(\\d{1,6}))? (\\d{4}) ${FACILITY}\\.${LEVEL} `, 'y');
export const LOGREAD_LINE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,6})? \\d{4} ${FACILITY}\\.${LEVEL} \\S`);

/** A short-mode stamp (the same groups: month, day, time, fraction) with the year logread prints after it. */
type LogreadStamp = WallStamp & { year: number };

function logreadStamp(m: RegExpExecArray): LogreadStamp | null {
  const wall = wallStamp(m);
  return wall === null ? null : { ...wall, year: Number(m[7]) };
}

const stamp = stampParser(STAMP, 'a timestamp like Sun Jul 11 10:31:58 2021 kern.info', logreadStamp);

/** `logread` output: the year is printed, the zone is not. */
export const logreadReader: LineReaderFactory = (options) => {
  const clock = new LocalClock(options);
  const times = (s: LogreadStamp, lineNo: number, sink: ReadSink): Times =>
    ({ realtimeUs: clock.micros(s.year, s.month, s.day, s.hour, s.minute, s.second, s.us, lineNo, sink), monotonicUs: null });
  const grammar: StampGrammar<LogreadStamp> = { format: 'logread', stamp, times };
  return shortModeReader(grammar, options);
};
