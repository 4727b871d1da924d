import type { SourceRef } from '../model/entry.js';
import type { EventKind, TimelineEvent } from '../model/event.js';
import type { Boot, EventsOmitted, OmittedCount } from '../model/report.js';
import { occurrences } from '../timeline/fold.js';
import { isKeyEvent } from './events.js';

/** Events a report keeps per boot by default (issue 16); `analyze --all-events` writes every one. */
export const DEFAULT_MAX_REPORT_EVENTS = 500;
/** Events a report keeps over all its boots by default: a month of reboots stays a readable report. */
export const DEFAULT_MAX_REPORT_EVENTS_TOTAL = 2000;

/**
 * Caps every boot (`capEvents`) within a budget for the whole report: the newest boot first (the
 * one that came back broken), each older one gets what is left, down to the events its findings
 * cite.
 */
export function capBoots(boots: readonly Boot[], perBoot = DEFAULT_MAX_REPORT_EVENTS, total = DEFAULT_MAX_REPORT_EVENTS_TOTAL): Boot[] {
  const out = [...boots];
  let left = total;
  for (let i = out.length - 1; i >= 0; i--) {
    out[i] = capEvents(out[i]!, Math.min(perBoot, Math.max(0, left)));
    left -= out[i]!.events.length;
  }
  return out;
}

const lineKey = (s: SourceRef) => `${s.path}\0${s.line}`;

function isCited(e: TimelineEvent, cited: ReadonlySet<string>): boolean {
  if (cited.has(lineKey(e.source))) return true;
  if (!e.run) return false;
  return cited.has(lineKey(e.run.lastSource)) || e.run.samples.some((s) => cited.has(lineKey(s)));
}

/**
 * The boot with at most `max` events (more only when findings cite more): first every event a
 * finding cites (its own line, a sample or the last line of its run), then key events (report/events.ts)
 * in timeline order, then the others; the rest is counted exactly, by kind, in `eventsOmitted`
 * (added to what the timeline builder already left out). Timeline order is kept.
 */
export function capEvents(boot: Boot, max: number = DEFAULT_MAX_REPORT_EVENTS): Boot {
  if (boot.events.length <= max) return boot;
  const cited = new Set<string>();
  for (const f of boot.findings) for (const s of f.evidence) cited.add(lineKey(s));
  const keep = new Uint8Array(boot.events.length);
  let kept = 0;
  const pass = (want: (e: TimelineEvent) => boolean, always: boolean) => {
    boot.events.forEach((e, i) => {
      if (keep[i] === 0 && (always || kept < max) && want(e)) {
        keep[i] = 1;
        kept++;
      }
    });
  };
  pass((e) => isCited(e, cited), true);
  pass(isKeyEvent, false);
  pass(() => true, false);
  const omitted = copyOmitted(boot.eventsOmitted);
  const events = boot.events.filter((e, i) => {
    if (keep[i] === 1) return true;
    addOmitted(omitted, e.kind, 1, occurrences(e));
    return false;
  });
  return { ...boot, events, eventsOmitted: omitted };
}

function copyOmitted(o: EventsOmitted | undefined): EventsOmitted {
  const byKind: EventsOmitted['byKind'] = {};
  for (const [kind, count] of Object.entries(o?.byKind ?? {}) as Array<[EventKind, OmittedCount]>) byKind[kind] = { ...count };
  return { events: o?.events ?? 0, occurrences: o?.occurrences ?? 0, byKind };
}

function addOmitted(o: EventsOmitted, kind: EventKind, events: number, lines: number): void {
  o.events += events;
  o.occurrences += lines;
  const k = (o.byKind[kind] ??= { events: 0, occurrences: 0 });
  k.events += events;
  k.occurrences += lines;
}
