import P from 'parsimmon';
import { microsFromUtcFields } from '../time.js';
import { shortModeReader, type StampGrammar } from './short-common.js';
import type { LineReaderFactory } from './reader.js';

// `2024-11-20T09:27:02+0000` (short-iso) and `2024-11-20T09:27:02.812345+0000` (short-iso-precise):
// logs-show.c prints the zone as `%z`, without a colon.
const ISO_STAMP = /(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?([+-])(\d\d)(\d\d) /;

function isoStamp(precise: boolean): StampGrammar['stamp'] {
  return P.regexp(ISO_STAMP, 0)
    .desc(precise ? 'a timestamp like 2024-11-20T09:27:02.812345+0000' : 'a timestamp like 2024-11-20T09:27:02+0000')
    .map((text) => {
      const m = ISO_STAMP.exec(text)!;
      const n = (i: number) => Number(m[i]);
      const micros = Number((m[7] ?? '').padEnd(6, '0'));
      const offsetMinutes = (m[8] === '-' ? -1 : 1) * (n(9) * 60 + n(10));
      const utc = microsFromUtcFields(n(1), n(2), n(3), n(4), n(5), n(6), micros);
      return { realtimeUs: utc - offsetMinutes * 60_000_000, monotonicUs: null };
    });
}

export const ISO_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} \S+ /;
export const ISO_PRECISE_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,6}[+-]\d{4} \S+ /;

export const shortIsoReader: LineReaderFactory = (options) =>
  shortModeReader({ format: 'short-iso', stamp: isoStamp(false) }, options);

export const shortIsoPreciseReader: LineReaderFactory = (options) =>
  shortModeReader({ format: 'short-iso-precise', stamp: isoStamp(true) }, options);
