import P from 'parsimmon';
import { normalizeLine, originalColumn } from './normalize.js';
import { timespan } from './timespan.js';
import type { LineError } from './critical-chain.js';

/**
 * `systemd-analyze` / `systemd-analyze time` (pretty_boot_time() in analyze-time-data.c):
 *
 *   Startup finished in 2.584s (kernel) + 19.176s (initrd) + 47.847s (userspace) = 1min 9.608s
 *   multi-user.target reached after 47.820s in userspace
 *
 * Terms, each optional but userspace: `(firmware)`, `(loader)`, `(kernel)`, `(initrd)`,
 * `(soft reboot)`, `(userspace)`; `= total` only when the kernel time is known (not in
 * containers). Newer releases end the second line with a period, and the journal's own
 * `Startup finished` message ends the first with one. The second line may instead be
 * `X was never reached.`, `Could not get time to reach X.` or `could not find default.target.`.
 */
export type TermLabel = 'firmware' | 'loader' | 'kernel' | 'initrd' | 'soft reboot' | 'userspace';

export type TimeLine =
  | { kind: 'startup'; terms: Array<{ label: TermLabel; us: number }>; totalUs: number | null }
  | { kind: 'reached'; unit: string; afterUs: number }
  | { kind: 'never-reached'; unit: string | null };

const label = P.alt(...(['firmware', 'loader', 'kernel', 'initrd', 'soft reboot', 'userspace'] as const).map((l) => P.string(l)))
  .desc('a boot phase: firmware, loader, kernel, initrd, soft reboot or userspace');
const term = P.seqMap(timespan, P.string(' ('), label, P.string(')'), (us, _o, l) => ({ label: l, us }));
const end = P.seq(P.regexp(/\.?\s*/), P.eof);

// parsimmon anchors every P.regexp where the parser stands (`^(?:…)` on the rest of the input);
// the explicit `^` changes nothing there, but keeps a ReDoS checker (and any unanchored use) from trying
// every start, with the leading `\s*` quadratic on a line of blanks.
const startup = P.seqMap(
  P.regexp(/^\s*Startup finished in /),
  P.sepBy1(term, P.regexp(/ \+ /)),
  P.regexp(/ = /).then(timespan).fallback(null),
  end,
  (_s, terms, totalUs) => ({ kind: 'startup', terms, totalUs }) as const,
);
const reached = P.seqMap(
  P.regexp(/^\s*(\S+) reached after /, 1),
  timespan,
  P.string(' in userspace'),
  end,
  (unit, afterUs) => ({ kind: 'reached', unit, afterUs }) as const,
);
const never = P.alt(
  P.regexp(/^\s*(\S+) was never reached\.?\s*$/, 1).map((unit) => ({ kind: 'never-reached', unit }) as const),
  P.regexp(/^\s*Could not get time to reach (\S+?)\.?\s*$/, 1).map((unit) => ({ kind: 'never-reached', unit }) as const),
  P.regexp(/^\s*could not find default\.target\.?\s*$/).map(() => ({ kind: 'never-reached', unit: null }) as const),
);

export const STARTUP_LINE = /^\s*Startup finished in /;
const REACHED_LINE = /^\s*\S+ (?:reached after |was never reached)|^\s*Could not get time to reach |^\s*could not find default\.target/;

export function isTimeLine(raw: string): boolean {
  const text = normalizeLine(raw).text;
  return STARTUP_LINE.test(text) || REACHED_LINE.test(text);
}

export function parseTimeLine(raw: string): { ok: true; value: TimeLine } | { ok: false; error: LineError } {
  const n = normalizeLine(raw);
  const grammar = STARTUP_LINE.test(n.text) ? startup : P.alt<TimeLine>(reached, never);
  const r = grammar.parse(n.text);
  if (r.status) return { ok: true, value: r.value };
  return { ok: false, error: { column: originalColumn(n, r.index.offset), expected: [...new Set(r.expected)].join(' or ') } };
}
