import { isoMicros } from '../iso-micros.js';
import { createScout, RECORD, type NeedleSet } from './scan.js';

/**
 * Where the fields of the scout's control array are (an Int32Array on a SharedArrayBuffer). Chunk
 * k is the file's bytes from k × chunkBytes, chunkBytes of them (fewer at the end; none past it).
 * The worker takes the next chunk by raising `next` from k to k + 1; the main thread takes the
 * chunk it wants when the worker has not scouted it yet (and raises `next` past it, if the worker
 * has not begun it): the first ones while the worker starts, any while the worker is behind.
 */
export const CONTROL = {
  /** The first chunk nobody has taken. */
  next: 0,
  /** Chunks the main thread is done with: the slot of chunk k is free once k < consumed. */
  consumed: 1,
  /** Set by the main thread: the worker stops. */
  stop: 2,
  /** Set by the worker when a read failed: the main thread reads the rest and meets the error. */
  failed: 3,
  /** Chunks the worker has scouted (tests: `failAfter`). */
  produced: 4,
  /** Per slot s, at slots + 3s: 1 + the chunk it holds (0: none yet), its length in bytes, its lines listed. */
  slots: 5,
} as const;
export const SLOT_FIELDS = 3;

/** What the worker is given (workerData). */
export interface ScoutSetup {
  fd: number;
  control: SharedArrayBuffer;
  data: SharedArrayBuffer;
  tables: SharedArrayBuffer;
  stamps: SharedArrayBuffer;
  slots: number;
  chunkBytes: number;
  maxLines: number;
  sets: NeedleSet[];
  /** For tests: after this many chunks (when not negative) the worker ends with an error. */
  failAfter: number;
  /** For tests: the worker sleeps this long (ms) before each chunk. */
  delayMs: number;
}

/**
 * The worker's program: takes the next chunk once its slot is free, reads it into the slot,
 * scouts it and says which chunk the slot holds. Runs as text in the worker (see `scoutSource`):
 * it uses nothing from outside its body but its arguments and Node's modules.
 */
function scoutWorker(create: typeof createScout, micros: typeof isoMicros, record: number, C: typeof CONTROL, fields: number): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const { isAscii } = require('node:buffer') as typeof import('node:buffer');
  const fs = require('node:fs') as typeof import('node:fs');
  const setup = workerData as ScoutSetup;
  const { slots, chunkBytes, maxLines } = setup;
  const ctl = new Int32Array(setup.control);
  const scout = create(setup.sets, { ascii: (b) => isAscii(b), newline: (b, from) => (b as Buffer).indexOf(0x0a, from) }, micros);
  for (;;) {
    if (Atomics.load(ctl, C.stop) !== 0) return;
    const k = Atomics.load(ctl, C.next);
    const consumed = Atomics.load(ctl, C.consumed);
    if (k - consumed >= slots) {
      Atomics.wait(ctl, C.consumed, consumed);
      continue;
    }
    if (Atomics.compareExchange(ctl, C.next, k, k + 1) !== k) continue;
    if (setup.failAfter >= 0 && Atomics.load(ctl, C.produced) >= setup.failAfter) throw new Error('scout: failing as asked (a test)');
    if (setup.delayMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, setup.delayMs);
    const s = k % slots;
    const bytes = Buffer.from(setup.data, s * chunkBytes, chunkBytes);
    let n = 0;
    try {
      for (let got = -1; got !== 0 && n < chunkBytes;) {
        got = fs.readSync(setup.fd, bytes, n, chunkBytes - n, k * chunkBytes + n);
        n += got;
      }
    } catch {
      Atomics.store(ctl, C.failed, 1);
      Atomics.notify(ctl, C.slots + fields * s);
      return;
    }
    const lines = n === 0 ? 0 : scout.chunk(bytes.subarray(0, n),
      new Int32Array(setup.tables, s * maxLines * record * 4, maxLines * record), new Float64Array(setup.stamps, s * maxLines * 8, maxLines), maxLines);
    ctl[C.slots + fields * s + 1] = n;
    ctl[C.slots + fields * s + 2] = lines;
    Atomics.store(ctl, C.slots + fields * s, k + 1);
    Atomics.add(ctl, C.produced, 1);
    Atomics.notify(ctl, C.slots + fields * s);
    if (n < chunkBytes) return;
  }
}

/**
 * The worker's source: its functions as text, called. `__name` is esbuild's helper for function
 * names (tsx adds calls to it when it runs the TypeScript): in the worker it does nothing.
 */
export function scoutSource(): string {
  return `'use strict';\nvar __name = (f) => f;\n(${scoutWorker.toString()})((${createScout.toString()}), (${isoMicros.toString()}), ${RECORD}, ${JSON.stringify(CONTROL)}, ${SLOT_FIELDS});\n`;
}
