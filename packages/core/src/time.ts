/** Microsecond-precision wall-clock helpers. JavaScript dates stop at milliseconds; journals do not. */
import { detached } from './util/strings.js';

/** `1732094822812345` → `2024-11-20T09:27:02.812345Z`. */
export function isoFromMicros(us: number): string {
  const ms = Math.floor(us / 1000);
  const micros = us - ms * 1000;
  const day = Math.floor(ms / MS_PER_DAY);
  // Every event takes its time from here (issue 16: a third of a dense journal's lines): the date is
  // formatted once per day, the time of day by hand.
  const date = day === lastDay ? lastDate : dateOf(day);
  if (date === null) return `${new Date(ms).toISOString().slice(0, 23)}${String(micros).padStart(3, '0')}Z`;
  let rest = ms - day * MS_PER_DAY;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const second = rest % 60;
  rest = (rest - second) / 60;
  const minute = rest % 60;
  const hour = (rest - minute) / 60;
  // Flat: a kept event's time was otherwise a tree of some twenty strings (issue 16: a dense run keeps thousands).
  return detached(`${date}${two(hour)}:${two(minute)}:${two(second)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}${String(micros).padStart(3, '0')}Z`);
}

const MS_PER_DAY = 86_400_000;
let lastDay = NaN;
let lastDate: string | null = null;

/** `2024-11-20T` for a day since the epoch; null where toISOString writes no four-digit year (or the day is not one). */
function dateOf(day: number): string | null {
  const t = day * MS_PER_DAY;
  const iso = Number.isSafeInteger(day) && Math.abs(t) <= 8.64e15 ? new Date(t).toISOString() : '';
  lastDay = day;
  lastDate = iso.length === 24 ? iso.slice(0, 11) : null;
  return lastDate;
}

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** `2024-11-20T09:27:02.812345Z` → microseconds since the epoch (the inverse of `isoFromMicros`). */
export function microsFromIso(iso: string): number {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?Z$/.exec(iso);
  if (!m) return Date.parse(iso) * 1000;
  const whole = Date.parse(`${m[1]}Z`);
  const frac = (m[2] ?? '').padEnd(6, '0');
  return whole * 1000 + Number(frac);
}

/** Microseconds since the epoch from calendar fields already in UTC. */
export function microsFromUtcFields(
  year: number, month: number, day: number, hour: number, minute: number, second: number, micros: number,
): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) * 1000 + micros;
}

/** A duration in seconds with millisecond precision, as people read boot times: `8.750s`, `-1.200s`. */
export function formatSeconds(us: number): string {
  return `${(us / 1e6).toFixed(3)}s`;
}
