import { microsFromUtcFields } from '../time.js';
import { fractionUs, shortModeReader, stampParser, type StampGrammar, type Times } from './short-common.js';
import type { LineReaderFactory, ReadSink, ReaderOptions } from './reader.js';
import { isAmbiguousZone, machineTimeZone, ZoneClock, zoneOffset } from './wallclock.js';

// `Wed 2024-11-20 09:27:02 UTC ` (short-full, with-unit) and `Wed 2024-11-20 09:27:02.812345 UTC `
// (the verbose header): `%a %Y-%m-%d %H:%M:%S[.%06u] %Z`, the zone as the machine running
// journalctl abbreviates it (`CET`, `IST`), or numerically where the tz database has no
// abbreviation (`-03`).
const WEEKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
export const FULL_STAMP = new RegExp(`${WEEKDAY} (\\d{4})-(\\d\\d)-(\\d\\d) (\\d\\d):(\\d\\d):(\\d\\d)(?:\\.(\\d{1,6}))? (\\S+) `, 'y');

export const FULL_LINE = new RegExp(`^${WEEKDAY} \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,6})? \\S+ \\S`);
export const WITH_UNIT_LINE = new RegExp(
  `^${WEEKDAY} \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+ (?:\\S+ )?\\S+\\.(?:service|scope|slice|socket|mount|swap|target|timer)(?:\\[\\d+\\])?: `,
);

/** A full stamp as printed: calendar fields and the printed zone. */
export interface FullStamp {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  us: number;
  zone: string;
}

export function fullStamp(m: RegExpExecArray): FullStamp | null {
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  return { year: Number(m[1]), month, day, hour, minute, second, us: fractionUs(m[7]), zone: m[8]! };
}

/**
 * Resolves printed zones. A numeric zone or an abbreviation with one meaning is a fixed offset. An
 * abbreviation with several meanings (CST: Chicago, Shanghai or Havana; IST: India, Ireland or
 * Israel; PST: Los Angeles or Manila) and an abbreviation bootlens does not know are read as wall
 * clock in the `timeZone` option, else in the machine's zone, which is what journalctl used when
 * the paste was made on the machine itself. Those are noted once per abbreviation (`zone-assumed`),
 * unless `timeZone` was given: then the caller has said what the zone is.
 */
export class PrintedZones {
  private lastZone = '';
  private lastOffset: number | null = null;
  private readonly noted = new Set<string>();
  private readonly fallback: ZoneClock;

  constructor(private readonly options: ReaderOptions) {
    this.fallback = new ZoneClock(options.timeZone ?? machineTimeZone());
  }

  micros(s: FullStamp, lineNo: number, sink: ReadSink): number {
    if (s.zone !== this.lastZone) {
      this.lastZone = s.zone;
      this.lastOffset = zoneOffset(s.zone);
      if (this.lastOffset === null && this.options.timeZone === undefined && !this.noted.has(s.zone)) {
        this.noted.add(s.zone);
        const what = isAmbiguousZone(s.zone) ? 'means more than one zone' : 'is not a zone abbreviation bootlens knows';
        sink.note(lineNo, 'zone-assumed', `"${s.zone}" ${what}; read those times in ${this.fallback.zone}, the zone of this machine (set another with --tz Area/City)`);
      }
    }
    if (this.lastOffset !== null) {
      return microsFromUtcFields(s.year, s.month, s.day, s.hour, s.minute, s.second, s.us) - this.lastOffset * 60_000_000;
    }
    return this.fallback.micros(s.year, s.month, s.day, s.hour, s.minute, s.second, s.us);
  }
}

const stamp = stampParser(FULL_STAMP, 'a timestamp like Wed 2024-11-20 09:27:02 UTC', fullStamp);

function fullReader(format: 'short-full' | 'with-unit'): LineReaderFactory {
  return (options) => {
    const zones = new PrintedZones(options);
    const grammar: StampGrammar<FullStamp> = {
      format,
      stamp,
      times: (s, lineNo, sink): Times => ({ realtimeUs: zones.micros(s, lineNo, sink), monotonicUs: null }),
      unitFormat: 'with-unit',
    };
    return shortModeReader(grammar, options);
  };
}

/**
 * `-o short-full`: `Wed 2024-11-20 09:27:02 UTC host ident[pid]: msg`. The same reader reads
 * `-o with-unit` (`… host unit[pid]: msg`): the two look alike until a unit name appears, so a
 * short-full input that shows one is reported as with-unit.
 */
export const shortFullReader = fullReader('short-full');

/** `-o with-unit`: the unit goes to `entry.unit`, the identifier is recovered where the unit tells it. */
export const withUnitReader = fullReader('with-unit');
