import { TZDate } from '@date-fns/tz';

/** `%b` in the C locale, which journalctl's short modes print: `Jan` … `Dec` → 1 … 12. */
export const MONTHS: Readonly<Record<string, number>> = {
  Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12,
};

/** The zone of the machine bootlens runs on, the default for stamps printed without one. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** True for a zone name Intl knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Turns wall-clock readings of one IANA zone into instants.
 *
 * Why @date-fns/tz: the inverse direction (instant → wall clock) is all Intl offers, and the offset
 * of a wall-clock reading depends on DST rules that only the zone database knows. TZDate does that
 * search over Intl without shipping a zone database of its own. It is not cheap, so the offset is
 * cached per local hour: a journal's lines come in order, and offsets change only at whole or half
 * hours, so one TZDate per hour of journal instead of one per line.
 */
export class ZoneClock {
  private key = -1;
  private offsetMs = 0;

  constructor(readonly zone: string) {}

  /** Microseconds since the epoch of a wall-clock reading in this zone. */
  micros(year: number, month: number, day: number, hour: number, minute: number, second: number, us: number): number {
    const key = ((year * 13 + month) * 32 + day) * 24 + hour;
    if (key !== this.key) {
      const instant = new TZDate(year, month - 1, day, hour, 0, 0, this.zone).getTime();
      this.offsetMs = Date.UTC(year, month - 1, day, hour) - instant;
      this.key = key;
    }
    return (Date.UTC(year, month - 1, day, hour, minute, second) - this.offsetMs) * 1000 + us;
  }
}

/**
 * Zone abbreviations as glibc's `%Z` prints them from the tz database, with their UTC offsets in
 * minutes. Several abbreviations mean different zones in different places: those list every offset
 * and are resolved with the `timeZone` option (see `zoneOffset`). Zones without an abbreviation of
 * their own print a numeric one (`-03`, `+0530`), which needs no table.
 */
const ABBREVIATIONS: Readonly<Record<string, readonly number[]>> = {
  UTC: [0], GMT: [0], UT: [0], Z: [0], WET: [0], WEST: [60], BST: [60], IST: [330, 60, 120], IDT: [180],
  CET: [60], CEST: [120], MET: [60], MEST: [120], EET: [120], EEST: [180], MSK: [180],
  WAT: [60], CAT: [120], SAST: [120], EAT: [180], PKT: [300], HKT: [480], SGT: [480], JST: [540], KST: [540],
  WIB: [420], WITA: [480], WIT: [540], AWST: [480], ACST: [570], ACDT: [630], AEST: [600], AEDT: [660],
  NZST: [720], NZDT: [780], ChST: [600], SST: [-660], HST: [-600], HDT: [-540], AKST: [-540], AKDT: [-480],
  PST: [-480, 480], PDT: [-420], MST: [-420], MDT: [-360], CST: [-360, 480, -300], CDT: [-300, -240],
  EST: [-300], EDT: [-240], AST: [-240], ADT: [-180], NST: [-210], NDT: [-150],
};

const NUMERIC_ZONE = /^([+-])(\d\d)(?::?(\d\d))?$/;

/**
 * What a printed zone means: a fixed offset in minutes, or `null` when it must be read in an IANA
 * zone instead (abbreviations that mean several zones, and abbreviations bootlens does not know).
 */
export function zoneOffset(printed: string): number | null {
  const numeric = NUMERIC_ZONE.exec(printed);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
  const offsets = ABBREVIATIONS[printed];
  return offsets && offsets.length === 1 ? offsets[0]! : null;
}

/** True when the abbreviation is known but means more than one offset (CST, IST, PST, …). */
export function isAmbiguousZone(printed: string): boolean {
  return (ABBREVIATIONS[printed]?.length ?? 0) > 1;
}
