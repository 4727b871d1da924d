import { chosenBoots } from './analyze.js';
import type { JournalEntry } from './model/entry.js';
import type { TimelineEvent } from './model/event.js';
import type { InputSource } from './parse/input.js';
import type { EntrySink } from './parse/reader.js';
import { readInputs, type InputOptions, type InputsRead } from './read-inputs.js';
import { TimelineBuilder } from './timeline/builder.js';
import type { BootSelector } from './timeline/pastes.js';

/**
 * An async iterable that also says what reading found: `inputs` (one summary per input, with its
 * parsed and skipped line counts) and `diagnostics` (skipped lines with file:line and why, assumed
 * years and zones, …). Both fill as inputs end and are complete once iteration has ended.
 */
export interface ReadStream<T> extends AsyncIterable<T>, InputsRead {}

/** Options of `bootEvents`: those of reading, and which boot (analyze's `boot`). */
export interface BootEventsOptions extends InputOptions {
  /** journalctl -b style: 0 the last boot, -1 the one before, N the Nth from the oldest, a boot id; `'all'` (the default) every boot. */
  boot?: BootSelector | 'all';
}

/** One event of a boot, with the boot it belongs to (its index among all boots of the inputs, oldest 0, and its id). */
export interface BootEvent {
  bootIndex: number;
  bootId: string | null;
  event: TimelineEvent;
}

/** Entries read ahead of a slow consumer before reading waits for it (plus at most one chunk's worth). */
const HIGH_WATER = 1024;

/**
 * The journal entries of `inputs`, in input order, as they are read: nothing is kept once handed
 * on (reading waits while the consumer is behind). Same inputs, options and errors as `analyze`
 * (InputError for input that cannot be read at all, thrown by the iteration). Breaking out of the
 * loop stops reading and closes the files. Each iteration reads the inputs again.
 */
export function readEntries(inputs: ReadonlyArray<string | InputSource>, options: InputOptions = {}): ReadStream<JournalEntry> {
  const stream: ReadStream<JournalEntry> = {
    inputs: [],
    diagnostics: [],
    [Symbol.asyncIterator]: () => {
      stream.inputs.length = 0;
      stream.diagnostics.length = 0;
      return pull<JournalEntry>((push, pace) => {
        const sink: EntrySink = { entry: push, bootMarker: () => {} };
        return readInputs(inputs, () => sink, options, stream, pace);
      });
    },
  };
  return stream;
}

/**
 * The timeline events of the boots of `inputs` (all, or the one `options.boot` selects), boot by
 * boot, each boot's in timeline order, without running rules or building a report. A boot's
 * events are ordered once all entries are read, so the first event comes after reading ends; the
 * entries themselves are not kept. Same options and errors as `analyze`; a boot not found is a
 * `boot-not-found` diagnostic and no events.
 */
export function bootEvents(inputs: ReadonlyArray<string | InputSource>, options: BootEventsOptions = {}): ReadStream<BootEvent> {
  const stream: ReadStream<BootEvent> = {
    inputs: [],
    diagnostics: [],
    [Symbol.asyncIterator]: () => {
      stream.inputs.length = 0;
      stream.diagnostics.length = 0;
      return eventsOf(inputs, options, stream);
    },
  };
  return stream;
}

async function* eventsOf(inputs: ReadonlyArray<string | InputSource>, options: BootEventsOptions, into: InputsRead): AsyncGenerator<BootEvent> {
  const builder = new TimelineBuilder();
  await readInputs(inputs, (i, node) => builder.sinkFor(i, node), options, into, undefined, builder.scoutRequest);
  for (const boot of chosenBoots(builder, options.boot, into.diagnostics)) {
    for (const event of boot.events) yield { bootIndex: boot.index, bootId: boot.bootId, event };
  }
}

/** Thrown into a paused reader when its consumer stopped iterating. */
class Stopped extends Error {}

/**
 * Turns a reader that pushes (`produce` calls `push` for each item and awaits `pace()` between
 * chunks) into an async iterator with back-pressure: the reader waits while HIGH_WATER items are
 * queued. When the consumer stops early the reader's next pace rejects, so it ends and closes
 * what it opened before the iterator returns.
 */
async function* pull<T>(produce: (push: (item: T) => void, pace: () => Promise<void> | undefined) => Promise<void>): AsyncGenerator<T> {
  let queue: T[] = [];
  let wake: (() => void) | null = null;
  let resume: (() => void) | null = null;
  const release = () => { const r = resume as (() => void) | null; resume = null; r?.(); };
  let stopped = false;
  let outcome: { error: unknown } | null | undefined; // undefined while reading, null when done, else the error
  const notify = () => { const w = wake; wake = null; w?.(); };
  const push = (item: T) => { queue.push(item); notify(); };
  const pace = () => {
    if (stopped) return Promise.reject(new Stopped());
    if (queue.length < HIGH_WATER) return undefined;
    return new Promise<void>((resolve) => { resume = resolve; });
  };
  const reading = produce(push, pace).then(() => { outcome = null; }, (error: unknown) => { outcome = { error }; }).finally(notify);
  try {
    for (;;) {
      if (queue.length > 0) {
        const batch = queue;
        queue = [];
        release();
        for (const item of batch) yield item;
      } else if (outcome !== undefined) {
        if (outcome !== null) throw outcome.error;
        return;
      } else {
        await new Promise<void>((resolve) => { wake = resolve; });
      }
    }
  } finally {
    stopped = true;
    release();
    await reading;
  }
}
