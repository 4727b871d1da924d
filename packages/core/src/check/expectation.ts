import { createRequire } from 'node:module';
import { z } from 'zod';
import { EVENT_KINDS, TimelineEvent, type EventKind } from '../model/event.js';
import { Severity } from '../model/finding.js';
import { parseTimespan } from '../parse/analyze/timespan.js';

// yaml (CommonJS under Node) is loaded when a YAML file is read, not at start-up (issue 9, round 3).
const requireHere = createRequire(import.meta.url);
const parseYaml = (text: string): unknown => (requireHere('yaml') as typeof import('yaml')).parse(text);

/**
 * What a journal must show: the schema of `<name>.expect.yaml` / `<name>.expect.json`, documented
 * in docs/expectations.md. Every object is strict: an unknown key is an error naming it, so a typo
 * never turns an expectation into one that silently passes.
 */

/** A span with a unit, systemd style: `800ms`, `5s`, `1min 30s`. Parsed to microseconds. */
export const Duration = z.string().transform((text, ctx) => {
  const us = parseTimespan(text);
  if (us === null) {
    ctx.addIssue({ code: 'custom', message: `not a time span: '${text}' (write it with a unit: 800ms, 5s, 1min 30s)` });
    return z.NEVER;
  }
  return us;
});

/** A detail value to compare with a finding's `details`: a scalar, or a list (compared as a set). */
const DetailMatch = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

/** One finding: the rule, optionally its severity and any of its details (each given key must match). */
export const FindingMatch = z.strictObject({
  rule: z.string().min(1),
  severity: Severity.optional(),
  details: z.record(z.string(), DetailMatch).optional(),
});
export type FindingMatch = z.infer<typeof FindingMatch>;

/** An event field's expected value: as a detail, or an object whose given keys each match (`sans: { ip: [...] }`). */
const EventValue = z.union([DetailMatch, z.record(z.string(), DetailMatch)]);

/** Event fields a matcher may not name: where the event came from, not what it says. */
const UNMATCHABLE = new Set(['kind', 'source', 'monotonicUs', 'realtime']);

/** The fields each event kind has (from the report's own schema, so a new field is matchable at once). */
export const EVENT_FIELDS: ReadonlyMap<EventKind, readonly string[]> = new Map(
  TimelineEvent.options.map((o) => [o.shape.kind.value as EventKind, Object.keys(o.shape).filter((k) => !UNMATCHABLE.has(k))]),
);

/**
 * One event: its kind and any of that kind's fields (each given must match). A field the kind does
 * not have is an error, so a typo never passes silently.
 */
export const EventMatch = z.object({ kind: z.enum(EVENT_KINDS as [EventKind, ...EventKind[]]) }).catchall(EventValue).superRefine((m, ctx) => {
  const fields = EVENT_FIELDS.get(m.kind) ?? [];
  for (const key of Object.keys(m)) {
    if (key !== 'kind' && !fields.includes(key)) {
      ctx.addIssue({ code: 'custom', path: [key], message: `not a field of ${m.kind} events (they have: ${fields.join(', ')})` });
    }
  }
});
export type EventMatch = z.infer<typeof EventMatch>;

/** The `systemd-analyze` outputs a paste can hold. */
export const SystemdAnalyzeKind = z.enum(['blame', 'critical-chain', 'time']);
export type SystemdAnalyzeKind = z.infer<typeof SystemdAnalyzeKind>;

/** Upper bounds on a boot's timing, measured on the boot's own axis (see `sinceBootUs`). */
export const Bounds = z.strictObject({
  /** `target-reached`: each target was reached, no later than this after boot start. */
  targets: z.record(z.string().min(1), Duration).optional(),
  /** `unit-job`: each unit's last start (`Starting` → `Started`/`Finished`) took no longer than this. */
  units: z.record(z.string().min(1), Duration).optional(),
  /** `address-added`: each address appeared (on a real interface), no later than this after boot start. */
  addresses: z.record(z.string().min(1), Duration).optional(),
});
export type Bounds = z.infer<typeof Bounds>;

/** What the boots it applies to must (and must not) show. */
const BootExpectationFields = {
  /** Each of these must appear (in one of the boots it applies to). */
  findings: z.array(FindingMatch).optional(),
  /** None of these may appear. */
  absent: z.array(FindingMatch).optional(),
  /** True: no finding at all, of any severity. */
  noFindings: z.boolean().optional(),
  /** A finding at or above this severity that no `findings` entry matches fails (default `none`: only `absent` and `noFindings` forbid). */
  failOnUnexpected: z.enum(['error', 'warning', 'info', 'none']).optional(),
  bounds: Bounds.optional(),
  /** The report's verdict for the boots it applies to: `ok` (no finding, no failure: the ✓) or `problem`. */
  verdict: z.enum(['ok', 'problem']).optional(),
  /** Each of these events must be found (in one of the boots it applies to). */
  events: z.array(EventMatch).optional(),
};

/**
 * Which boot of the journal: journalctl's `-b` numbering (`1` the oldest, `2` the next; `0` the
 * last, `-1` the one before it) or a boot id (or its start, at least 8 hex digits).
 */
export const BootRef = z.union([z.number().int(), z.string().regex(/^[0-9a-f-]{8,}$/i, 'a boot id (at least 8 hex digits)')]);

export const BootExpectation = z.strictObject({ boot: BootRef, ...BootExpectationFields });
export type BootExpectation = z.infer<typeof BootExpectation>;

export const Expectation = z.strictObject({
  /** One line saying what the scenario is; shown in the report. */
  description: z.string().optional(),
  /** The journal holds exactly this many boots. */
  bootCount: z.number().int().nonnegative().optional(),
  /** At most this many lines skipped (not understood), over the whole journal. */
  maxSkippedLines: z.number().int().nonnegative().optional(),
  /** The top-level fields apply to the journal's boots together: `findings` in any boot, `absent`/`noFindings`/`failOnUnexpected`/`bounds` in every boot. */
  ...BootExpectationFields,
  /** Every boot that has a wall-clock time starts in this year. */
  year: z.number().int().min(1970).max(9999).optional(),
  /** These pasted `systemd-analyze` outputs are read (in any boot). */
  systemdAnalyze: z.array(SystemdAnalyzeKind).optional(),
  /** What a person sees in the input that bootlens cannot read safely, and why (documentation only: never checked). */
  unreadable: z.string().optional(),
  /** Expectations for single boots. */
  boots: z.array(BootExpectation).optional(),
});
export type Expectation = z.infer<typeof Expectation>;

/** An expectation file that cannot be used: the CLI prints the message (naming file and field) and exits 2. */
export class ExpectationError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
    this.name = 'ExpectationError';
  }
}

function fieldOf(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '(top level)' : out;
}

/**
 * Parses an expectation file's text (YAML, or JSON when `path` ends in `.json`). A pure function:
 * throws ExpectationError with `path: field: what is wrong` for anything that does not fit.
 */
export function parseExpectation(text: string, path: string): Expectation {
  let data: unknown;
  try {
    data = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ExpectationError(path, `${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
  }
  return parseExpectationData(data, path);
}

/** An expectation already parsed from YAML or JSON (`path` names it in errors): as parseExpectation. */
export function parseExpectationData(data: unknown, path: string): Expectation {
  if (data === null || data === undefined) data = {};
  const result = Expectation.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.code === 'unrecognized_keys'
      ? fieldOf([...issue.path, ...(issue.keys.length > 0 ? [issue.keys[0]!] : [])])
      : fieldOf(issue.path);
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem${result.error.issues.length > 2 ? 's' : ''})` : '';
    throw new ExpectationError(path, `${path}: ${field}: ${issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message}${more}`);
  }
  return result.data;
}
