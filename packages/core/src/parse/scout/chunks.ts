import type { FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { RECORD, type NeedleSet } from './scan.js';
import { lineScout, setChunkScout } from './state.js';
import { CONTROL, SLOT_FIELDS, scoutSource, type ScoutSetup } from './worker.js';

/** Asked of a file reader: scout the file for these needle sets (recognize/dispatch.ts's `sets`). */
export interface ScoutRequest {
  sets: readonly NeedleSet[];
  /** Files smaller than this are read without a scout (default SCOUT_MIN_BYTES); tests lower it. */
  minBytes?: number;
  /**
   * For tests: chunks of this many bytes (default 1 MiB); the main thread waits for the worker
   * instead of reading chunks itself (unless the worker is gone); the worker ends with an error
   * after this many chunks.
   */
  chunkBytes?: number;
  workerOnly?: boolean;
  failAfter?: number;
  /** For tests: the worker sleeps this long before each chunk (a worker whose core is busy). */
  delayMs?: number;
  /** Counted while reading, as `scoutTotals` counts. */
  stats?: { scouted: number; readHere: number; stopped: number };
}

/**
 * Below this a scout does not pay: the worker takes ~85 ms to scout its first chunk, and the main
 * thread reads the chunks it wants meanwhile itself.
 */
export const SCOUT_MIN_BYTES = 8 * 1024 * 1024;
/** Chunks the worker may be ahead of the main thread, plus the one the main thread reads. */
const SLOTS = 8;
const CHUNK_BYTES = 1 << 20;
/**
 * Bytes of the worker's chunks after which it is stopped when no reader has taken a line from its
 * tables (the region driver's look-ahead holds at most 1 MiB of text, regions.ts).
 */
const UNUSED_BYTES = 8 * 1024 * 1024;
/**
 * Past this many chunks (the worker's code is warm by then), a worker the main thread overtook on
 * this many of the last 16 is stopped: on a machine whose other core is busy, the worker's chunks
 * are read again by the main thread, and the worker only takes CPU from it.
 */
const BEHIND_AFTER = 32;
const BEHIND_OF_16 = 8;

const popcount16 = (bits: number): number => {
  let n = 0;
  for (let b = bits; b !== 0; b &= b - 1) n++;
  return n;
};

/** Lines listed per chunk; the lines after them (a chunk of lines shorter than 64 bytes) are read as without a scout. */
const MAX_LINES = 16384;

type WaitAsync = (array: Int32Array, index: number, value: number) => { async: false; value: string } | { async: true; value: Promise<string> };

/** Whether a scout should read this file: a regular file, large enough, on a machine with a core to spare. */
export async function scoutWanted(handle: FileHandle, request: ScoutRequest | undefined): Promise<boolean> {
  if (request === undefined || availableParallelism() < 2 || typeof (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync !== 'function') return false;
  const stat = await handle.stat();
  return stat.isFile() && stat.size >= (request.minBytes ?? SCOUT_MIN_BYTES);
}

let source: string | null = null;

/**
 * Counted over every scouted read of this process: chunks the worker scouted and the main thread
 * took, chunks the main thread read itself while the worker ran, workers that ended with an error,
 * and files whose rest was read without the worker (it could not start, failed, or was of no use:
 * `scoutedChunks`). The CLI prints them when BOOTLENS_SCOUT_STATS is set (its tests check that
 * the worker's chunks are used).
 */
export const scoutTotals = { scouted: 0, readHere: 0, workerErrors: 0, stopped: 0 };

/** Reads chunk `k` (see CONTROL in worker.ts) of `size` bytes into `buffer`: its bytes. */
async function readChunk(handle: FileHandle, buffer: Buffer, k: number, size: number): Promise<Buffer> {
  let n = 0;
  for (let got = -1; got !== 0 && n < size;) {
    ({ bytesRead: got } = await handle.read(buffer, n, size - n, k * size + n));
    n += got;
  }
  return buffer.subarray(0, n);
}

/** The shared memory of a scout: the control array, the slots' bytes and their tables. */
function setupOf(handle: FileHandle, request: ScoutRequest): ScoutSetup {
  const chunkBytes = request.chunkBytes ?? CHUNK_BYTES;
  return {
    fd: handle.fd,
    control: new SharedArrayBuffer(4 * (CONTROL.slots + SLOT_FIELDS * SLOTS)),
    data: new SharedArrayBuffer(SLOTS * chunkBytes),
    tables: new SharedArrayBuffer(SLOTS * MAX_LINES * RECORD * 4),
    stamps: new SharedArrayBuffer(SLOTS * MAX_LINES * 8),
    slots: SLOTS,
    chunkBytes,
    maxLines: MAX_LINES,
    // Plain data: recognizers carry functions, which a worker cannot be sent.
    sets: request.sets.map((s) => ({ needles: [...s.needles], identifiers: s.identifiers ? [...s.identifiers] : undefined, identifierPrefixes: s.identifierPrefixes ? [...s.identifierPrefixes] : undefined })),
    failAfter: request.failAfter ?? -1,
    delayMs: request.delayMs ?? 0,
  };
}

/** The worker, started, or null when it cannot be; `gone` resolves when it has ended. */
function startWorker(setup: ScoutSetup): { worker: Worker; gone: Promise<void>; ended: () => boolean } | null {
  let ended = false;
  try {
    const worker = new Worker(source ??= scoutSource(), { eval: true, workerData: setup, stdout: true, stderr: true });
    // Held only while waited for (a wait on shared memory holds nothing): a generator left
    // unfinished must not keep the process alive.
    worker.unref();
    const gone = new Promise<void>((resolve) => {
      worker.once('exit', () => { ended = true; resolve(); });
      // An uncaught error ends the worker ('exit' follows): the chunks are then read here.
      worker.once('error', () => { scoutTotals.workerErrors++; });
    });
    return { worker, gone, ended: () => ended };
  } catch {
    return null;
  }
}

/**
 * A file's chunks (1 MiB, as `fileChunks` in open.ts gives them), most of them read by a worker
 * thread that also scouts them (scan.ts): such a chunk is handed out with its table in
 * `chunkScout` (state.ts). The chunks the worker has not finished when they are wanted (the first
 * ones, while it starts; any while another program has its core) are read here, without a table.
 * A chunk is valid until the next one is asked for. Returns null at the end of the file, or the
 * position to read on from without the worker: when it could not start or failed, when no reader
 * took a line from its tables in its first UNUSED_BYTES (a format it does not read), or when it
 * fell behind (BEHIND_OF_16).
 */
export async function* scoutedChunks(handle: FileHandle, request: ScoutRequest): AsyncGenerator<Buffer, number | null> {
  const setup = setupOf(handle, request);
  const { chunkBytes } = setup;
  const ctl = new Int32Array(setup.control);
  const tables = Array.from({ length: SLOTS }, (_, s) => new Int32Array(setup.tables, s * MAX_LINES * RECORD * 4, MAX_LINES * RECORD));
  const stamps = Array.from({ length: SLOTS }, (_, s) => new Float64Array(setup.stamps, s * MAX_LINES * 8, MAX_LINES));
  const own = Buffer.allocUnsafeSlow(chunkBytes);
  const scout = startWorker(setup);
  // A file no reader takes the scout's lines from (json, export: formats it does not read) needs no worker.
  const takenBefore = lineScout.taken;
  const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
  // Which of the last 16 chunks the main thread read itself (bit 0: this one); the bytes of the worker's chunks taken.
  let readHere = 0;
  let scoutedBytes = 0;
  const stopped = (position: number) => {
    scoutTotals.stopped++;
    if (request.stats) request.stats.stopped++;
    return position;
  };
  try {
    for (let k = 0; ; k++) {
      const s = k % SLOTS;
      const at = CONTROL.slots + SLOT_FIELDS * s;
      let chunk: Buffer | null = null;
      for (;;) {
        const held = scout === null ? 0 : Atomics.load(ctl, at);
        if (held === k + 1) {
          chunk = Buffer.from(setup.data, s * chunkBytes, ctl[at + 1]!);
          setChunkScout(chunk, tables[s]!, stamps[s]!, ctl[at + 2]!, request.sets);
          scoutedBytes += chunk.length;
          scoutTotals.scouted++;
          if (request.stats) request.stats.scouted++;
          break;
        }
        // The worker is gone (it could not start, failed, or was not needed): the caller reads on from here.
        if (scout === null || scout.ended() || Atomics.load(ctl, CONTROL.failed) !== 0) return stopped(k * chunkBytes);
        // A chunk the worker has not scouted yet is read here rather than waited for (the worker has
        // not begun it, its code is still cold, or another program has its core): the main thread
        // never waits for the worker. The worker is kept from beginning it, if it has not.
        if (request.workerOnly !== true) {
          Atomics.compareExchange(ctl, CONTROL.next, k, k + 1);
          chunk = await readChunk(handle, own, k, chunkBytes);
          scoutTotals.readHere++;
          if (request.stats) request.stats.readHere++;
          readHere |= 1;
          break;
        }
        // For tests (workerOnly): the worker is reading it.
        const { worker, gone: ended } = scout!;
        const wait = waitAsync(ctl, at, held);
        if (wait.async) {
          worker.ref();
          await Promise.race([wait.value, ended]);
          worker.unref();
        }
      }
      if (chunk.length === 0) return null;
      yield chunk;
      if (chunk.length < chunkBytes) return null;
      if (scoutedBytes >= UNUSED_BYTES && lineScout.taken === takenBefore) return stopped((k + 1) * chunkBytes);
      // The worker is behind: its core is another program's too, and what it does is read again here.
      if (k >= BEHIND_AFTER && popcount16(readHere) >= BEHIND_OF_16) return stopped((k + 1) * chunkBytes);
      readHere = (readHere << 1) & 0xffff;
      Atomics.store(ctl, CONTROL.consumed, k + 1);
      Atomics.notify(ctl, CONTROL.consumed);
    }
  } finally {
    // The chunks' table is let go with the shared memory, and the file may be closed after this
    // returns: the worker must not be reading it then.
    setChunkScout(null, null, null, 0, null);
    if (scout !== null) await stopWorker(ctl, scout.worker);
  }
}

/** Tells the worker to stop, wakes it, and waits until it has ended. */
async function stopWorker(ctl: Int32Array, worker: Worker): Promise<void> {
  Atomics.store(ctl, CONTROL.stop, 1);
  Atomics.add(ctl, CONTROL.consumed, 1);
  Atomics.notify(ctl, CONTROL.consumed);
  await worker.terminate();
}
