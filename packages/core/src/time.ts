/** Microsecond-precision wall-clock helpers. JavaScript dates stop at milliseconds; journals do not. */

/** `1732094822812345` → `2024-11-20T09:27:02.812345Z`. */
export function isoFromMicros(us: number): string {
  const ms = Math.floor(us / 1000);
  const micros = us - ms * 1000;
  const iso = new Date(ms).toISOString(); // 2024-11-20T09:27:02.812Z
  return `${iso.slice(0, 23)}${String(micros).padStart(3, '0')}Z`;
}

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
