import type { JournalEntry } from '../model/entry.js';
import type { EventOf, TimelineEvent } from '../model/event.js';
import { isoFromMicros } from '../time.js';

export interface RecognizeContext {
  emit(event: TimelineEvent): void;
  /** State that lives as long as the boot, for recognizers that tie several lines together. */
  state<T>(key: string, init: () => T): T;
}

/** Turns journal entries into timeline events. One module per source of evidence. */
export interface Recognizer {
  id: string;
  /**
   * Only entries whose message contains one of these strings are offered: a substring test is far
   * cheaper than a regex, and almost every entry of a journal matters to no recognizer.
   */
  needles: readonly string[];
  /**
   * When set, only entries with one of these identifiers are offered (and only their messages are
   * scanned for this recognizer's needles). Set it only when `recognize` does nothing for any other
   * identifier: it is a promise the dispatch relies on, not a filter it adds.
   */
  identifiers?: readonly string[];
  /**
   * Like `identifiers`, for programs whose identifier carries a name of their own (NixOS's
   * `network-addresses-<ifname>-start`): only entries whose identifier starts with one of these are
   * offered. The same promise: `recognize` does nothing for any other identifier.
   */
  identifierPrefixes?: readonly string[];
  /**
   * A promise that lets the timeline fold a repeat without calling `recognize` (issue 16): for two
   * entries whose messages have one repeatKey (recognize/repeats.ts) and which have the same
   * identifier and input, `recognize` emits the same events but for the fields eventBase takes from
   * the entry, and it reads and writes no state.
   */
  repeatsAlike?: boolean;
  recognize(entry: JournalEntry, ctx: RecognizeContext): void;
}

/** True when the recognizer is offered entries of this identifier (`identifiers`, `identifierPrefixes`; neither: every one). */
export function offers(r: Recognizer, identifier: string | null): boolean {
  if (r.identifiers === undefined && r.identifierPrefixes === undefined) return true;
  if (identifier === null) return false;
  return (r.identifiers?.includes(identifier) ?? false) || (r.identifierPrefixes?.some((p) => identifier.startsWith(p)) ?? false);
}

/** The fields every event copies from the entry it was recognized in. */
export function eventBase(entry: JournalEntry) {
  return {
    monotonicUs: entry.monotonicUs,
    realtime: entry.realtimeUs === null ? null : isoFromMicros(entry.realtimeUs),
    source: entry.source,
    identifier: entry.identifier,
    systemdUnit: entry.unit,
    message: entry.message,
  };
}

// with-unit prints the unit instead of the identifier (k0scontroller.service[891]:), so the same
// program can arrive under its unit's name. These are the distributions' own unit names.
const UNIT_NAMED: Readonly<Record<string, string>> = {
  k0scontroller: 'k0s', k0sworker: 'k0s', 'k3s-agent': 'k3s', 'rke2-server': 'rke2', 'rke2-agent': 'rke2',
};

/** The component an entry speaks for: its identifier, with distribution unit names folded to the program. */
export function componentName(entry: JournalEntry, fallback: string): string {
  const id = entry.identifier;
  return id === null ? fallback : UNIT_NAMED[id] ?? id;
}

// The source file a klog header names (`E0702 23:54:56.092537 12850 kubelet_node_status.go:92] …`): the
// kubelet's own files say it is the kubelet where no journal identifier does (a log file, kubectl logs).
const KLOG_KUBELET_FILE = /^\s*[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ kubelet(?:_\w+)?\.go:\d+\] /;

/** The component a klog line's header names by its source file (only the kubelet's files are its own), or null. */
export function klogComponent(message: string): string | null {
  return KLOG_KUBELET_FILE.test(message) ? 'kubelet' : null;
}

/** Emits a component-failure event (a failure that is no unit's, bind's or handshake's). */
export function componentFailure(
  ctx: RecognizeContext, entry: JournalEntry, failure: EventOf<'component-failure'>['failure'],
  facts: { component: string | null; subject: string | null; error: string | null },
): void {
  ctx.emit({ kind: 'component-failure', ...eventBase(entry), failure, ...facts });
}
