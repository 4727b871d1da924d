/** A day (year × 10000 + month × 100 + day) and Date.UTC of its midnight, kept from one stamp to the next. */
export interface DayCache {
  key: number;
  ms: number;
}

/**
 * The microseconds since the epoch of an ISO stamp's fields, in a zone `offsetMinutes` east of
 * UTC: one Date.UTC per day instead of one per line (issue 9; Date.UTC adds hours, minutes and
 * seconds exactly). Shared by short-iso.ts and the scout (scout/scan.ts), which runs it as text in
 * its worker: it uses nothing from outside its body.
 */
export function isoMicros(year: number, month: number, day: number, hour: number, minute: number, second: number, us: number,
  offsetMinutes: number, cache: DayCache): number {
  const key = year * 10000 + month * 100 + day;
  if (key !== cache.key) {
    cache.key = key;
    cache.ms = Date.UTC(year, month - 1, day);
  }
  return (cache.ms + hour * 3_600_000 + minute * 60_000 + second * 1000) * 1000 + us - offsetMinutes * 60_000_000;
}
