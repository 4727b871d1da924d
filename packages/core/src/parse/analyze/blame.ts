import P from 'parsimmon';
import { normalizeLine, originalColumn } from './normalize.js';
import { timespan } from './timespan.js';
import type { LineError } from './critical-chain.js';

/**
 * `systemd-analyze blame` (src/analyze/analyze-blame.c): a table without header, the time
 * right-aligned, longest first: `         5.123s NetworkManager-wait-online.service`. Old releases
 * printed whole milliseconds (`  5103ms live-config.service`). A line of `...` is an elision
 * people (and systemd's man page) put in pastes.
 */
export type BlameLine = { kind: 'entry'; unit: string; durationUs: number } | { kind: 'elision' };

const entry = P.seqMap(
  P.optWhitespace,
  timespan,
  P.regexp(/\s+/).desc('a space before the unit name'),
  P.regexp(/\S+/).desc('a unit name'),
  P.optWhitespace,
  P.eof,
  (_a, durationUs, _b, unit) => ({ kind: 'entry', unit, durationUs }) as const,
);

export function parseBlameLine(raw: string): { ok: true; value: BlameLine } | { ok: false; error: LineError } {
  const n = normalizeLine(raw);
  if (/^\s*(?:\.\.\.|…)\s*$/.test(n.text)) return { ok: true, value: { kind: 'elision' } };
  const r = entry.parse(n.text);
  if (r.status) return { ok: true, value: r.value };
  return { ok: false, error: { column: originalColumn(n, r.index.offset), expected: [...new Set(r.expected)].join(' or ') } };
}

/** True when the whole line reads as a blame line (for format sniffing). */
export function looksLikeBlameLine(raw: string): boolean {
  const r = parseBlameLine(raw);
  return r.ok && r.value.kind === 'entry';
}
