import { pasteChrome } from './chrome.js';
import type { LineReader, LineReaderFactory, ReaderOptions } from './reader.js';
import { PrintedZones } from './short-full.js';

/**
 * `journalctl --list-boots`: one line per boot, its offset (0 the last), its id, and the times of
 * its first and last entries. Two layouts:
 *
 *   -1 132fe52e87384afaa4ef83afa967a982 Mon 2020-10-12 21:46:33 CEST—Mon 2020-10-12 21:55:27 CEST
 *
 * up to systemd 253 (systemd#17326; weekdays in the machine's locale, `Di`/`Fr`/`So` in
 * systemd#3603), and since 254 a table with a header (systemd#28250):
 *
 *   IDX BOOT ID                          FIRST ENTRY                 LAST ENTRY
 *    -8 7e1f17ce523a4777ad1ca9d5cccb465a Sat 2023-08-05 13:19:51 UTC Sat 2023-08-05 13:20:15 UTC
 *
 * Each row is handed on as a listed boot (`sink.bootListed`): the timeline makes it a boot with
 * those first and last times, joined with the journal's entries of the same boot id.
 */

const HEADER = /^IDX +BOOT ID +FIRST ENTRY +LAST ENTRY\s*$/;
const ROW = /^(-?\d{1,6}) ([0-9a-f]{32}) (.*)$/;
// `%a %Y-%m-%d %H:%M:%S %Z` twice; the old layout glues the first zone to an em dash. A row cut
// short keeps what it has.
const STAMP = '[^\\s—]{1,16} (\\d{4})-(\\d\\d)-(\\d\\d) (\\d\\d):(\\d\\d):(\\d\\d)(?: ([^\\s—]{1,16}))?';
const TIMES = new RegExp(`^${STAMP}(?:(?:—| +)${STAMP})?`);

/** True for a `--list-boots` line (leading blanks removed). */
export function sniffListBoots(line: string): boolean {
  return ROW.test(line) || HEADER.test(line);
}

export const listBootsReader: LineReaderFactory = (options: ReaderOptions): LineReader => {
  const zones = new PrintedZones(options);
  return {
    format: 'list-boots',
    line(text, lineNo, sink) {
      const body = text.trimStart();
      const chrome = pasteChrome(body);
      if (chrome) {
        if (chrome.kind === 'boot') sink.bootMarker(chrome.bootId, lineNo);
        return true;
      }
      if (HEADER.test(body)) return true;
      const row = ROW.exec(body);
      if (!row) {
        sink.skip(lineNo, 'unparsable-line', text, 'a --list-boots line: OFFSET BOOT-ID FIRST-ENTRY LAST-ENTRY');
        return false;
      }
      const m = TIMES.exec(row[3]!);
      const time = (at: number): number | null => {
        if (m === null || m[at] === undefined) return null;
        const [year, month, day, hour, minute, second] = m.slice(at, at + 6).map(Number) as [number, number, number, number, number, number];
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
        return zones.micros({ year, month, day, hour, minute, second, us: 0, zone: m[at + 6] ?? '' }, lineNo, sink);
      };
      sink.bootListed?.({
        offset: Number(row[1]),
        bootId: row[2]!,
        firstRealtimeUs: time(1),
        lastRealtimeUs: time(8),
        source: { path: options.path, line: lineNo },
      });
      return true;
    },
    finish() {},
  };
};
