import { MONTHS } from './wallclock.js';

/**
 * Dates a paste states outright, for stamps that print no year (short, short-precise, syslog, klog)
 * (issue 19): a k3s excerpt whose own lines say `time="2024-03-11T08:12:40Z"`, a NetworkManager
 * line stamped `[1676000000.2965]`, Go's standard logger's `2015/01/24 06:33:15`, a `systemctl status` header `since Mon 2024-03-11 08:12:40 UTC`,
 * a `dmesg -T` or logread stamp `Mon Dec 31 10:50:43 2018`. The shapes are those of dates and
 * clocks, not of any program's wording. Read from the first lines of an input (the look-ahead in
 * regions.ts), before any yearless stamp is turned into a time.
 */
export interface DatedLine {
  year: number;
  month: number;
  day: number;
  /** 1-based line of the input. */
  line: number;
  /** The text the date was read from (for the diagnostic). */
  text: string;
  /** 0: the line starts with it (a stamp); 1: a stamp inside the line (`time="…"`, `"ts":`, `[epoch]`); 2: any other date. */
  rank: 0 | 1 | 2;
  /** The time of day and UTC offset, where the date was an ISO stamp that carried them (`-05:00`, `Z` as `+00:00`). */
  clock?: { hour: number; minute: number; second: number; offset: string };
  /** The line's own stamp when it is one without a year (`Feb 09 14:28:07 `), for a date found inside the line. */
  own?: { month: number; day: number; hour: number; minute: number; second: number };
}

export interface YearEvidence {
  /** Dates found, in input order, at most MAX_DATES. */
  dates: DatedLine[];
}

const MAX_DATES = 500;
// `2024-03-11T08:12:40`, `2024-03-11 08:12:40` (ISO 8601, RFC 3339, journalctl short-full/verbose, logrus, zap).
const ISO_DATE = /(?<![\d.])((?:19|20)\d\d)-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:\.\d{1,9})?(Z|[+-]\d\d:?\d\d)?)?/g;
// `2015/01/24 06:33:15` (Go's standard logger: coreos-cloudinit, cfssl), `[2024/05/16 11:02:42.237706,  0]` (samba).
const SLASH_DATE = /(?<![\d./])((?:19|20)\d\d)\/(\d\d)\/(\d\d) \d\d:\d\d/g;
// `[1676000000.2965]` (NetworkManager), `[1477755584]` (unbound), `audit(1630614845.624:…)`, zap `"ts":1630614845.62`.
const EPOCH = /(?:[[(]|"ts":)(1\d{9})(?:\.\d{1,9})?[\]):,}]/g;
// `Mon Dec 31 10:50:43 2018` (ctime: dmesg -T, logread, OpenRC), `Mon May  1 10:00:16 2024`.
const CTIME = /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([ \d]\d) \d\d:\d\d:\d\d (\d{4})\b/g;
// A line's own stamp without a year, as short modes, syslog and klog (after its level letter) print it.
const YEARLESS = /^[IWEF]?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([ \d]\d) (\d\d):(\d\d):(\d\d)/;
// A stamp inside the line: right after `time="`, `"ts":"`, `ts=`, `[`.
const STAMP_BEFORE = /(?:time="|"ts":"|ts=|\[)$/;

/** Collects dated lines; `add` is called with each line of the look-ahead. */
export class YearEvidenceCollector {
  readonly evidence: YearEvidence = { dates: [] };

  add(text: string, line: number): void {
    const dates = this.evidence.dates;
    if (dates.length >= MAX_DATES) return;
    // Cheap filters first: most lines hold no digit run that could be a year.
    if (text.indexOf('20') === -1 && text.indexOf('19') === -1 && text.indexOf('1') === -1) return;
    const lead = text.length - text.trimStart().length;
    let own: DatedLine['own'];
    const o = YEARLESS.exec(text.slice(lead, lead + 20));
    if (o) own = { month: MONTHS[o[1]!]!, day: Number(o[2]!.trimStart()), hour: Number(o[3]), minute: Number(o[4]), second: Number(o[5]) };
    for (const m of text.matchAll(ISO_DATE)) {
      const month = Number(m[2]);
      const day = Number(m[3]);
      if (month < 1 || month > 12 || day < 1 || day > 31) continue;
      const at = m.index;
      const rank = at <= lead ? 0 : STAMP_BEFORE.test(text.slice(Math.max(0, at - 6), at)) ? 1 : 2;
      const zone = m[7];
      const clock = m[6] === undefined || zone === undefined ? undefined : {
        hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]),
        offset: zone === 'Z' ? '+00:00' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone,
      };
      this.push({ year: Number(m[1]), month, day, line, text, rank, ...(clock ? { clock } : {}), ...(clock && own ? { own } : {}) });
    }
    if (text.indexOf('/') !== -1) this.slashDates(text, line, lead);
    for (const m of text.matchAll(EPOCH)) {
      const d = new Date(Number(m[1]) * 1000);
      this.push({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), line, text, rank: 1 });
    }
    for (const m of text.matchAll(CTIME)) {
      const at = m.index;
      this.push({ year: Number(m[3]), month: MONTHS[m[1]!]!, day: Number(m[2]!.trimStart()), line, text, rank: at <= lead + 1 ? 0 : 1 });
    }
  }

  private slashDates(text: string, line: number, lead: number): void {
    for (const m of text.matchAll(SLASH_DATE)) {
      const month = Number(m[2]);
      const day = Number(m[3]);
      if (month < 1 || month > 12 || day < 1 || day > 31) continue;
      const at = m.index;
      const rank = at <= lead ? 0 : STAMP_BEFORE.test(text.slice(Math.max(0, at - 6), at)) ? 1 : 2;
      this.push({ year: Number(m[1]), month, day, line, text, rank });
    }
  }

  private push(d: DatedLine): void {
    if (this.evidence.dates.length < MAX_DATES) this.evidence.dates.push(d);
  }
}

/** How far apart two dates of the year are, in days, going round the year end (Dec 30 and Jan 2: 3). */
function daysApart(m1: number, d1: number, m2: number, d2: number): { days: number; yearShift: -1 | 0 | 1 } {
  const a = Date.UTC(2001, m1 - 1, d1);
  const b = Date.UTC(2001, m2 - 1, d2);
  const diff = Math.round((a - b) / 86_400_000);
  if (diff > 182) return { days: 365 - diff, yearShift: -1 }; // a is in the year before b's
  if (diff < -182) return { days: 365 + diff, yearShift: 1 };
  return { days: Math.abs(diff), yearShift: 0 };
}

/** Evidence farther than this from a stamp's month and day does not date it. */
const NEAR_DAYS = 62;

/**
 * The year of a stamp that prints month and day only, from the dates the input states: the
 * strongest nearby date (a line's own stamp before a stamp inside a line before any other date,
 * then the nearest), or null when no stated date is within two months of it.
 */
export function yearFromEvidence(evidence: YearEvidence | undefined, month: number, day: number): { year: number; from: DatedLine } | null {
  if (!evidence) return null;
  let best: { year: number; from: DatedLine; days: number } | null = null;
  for (const d of evidence.dates) {
    const { days, yearShift } = daysApart(month, day, d.month, d.day);
    if (days > NEAR_DAYS) continue;
    if (best === null || d.rank < best.from.rank || (d.rank === best.from.rank && days < best.days)) {
      best = { year: d.year + yearShift, from: d, days };
    }
  }
  return best === null ? null : { year: best.year, from: best.from };
}

/**
 * The UTC offset of the wall-clock stamps without a year, where a line's own stamp and an ISO stamp
 * with an offset inside it read the same month, day, hour, minute and second (`Feb 09 14:28:07
 * host k3s[1]: time="2021-02-09T14:28:07.600794282-05:00" …`: that clock was at -05:00).
 */
export function offsetFromEvidence(evidence: YearEvidence | undefined): { offset: string; from: DatedLine } | null {
  if (!evidence) return null;
  for (const d of evidence.dates) {
    const c = d.clock;
    const o = d.own;
    if (!c || !o) continue;
    if (d.month === o.month && d.day === o.day && c.hour === o.hour && c.minute === o.minute && c.second === o.second) return { offset: c.offset, from: d };
  }
  return null;
}
