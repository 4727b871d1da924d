import { microsFromUtcFields } from '../time.js';
import { fractionUs, shortModeReader, stampParser, type StampGrammar } from './short-common.js';
import type { LineReaderFactory } from './reader.js';

// `2024-11-20T09:27:02+0000` (short-iso) and `2024-11-20T09:27:02.812345+0000` (short-iso-precise):
// logs-show.c prints the zone as `%z`, without a colon.
const ISO_STAMP = /(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?([+-])(\d\d)(\d\d) /y;

function isoStamp(precise: boolean): StampGrammar['stamp'] {
  const desc = precise ? 'a timestamp like 2024-11-20T09:27:02.812345+0000' : 'a timestamp like 2024-11-20T09:27:02+0000';
  return stampParser(ISO_STAMP, desc, (m) => {
    const offsetMinutes = (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10]));
    const utc = microsFromUtcFields(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), fractionUs(m[7]));
    return { realtimeUs: utc - offsetMinutes * 60_000_000, monotonicUs: null };
  });
}

export const ISO_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} \S+ /;
export const ISO_PRECISE_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,6}[+-]\d{4} \S+ /;

export const shortIsoReader: LineReaderFactory = (options) =>
  shortModeReader({ format: 'short-iso', stamp: isoStamp(false) }, options);

export const shortIsoPreciseReader: LineReaderFactory = (options) =>
  shortModeReader({ format: 'short-iso-precise', stamp: isoStamp(true) }, options);
