import P from 'parsimmon';
import type { CriticalChainUnit } from '../../model/systemd-analyze.js';
import { normalizeLine, originalColumn } from './normalize.js';
import { timespan, usToMs } from './timespan.js';

/**
 * `systemd-analyze critical-chain [UNIT…]` (src/analyze/analyze-critical-chain.c) as people paste
 * it. Each line is parsed on its own with a small grammar; `parseCriticalChain` splits a paste
 * into lines and ties the lines into one chain.
 *
 *   The time when unit became active or started is printed after the "@" character.
 *   The time the unit took to start is printed after the "+" character.
 *
 *   graphical.target @1min 9.599s
 *   └─multi-user.target @1min 9.599s
 *     └─docker.service @21.907s +1.672s
 *       ├─network-online.target @21.895s
 *
 * Root: `NAME +T` (it has a start duration), else `NAME @A`, else `NAME`. Children: per ancestor
 * `│ ` or two spaces, then `├─`/`└─` (`| `, `|-`, `` `- `` under a non-UTF-8 locale), then
 * `NAME @A +T`, `NAME @A`, a bare `NAME` (up before userspace) or `...` (a repeat).
 */

export type ChainLine =
  | { kind: 'header' }
  | { kind: 'not-finished' }
  | { kind: 'unit'; depth: number; unit: string; atUs: number | null; plusUs: number | null; truncated: boolean }
  | { kind: 'repeat'; depth: number };

// Both wordings systemd used (v229+: "when unit became active", "took"; older: "after the unit is active", "takes").
const HEADER = /^The time (?:when unit became active or started|after the unit is active or started) is printed after the "@" character\.$|^The time the unit (?:took|takes) to start is printed after the "\+" character\.$/;
// log_not_finished() in analyze-time-data.c; pastes break it over two lines.
export const NOT_FINISHED = /^Bootup is not yet finished \(org\.freedesktop\.systemd1\.Manager\.FinishTimestampMonotonic=\d+\)\.(?:\s*Please try again later\.)?$/;
export const TRY_AGAIN = /^Please try again later\.$/;

const indent = P.alt(P.string('│ '), P.string('| '), P.string('  ')).desc('a tree indent (│ or two spaces)');
const branch = P.alt(P.string('├─'), P.string('└─'), P.string('|-'), P.string('`-')).desc('a tree branch (├─ or └─)');
const prefix: P.Parser<number> = P.seqMap(indent.many(), branch, (ancestors) => ancestors.length + 1);

// The pager (`less -S`) cuts long lines and marks the cut with `>`; what was cut is unknown.
// (parsimmon anchors each P.regexp where the parser stands; the explicit `^` only says so, and keeps
// the patterns linear for an unanchored search too.)
const truncatedTail = P.regexp(/^[^\s>]*>$/).result('truncated' as const);
const spanOrCut = P.alt(timespan.skip(P.lookahead(P.regexp(/\s|$/))), truncatedTail);
const at = P.regexp(/^ +@/).desc('" @<time>"').then(spanOrCut);
const plus = P.regexp(/^ +\+/).desc('" +<time>"').then(spanOrCut);
const unitName = P.regexp(/[^\s│├└|`][^\s]*/).desc('a unit name');

const unitLine = P.seqMap(
  prefix.fallback(0),
  unitName,
  at.fallback(null),
  plus.fallback(null),
  P.optWhitespace,
  P.eof.desc('the end of the line'),
  (depth, name, a, p) => {
    const truncated = a === 'truncated' || p === 'truncated' || name.endsWith('>');
    return name === '...'
      ? ({ kind: 'repeat', depth } as const)
      : ({ kind: 'unit', depth, unit: name, atUs: typeof a === 'number' ? a : null, plusUs: typeof p === 'number' ? p : null, truncated } as const);
  },
);

export interface LineError {
  /** 1-based column in the line as pasted (ANSI escapes counted). */
  column: number;
  expected: string;
}

/** Parses one line of a critical-chain paste (blank lines are the caller's business). */
export function parseChainLine(raw: string): { ok: true; value: ChainLine } | { ok: false; error: LineError } {
  const n = normalizeLine(raw);
  const text = n.text.trimEnd();
  if (HEADER.test(text)) return { ok: true, value: { kind: 'header' } };
  if (NOT_FINISHED.test(text) || TRY_AGAIN.test(text)) return { ok: true, value: { kind: 'not-finished' } };
  const r = unitLine.parse(text);
  if (r.status) return { ok: true, value: r.value };
  return { ok: false, error: { column: originalColumn(n, r.index.offset), expected: [...new Set(r.expected)].join(' or ') } };
}

/** True when the line is a critical-chain header, tree line or root line (for format sniffing). */
export function looksLikeChainLine(raw: string): boolean {
  const text = normalizeLine(raw).text.trimEnd();
  if (HEADER.test(text)) return true;
  // A root line needs a unit suffix, so that a stray word is not taken for a chain. After the name,
  // ` @…` and/or ` +…`: blank-separated words, the first starting with `@` or `+` (one optional
  // tail rather than an `@` part and a `+` part, which could split the words many ways). systemd 260
  // pads the names to a column (`graphical.target      @8.459s`).
  return /^(?:(?:│ |\| | {2})*(?:├─|└─|\|-|`-))?[^\s]+\.(?:target|service|socket|mount|device|slice|scope|swap|path|timer|automount)(?: +[@+]\S+(?: +\S+)*)?$/.test(text) &&
    (/(?:├─|└─|\|-|`-)/.test(text) || / [@+]\d/.test(text));
}

export interface ChainParseError {
  line: number;
  column: number;
  expected: string;
  text: string;
}

export interface ChainParseResult {
  units: CriticalChainUnit[];
  errors: ChainParseError[];
  notFinished: boolean;
  /** Lines cut by the pager (`>`): their times are unknown. */
  truncatedLines: number[];
}

/**
 * Builds chain units from parsed lines. Depth may grow by one per line at most; a line that
 * skips levels is reported (the tree would have no parent for it).
 */
export class ChainAssembler {
  readonly units: CriticalChainUnit[] = [];
  readonly truncatedLines: number[] = [];
  private lastDepth = -1;

  constructor(private readonly path: string) {}

  /** Returns an error text when the line cannot belong to this chain. */
  add(line: ChainLine, lineNo: number): string | null {
    if (line.kind !== 'unit' && line.kind !== 'repeat') return null;
    if (line.depth > this.lastDepth + 1) {
      return `a tree line at depth ${this.lastDepth + 1} or less (this line is ${line.depth} deep, below no parent)`;
    }
    this.lastDepth = line.depth;
    if (line.kind === 'repeat') return null;
    if (line.truncated) this.truncatedLines.push(lineNo);
    // Root `NAME +T` has a duration but no `@`; `NAME @A` has no duration.
    this.units.push({
      unit: line.unit.replace(/>$/, ''),
      depth: line.depth,
      activatedAtMs: line.atUs === null ? null : usToMs(line.atUs),
      durationMs: line.plusUs === null ? null : usToMs(line.plusUs),
      source: { path: this.path, line: lineNo },
    });
    return null;
  }
}

/** Parses a whole critical-chain paste, line by line. Never throws: problems come back in `errors`. */
export function parseCriticalChain(text: string, path = '-'): ChainParseResult {
  const assembler = new ChainAssembler(path);
  const errors: ChainParseError[] = [];
  let notFinished = false;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    if (raw.trim() === '' || /^Hint: /.test(raw)) return;
    const r = parseChainLine(raw);
    if (!r.ok) {
      errors.push({ line: lineNo, column: r.error.column, expected: r.error.expected, text: raw });
      return;
    }
    if (r.value.kind === 'not-finished') notFinished = true;
    const problem = assembler.add(r.value, lineNo);
    if (problem) errors.push({ line: lineNo, column: 1, expected: problem, text: raw });
  });
  return { units: assembler.units, errors, notFinished, truncatedLines: assembler.truncatedLines };
}

/** `chain.txt:7:3: expected …, got "…"`: where, what was expected, and the line as pasted. */
export function formatChainError(path: string, e: ChainParseError): string {
  return `${path}:${e.line}:${e.column}: expected ${e.expected}, got ${JSON.stringify(e.text)}`;
}
