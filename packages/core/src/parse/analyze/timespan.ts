import P from 'parsimmon';

/**
 * systemd's time spans, as `format_timespan()` (src/basic/time-util.c) prints them: components
 * `y month w d h min s ms us`, largest first, separated by one space; below a minute the last
 * component carries decimals down to the accuracy (`9.608s`, `1min 9.608s`, `548ms`, `2min 286ms`).
 * Old releases printed whole milliseconds only (`1234ms`), which the same grammar reads.
 */
export const TIMESPAN_UNITS: ReadonlyArray<readonly [suffix: string, us: number]> = [
  ['y', 31_557_600_000_000],
  ['month', 2_629_800_000_000],
  ['w', 604_800_000_000],
  ['d', 86_400_000_000],
  ['h', 3_600_000_000],
  ['min', 60_000_000],
  ['s', 1_000_000],
  ['ms', 1_000],
  ['us', 1],
];
const UNIT_US = new Map<string, number>([...TIMESPAN_UNITS, ['µs', 1]]);

// Longest suffixes first so that `month`/`min`/`ms` are not read as something shorter; a suffix
// must not run on into a letter (`5s` but not the `s` of `5sec`). The `^` changes nothing (parsimmon
// applies a pattern where the parser stands; exec() below re-reads the component it matched), but
// unanchored, a long run of digits took quadratic time.
const COMPONENT = /^(\d+)(?:\.(\d+))?(month|min|ms|us|µs|y|w|d|h|s)(?![A-Za-zµ])/;

const component: P.Parser<number> = P.regexp(COMPONENT).map((text) => {
  const m = COMPONENT.exec(text)!;
  const unit = UNIT_US.get(m[3]!)!;
  const frac = m[2] ? Math.round(Number(`0.${m[2]}`) * unit) : 0;
  return Number(m[1]) * unit + frac;
});

/** A time span in microseconds: `1min 9.608s` → 69_608_000. A bare `0` is systemd's zero. */
export const timespan: P.Parser<number> = P.alt(
  P.seqMap(component, P.regexp(/ (?=\d)/).then(component).many(), (first, rest) => rest.reduce((a, b) => a + b, first)),
  P.regexp(/0(?![\d.A-Za-z])/).result(0),
).desc('a systemd time span like 1min 9.608s');

/** Parses a whole string as a time span, or null. */
export function parseTimespan(text: string): number | null {
  const r = timespan.skip(P.eof).parse(text.trim());
  return r.status ? r.value : null;
}

/**
 * Formats microseconds the way `format_timespan(buf, l, t, accuracy)` does (systemd-analyze passes
 * USEC_PER_MSEC): `69608000` → `1min 9.608s`, `548000` → `548ms`, `2000000` → `2s`.
 */
export function formatTimespan(us: number, accuracyUs = 1000): string {
  let t = Math.max(0, Math.round(us));
  if (t === 0) return '0';
  const parts: string[] = [];
  let something = false;
  for (const [suffix, unit] of TIMESPAN_UNITS) {
    if (t <= 0) break;
    if (t < accuracyUs && something) break;
    if (t < unit) continue;
    const a = Math.floor(t / unit);
    let b = t % unit;
    let done = false;
    if (t < 60_000_000 && b > 0) {
      let j = 0;
      for (let cc = unit; cc > 1; cc = Math.floor(cc / 10)) j++;
      for (let cc = accuracyUs; cc > 1; cc = Math.floor(cc / 10)) {
        b = Math.floor(b / 10);
        j--;
      }
      if (j > 0) {
        parts.push(`${a}.${String(b).padStart(j, '0')}${suffix}`);
        t = 0;
        done = true;
      }
    }
    if (!done) {
      parts.push(`${a}${suffix}`);
      t = b;
    }
    something = true;
  }
  return parts.join(' ');
}

/** Microseconds → milliseconds as the report carries them (systemd-analyze prints to the ms). */
export function usToMs(us: number): number {
  return Math.round(us) / 1000;
}
