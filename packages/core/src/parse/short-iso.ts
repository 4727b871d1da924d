import { microsFromUtcFields } from '../time.js';
import { isoMicros, type DayCache } from './iso-micros.js';
import { fractionUs, shortModeReader, stampParser, type StampEnd, type StampGrammar, type Times } from './short-common.js';
import type { LineReaderFactory } from './reader.js';

// `2024-11-20T09:27:02+0000` (short-iso) and `2024-11-20T09:27:02.812345+0000` (short-iso-precise):
// logs-show.c prints the zone as `%z`, without a colon (systemd 252); later releases print `+00:00`.
// rsyslog's RSYSLOG_FileFormat and syslog-ng write the same line as RFC 3339
// (`2024-05-01T10:00:00.123456+00:00 host prog[123]: msg`): a colon in the offset or `Z`, 1 to 9
// fraction digits (kept to the microsecond), a space for the `T` in some templates. One grammar
// reads them all; the fast reader below takes journalctl's own shape and leaves the rest to the regex.
const ISO_STAMP = /(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?(?:([+-])(\d\d):?(\d\d)|Z) /y;

// The day of the last stamp the fast reader read, and Date.UTC of its midnight.
const lastDay: DayCache = { key: -1, ms: 0 };

const digit = (input: string, i: number): number => {
  const d = input.charCodeAt(i) - 0x30;
  return d >= 0 && d <= 9 ? d : -1000000;
};

/**
 * ISO_STAMP by hand (issue 9: the regex and its ten captures were ~7% of a short-iso-precise run).
 * Returns null for anything else, and the regex then decides: both read the same stamps the same
 * way (test/performance.test.ts checks it on every sample line).
 */
function isoFast(input: string, end: StampEnd): Times | null {
  if (input.length < 25 || input.charCodeAt(4) !== 0x2d || input.charCodeAt(7) !== 0x2d || input.charCodeAt(10) !== 0x54 ||
    input.charCodeAt(13) !== 0x3a || input.charCodeAt(16) !== 0x3a) return null;
  const year = digit(input, 0) * 1000 + digit(input, 1) * 100 + digit(input, 2) * 10 + digit(input, 3);
  const month = digit(input, 5) * 10 + digit(input, 6);
  const day = digit(input, 8) * 10 + digit(input, 9);
  const hour = digit(input, 11) * 10 + digit(input, 12);
  const minute = digit(input, 14) * 10 + digit(input, 15);
  const second = digit(input, 17) * 10 + digit(input, 18);
  // A character that is not a digit made its field negative.
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return null;
  let p = 19;
  let us = 0;
  if (input.charCodeAt(p) === 0x2e) {
    let k = 0;
    for (p++; ; p++, k++) {
      const d = digit(input, p);
      if (d < 0) break;
      if (k === 6) return null;
      us = us * 10 + d;
    }
    if (k === 0) return null;
    for (; k < 6; k++) us *= 10;
  }
  const sign = input.charCodeAt(p);
  if ((sign !== 0x2b && sign !== 0x2d) || p + 5 >= input.length || input.charCodeAt(p + 5) !== 0x20) return null;
  const zh = digit(input, p + 1) * 10 + digit(input, p + 2);
  const zm = digit(input, p + 3) * 10 + digit(input, p + 4);
  if (zh < 0 || zm < 0) return null;
  end.at = p + 6;
  return { realtimeUs: isoMicros(year, month, day, hour, minute, second, us, (sign === 0x2d ? -1 : 1) * (zh * 60 + zm), lastDay), monotonicUs: null };
}

function isoStamp(precise: boolean): StampGrammar['stamp'] {
  const desc = precise ? 'a timestamp like 2024-11-20T09:27:02.812345+0000' : 'a timestamp like 2024-11-20T09:27:02+0000';
  const parser = stampParser(ISO_STAMP, desc, isoFromMatch, isoFast);
  // The scout reads these stamps as isoFast does (parse/scout/scan.ts).
  parser.scouted = true;
  return parser;
}

/** The reference reading of an ISO_STAMP match. */
export function isoFromMatch(m: RegExpExecArray): Times {
  // `Z` leaves the sign and offset groups empty: UTC.
  const offsetMinutes = m[8] === undefined ? 0 : (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10]));
  const utc = microsFromUtcFields(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), fractionUs(m[7]));
  return { realtimeUs: utc - offsetMinutes * 60_000_000, monotonicUs: null };
}

/** For tests: the fast reader alone (null where it leaves the line to the regex), and where it ended. */
export function isoStampFast(input: string): { times: Times; end: number } | null {
  const end = { at: 0 };
  const times = isoFast(input, end);
  return times === null ? null : { times, end: end.at };
}

// journalctl's own shape (`+0000`), and the RFC 3339 shapes of rsyslog, syslog-ng and later journalctl
// releases, for which the sniff wants the `host ident[pid]:` too: programs that stamp their own log
// lines RFC 3339 (chronyd: `2024-10-15T17:30:14Z Could not open …`) are not syslog.
const ISO_JOURNAL_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} \S+ /;
const ISO_PRECISE_JOURNAL_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,6}[+-]\d{4} \S+ /;
const RFC3339_LINE = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[+-]\d\d:\d\d|Z) (?:\S+ )?[^\s[:]+(?:\[\d+\])?:(?: |$)/;
const RFC3339_PRECISE_LINE = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d[.,]\d{1,9}(?:[+-]\d\d:\d\d|Z) (?:\S+ )?[^\s[:]+(?:\[\d+\])?:(?: |$)/;

export const ISO_LINE = { test: (l: string): boolean => ISO_JOURNAL_LINE.test(l) || RFC3339_LINE.test(l) };
export const ISO_PRECISE_LINE = { test: (l: string): boolean => ISO_PRECISE_JOURNAL_LINE.test(l) || RFC3339_PRECISE_LINE.test(l) };

export const shortIsoReader: LineReaderFactory = (options) =>
  shortModeReader({ format: 'short-iso', stamp: isoStamp(false) }, options);

export const shortIsoPreciseReader: LineReaderFactory = (options) =>
  shortModeReader({ format: 'short-iso-precise', stamp: isoStamp(true) }, options);
