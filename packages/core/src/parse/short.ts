import { fractionUs, shortModeReader, stampParser, type StampGrammar, type Times } from './short-common.js';
import type { LineReaderFactory, ReadSink, ReaderOptions } from './reader.js';
import { monthNumber } from './months.js';
import { machineTimeZone, ZoneClock } from './wallclock.js';
import { offsetFromEvidence, yearFromEvidence, type YearEvidence } from './year-evidence.js';
import { excerpt } from '../report/diagnostics.js';

// `Nov 20 09:27:02 ` (short) and `Nov 20 09:27:02.812345 ` (short-precise): `%b %d %H:%M:%S`, no
// year, no zone. Syslog-style pastes pad the day with a space (`Nov  2`). `%b` is the C locale's
// unless the machine had another: the abbreviations of months.ts follow English (tried first).
const MONTH = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mär|Mai|Okt|Dez|jan|janv\\.|feb|févr\\.|fev|mar|mars|mrt|' +
  'apr|avril|abr|kwi|may|mag|mai|mei|maj|jun|juin|giu|cze|jul|juil\\.|lug|lip|aug|ago|août|sie|sep|sept\\.|set|wrz|' +
  'oct|oct\\.|okt|ott|out|paź|nov|nov\\.|lis|dec|dic|dez|déc\\.|gru|gen|ene|sty|lut|' +
  'янв|фев|мар|апр|мая|июн|июл|авг|сен|окт|ноя|дек|січ|лют|бер|кві|тра|чер|лип|сер|вер|жов|лис|гру|(?:1[0-2]|[1-9])[月월])';
const SHORT_STAMP = new RegExp(`${MONTH} ([ \\d]\\d) (\\d\\d):(\\d\\d):(\\d\\d) `, 'y');
const SHORT_PRECISE_STAMP = new RegExp(`${MONTH} ([ \\d]\\d) (\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{1,6}) `, 'y');

export const SHORT_LINE = new RegExp(`^${MONTH} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\S`);
export const SHORT_PRECISE_LINE = new RegExp(`^${MONTH} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{1,6} \\S`);

/** A stamp as short modes print it: a wall-clock reading without year or zone. */
export interface WallStamp {
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  us: number;
}

export function wallStamp(m: RegExpExecArray): WallStamp | null {
  const day = Number(m[2]!.trimStart());
  const hour = Number(m[3]);
  const minute = Number(m[4]);
  const second = Number(m[5]);
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const month = monthNumber(m[1]!);
  if (month === undefined) return null;
  return { month, day, hour, minute, second, us: fractionUs(m[6]) };
}

// `-- Journal begins at Mon 2024-11-18 10:00:00 UTC, ends at Wed 2024-11-20 09:30:00 UTC. --` and
// the older `-- Logs begin at …, end at … --`: the only place a short paste may state a year.
const HEADER_DATES = /(\d{4})-(\d\d)-(\d\d)/g;

/**
 * Puts a year and a zone on short stamps.
 *
 * Year: the `year` option is the year of the first entry. Without it the year comes from a date the
 * input states near the first entry's month and day (year-evidence.ts: another line's stamp, a
 * `time="…"` or epoch stamp inside a line), else from a
 * `-- Journal begins at … --`/`-- Logs begin at … --` header (the year in which the first entry's
 * month and day fall between the header's first and last dates), else from today's date: the
 * current year, or the previous one when the first entry's month and day are still ahead of today
 * (a December journal read in January). Either way a `year-assumed` diagnostic says so. After that,
 * a step from December to January adds a year: journals are in time order, so that is New Year, not
 * a new boot and not a jump backwards. No other backward step changes the year.
 *
 * Zone: the `timeZone` option, else the machine's zone with a `zone-assumed` diagnostic.
 *
 * klog stamps (`I1120 09:27:41.613170`) carry no year either: the klog reader uses this clock too.
 */
export class YearlessClock {
  private year: number | null;
  private lastMonth = 0;
  private first = true;
  private header: { from: number; to: number; years: number[] } | null = null;
  private zone: ZoneClock;
  private readonly zoneGiven: boolean;

  private readonly evidenceOf: (() => YearEvidence) | undefined;
  private get evidence(): YearEvidence | undefined {
    return this.evidenceOf?.();
  }

  constructor(options: ReaderOptions) {
    this.year = options.year ?? null;
    this.evidenceOf = options.yearEvidence;
    this.zoneGiven = options.timeZone !== undefined;
    this.zone = new ZoneClock(options.timeZone ?? machineTimeZone());
  }

  chrome(text: string): void {
    if (this.year !== null || this.header !== null) return;
    if (!text.startsWith('-- Journal begins at ') && !text.startsWith('-- Logs begin at ')) return;
    const dates = [...text.matchAll(HEADER_DATES)].map((m) => ({ y: Number(m[1]), key: Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]) }));
    if (dates.length === 0) return;
    const years: number[] = [];
    for (let y = dates[0]!.y; y <= dates[dates.length - 1]!.y; y++) years.push(y);
    this.header = { from: dates[0]!.key, to: dates[dates.length - 1]!.key, years };
  }

  times(s: WallStamp, lineNo: number, sink: ReadSink): Times {
    if (this.first) {
      this.first = false;
      if (this.year === null) this.year = this.inferYear(s, lineNo, sink);
      if (!this.zoneGiven) {
        const stated = offsetFromEvidence(this.evidence);
        if (stated) {
          this.zone = new ZoneClock(stated.offset);
          sink.note(lineNo, 'zone-assumed', `read its times at UTC${stated.offset}, the offset of line ${stated.from.line}, whose own stamp and the stamp inside it agree (${JSON.stringify(excerpt(stated.from.text.trim()))}); set a zone with --tz Area/City`);
        } else {
          sink.note(lineNo, 'zone-assumed', `read its times in ${this.zone.zone}, the zone of this machine (set another with --tz Area/City)`);
        }
      }
    }
    if (this.lastMonth === 12 && s.month === 1) this.year!++;
    this.lastMonth = s.month;
    return { realtimeUs: this.zone.micros(this.year!, s.month, s.day, s.hour, s.minute, s.second, s.us), monotonicUs: null };
  }

  private inferYear(s: WallStamp, lineNo: number, sink: ReadSink): number {
    const md = s.month * 100 + s.day;
    // A date the input states near this month and day (issue 19): a stamp of another line, a
    // `time="…"` inside one, NetworkManager's epoch; a header's date range after those.
    const stated = yearFromEvidence(this.evidence, s.month, s.day);
    if (stated && (stated.from.rank <= 1 || !this.header)) {
      sink.note(lineNo, 'year-assumed', `took ${stated.year} from line ${stated.from.line}, the nearest date the input states (${JSON.stringify(excerpt(stated.from.text.trim()))}); set it with --year YYYY`);
      return stated.year;
    }
    if (this.header) {
      const { from, to, years } = this.header;
      const year = years.find((y) => y * 10000 + md >= from && y * 10000 + md <= to) ?? years[0]!;
      sink.note(lineNo, 'year-assumed', `took ${year} from the "-- Journal begins at … --" header (set it with --year YYYY)`);
      return year;
    }
    const now = new Date();
    let year = now.getFullYear();
    const today = (now.getMonth() + 1) * 100 + now.getDate();
    if (md > today + 1) year--;
    sink.note(lineNo, 'year-assumed', `assumed ${year}, the latest year whose ${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')} is not in the future (set it with --year YYYY)`);
    return year;
  }
}

function yearless(format: 'short' | 'short-precise', re: RegExp, desc: string): LineReaderFactory {
  const stamp = stampParser(re, desc, wallStamp);
  return (options) => {
    const clock = new YearlessClock(options);
    const grammar: StampGrammar<WallStamp> = {
      format,
      stamp,
      times: (s, lineNo, sink) => clock.times(s, lineNo, sink),
      chrome: (text) => clock.chrome(text),
    };
    return shortModeReader(grammar, options);
  };
}

/** `-o short`, journalctl's default: `Nov 20 09:27:02 host ident[pid]: msg`, whole seconds. */
export const shortReader = yearless('short', SHORT_STAMP, 'a timestamp like Nov 20 09:27:02');

/** `-o short-precise`: `Nov 20 09:27:02.812345 host ident[pid]: msg`. */
export const shortPreciseReader = yearless('short-precise', SHORT_PRECISE_STAMP, 'a timestamp like Nov 20 09:27:02.812345');
