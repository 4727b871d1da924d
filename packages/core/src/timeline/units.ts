import type { SourceRef } from '../model/entry.js';
import type { TimelineEvent } from '../model/event.js';
import type { Boot } from '../model/report.js';
import { sinceBootUs } from './time.js';
import { minOf } from '../util/bounded.js';
import { lastOccurrence, occurrences } from './fold.js';

/**
 * Per-unit start and finish times, rebuilt from systemd's job messages in the journal:
 * `Starting X…` (the job began: systemd-analyze's "activating", InactiveExitTimestamp), then
 * `Started X.` / `Finished X.` / `Reached target X.` (it became active: "activated",
 * ActiveEnterTimestamp) or `Failed to start X.`. Old wording (descriptions only) and new
 * (`name - description`) both work; json/export add `UNIT=`, which the recognizer prefers.
 *
 * What the journal cannot say: dependencies (After=, Wants=), so a critical chain needs a
 * heuristic (see `criticalChainFromJournal`); units that log no Starting line (Type=simple
 * services, targets, mounts on old releases) have no duration; and a unit's description is its
 * only name when systemd printed descriptions and the entry has no `UNIT=` field.
 */
export interface UnitSpan {
  /** The unit name, or its description when the journal never named it. */
  unit: string;
  /** False when `unit` is a description (StatusUnitFormat=description without UNIT=). */
  named: boolean;
  /** µs on the boot's time axis (`sinceBootUs`): the last start cycle's `Starting` line. */
  startingUs: number | null;
  /** µs: `Started` / `Finished` / `Reached target` of that cycle. */
  activatedUs: number | null;
  /** µs: `Failed to start`, when the last cycle failed. */
  failedUs: number | null;
  result: 'done' | 'failed' | null;
  /** `activated − starting`, what systemd-analyze blame prints; null without both lines. */
  durationUs: number | null;
  /** Start cycles seen (a unit with Restart= may start many times; the last one counts, as in systemd). */
  cycles: number;
  /** The journal lines of the last cycle. */
  evidence: SourceRef[];
}

type JobEvent = Extract<TimelineEvent, { kind: 'unit-job' | 'target-reached' }>;

/** Every unit the boot's job messages mention that started in it, in order of first mention. A pure function. */
export function unitSpans(boot: Pick<Boot, 'events' | 'timeBasis' | 'firstRealtime'>): UnitSpan[] {
  const spans = new Map<string, UnitSpan & { pending: { us: number | null; source: SourceRef } | null }>();
  for (const e of jobsByLastOccurrence(boot)) {
    const job = e;
    if (job.kind === 'unit-job' && (job.phase === 'stopping' || job.phase === 'stopped')) continue;
    const key = job.unit ?? job.description;
    if (key === null) continue;
    let span = spans.get(key);
    if (!span) {
      span = { unit: key, named: job.unit !== null, startingUs: null, activatedUs: null, failedUs: null, result: null, durationUs: null, cycles: 0, evidence: [], pending: null };
      spans.set(key, span);
    }
    const us = sinceBootUs(e, boot);
    const phase = job.kind === 'target-reached' ? 'started' : job.phase;
    if (phase === 'starting') {
      span.pending = { us, source: e.source };
      continue;
    }
    // started / finished / failed close a cycle (a Started without Starting: Type=simple, targets).
    span.cycles += e.count;
    span.startingUs = span.pending?.us ?? null;
    span.evidence = span.pending ? [span.pending.source, e.source] : [e.source];
    span.pending = null;
    if (phase === 'failed') {
      span.result = 'failed';
      span.failedUs = us;
      span.activatedUs = null;
    } else {
      span.result = 'done';
      span.activatedUs = us;
      span.failedUs = null;
    }
    span.durationUs = span.startingUs !== null && span.activatedUs !== null ? span.activatedUs - span.startingUs : null;
  }
  // A unit still starting at the end of the journal: keep the Starting line, no outcome.
  return [...spans.values()].map(({ pending, ...span }) => (pending && span.cycles === 0
    ? { ...span, startingUs: pending.us, evidence: [pending.source] }
    : span));
}

/**
 * The boot's job messages, each at its last occurrence (a unit restarting is a run of `Starting`, a
 * run of `Started`, … (timeline/fold.ts); the last cycle is made of each run's last line), with the
 * number of lines it stands for. In timeline order when no job message repeats.
 */
function jobsByLastOccurrence(boot: Pick<Boot, 'events' | 'timeBasis' | 'firstRealtime'>): Array<JobEvent & { count: number }> {
  const jobs: Array<JobEvent & { count: number }> = [];
  let folded = false;
  for (const e of boot.events) {
    if (e.kind !== 'unit-job' && e.kind !== 'target-reached') continue;
    if (e.run) folded = true;
    jobs.push({ ...lastOccurrence(e as JobEvent), count: occurrences(e) });
  }
  if (!folded || boot.timeBasis === 'input-order') return jobs;
  const at = jobs.map((j, i) => ({ j, i, us: sinceBootUs(j, boot) ?? Number.NEGATIVE_INFINITY }));
  return at.sort((a, b) => a.us - b.us || a.i - b.i).map((x) => x.j);
}

/** `systemd-analyze blame` from a journal: units with a known start duration, longest first. */
export function blameFromJournal(boot: Pick<Boot, 'events' | 'timeBasis' | 'firstRealtime'>): Array<{ unit: string; durationUs: number; span: UnitSpan }> {
  return unitSpans(boot)
    .filter((s) => s.durationUs !== null && s.durationUs > 0)
    .map((s) => ({ unit: s.unit, durationUs: s.durationUs!, span: s }))
    .sort((a, b) => b.durationUs - a.durationUs);
}

export interface JournalChainStep {
  unit: string;
  depth: number;
  /** As systemd prints it, µs since userspace start: activating for units with a duration, else activated; null before userspace. */
  atUs: number | null;
  plusUs: number | null;
  span: UnitSpan;
  /** How this step's predecessor was chosen. */
  via: 'after' | 'latest-finished-before-start' | null;
}

export interface JournalChainOptions {
  /** The unit the chain is for (default: graphical.target if reached, else multi-user.target, else the last target reached). */
  unit?: string;
  /** Known `After=` lists by unit; where a unit has one, systemd's own rule picks among them. */
  after?: Readonly<Record<string, readonly string[]>>;
  /** Userspace start on the boot's time axis (default: `boot.userspaceStart`, else the first systemd job message). */
  userspaceStartUs?: number;
}

export interface JournalChain {
  steps: JournalChainStep[];
  userspaceStartUs: number;
  /** The root the caller asked for (or the default) when the journal never shows it active. */
  missingRoot: string | null;
}

/**
 * `systemd-analyze critical-chain` from a journal. systemd walks each unit's After= list and
 * follows the one that became active last; a journal holds no After=, so for a unit whose After=
 * is not given this follows the *latest-finishing predecessor*: of the units that became active
 * at or before this unit began starting (its Starting line, else its Started line), the one that
 * became active last. That is the unit this one most plausibly waited for; it is a guess about
 * ordering, not a dependency (two unrelated units finishing in sequence look the same).
 */
export function criticalChainFromJournal(boot: Pick<Boot, 'events' | 'timeBasis' | 'firstRealtime' | 'userspaceStart'>, options: JournalChainOptions = {}): JournalChain {
  const spans = unitSpans(boot).filter((s) => s.activatedUs !== null);
  const byUnit = new Map(spans.map((s) => [s.unit, s]));
  const anchor = options.userspaceStartUs ??
    (boot.timeBasis === 'monotonic' ? boot.userspaceStart?.monotonicUs : undefined) ??
    minOf(spans.map((s) => s.startingUs ?? s.activatedUs!));
  const userspaceStartUs = Number.isFinite(anchor) ? anchor : 0;
  const rootName = options.unit ?? (['graphical.target', 'multi-user.target'].find((u) => byUnit.has(u)) ??
    [...spans].reverse().find((s) => s.unit.endsWith('.target'))?.unit ?? 'default.target');
  const root = byUnit.get(rootName);
  if (!root) return { steps: [], userspaceStartUs, missingRoot: rootName };

  const at = (s: UnitSpan): number | null => {
    const t = s.durationUs !== null && s.durationUs > 0 ? s.startingUs! : s.activatedUs!;
    return t >= userspaceStartUs ? t - userspaceStartUs : null;
  };
  const steps: JournalChainStep[] = [];
  const seen = new Set<string>();
  let current: UnitSpan | undefined = root;
  let depth = 0;
  let via: JournalChainStep['via'] = null;
  while (current) {
    seen.add(current.unit);
    steps.push({ unit: current.unit, depth, atUs: at(current), plusUs: current.durationUs !== null && current.durationUs > 0 ? current.durationUs : null, span: current, via });
    const known: readonly string[] | undefined = options.after?.[current.unit];
    let next: UnitSpan | undefined;
    if (known) {
      via = 'after';
      next = known.map((u): UnitSpan | undefined => byUnit.get(u)).filter((s): s is UnitSpan => s !== undefined && !seen.has(s.unit))
        .reduce<UnitSpan | undefined>((best, s) => (best === undefined || s.activatedUs! >= best.activatedUs! ? s : best), undefined);
    } else {
      via = 'latest-finished-before-start';
      const start = current.startingUs ?? current.activatedUs!;
      for (const s of spans) {
        if (seen.has(s.unit) || s.activatedUs! > start) continue;
        // Later in the journal wins a tie: it was logged (and most likely finished) last.
        if (next === undefined || s.activatedUs! >= next.activatedUs!) next = s;
      }
    }
    current = next;
    depth++;
  }
  return { steps, userspaceStartUs, missingRoot: null };
}
