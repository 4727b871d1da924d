import { open as openFile, type FileReadResult } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { copyBytes } from './bytes.js';
import { InputError } from './errors.js';
import { scoutedChunks, scoutWanted, type ScoutRequest } from './scout/chunks.js';

/**
 * One thing to read: a path (`-` for stdin) with its bytes as a string, a buffer, or a stream (any
 * async iterable of chunks: a Node Readable such as `process.stdin`, a web ReadableStream).
 */
export interface InputSource {
  path: string;
  content?: string | Uint8Array | AsyncIterable<Uint8Array | string>;
  /** The node (host) this input is from, for entries that name none (`analyze` joins a node's inputs; timeline/join.ts). */
  node?: string;
}

const GZIP_MAGIC = [0x1f, 0x8b];
export const MAX_GZIP_RATIO = 100;
const GZIP_RATIO_AFTER = 1024 * 1024;

/** Bytes per read of a file. */
const READ_BYTES = 1 << 20;

/**
 * A file's bytes in chunks of up to 1 MiB, read into two buffers that take turns (issue 9): the
 * next read runs while the caller works on the chunk it was given. `createReadStream` allocates a
 * fresh 1 MiB buffer per read, and on this kind of VM the page faults of fresh memory cost more than
 * splitting the lines (0.33 s against 0.07 s to read 262 MB). So a chunk is only valid until the
 * caller asks for the next one: whoever keeps bytes past that copies them (`LineSplitter`, the
 * export reader, the chunks held while sniffing, the gunzip feed).
 */
async function* fileChunks(path: string, scout?: ScoutRequest): AsyncGenerator<Buffer> {
  const handle = await openFile(path, 'r');
  // The read under way, if any: set while the caller works on a chunk, and when reading failed.
  let inFlight: Promise<FileReadResult<Buffer>> | null = null;
  try {
    // A large file is read mostly by a worker that also scouts its lines (scout/chunks.ts); when
    // the worker stops before the end, the rest is read here from where it stopped (positions
    // then, not the file's offset).
    let position: number | null = null;
    if (await scoutWanted(handle, scout)) {
      position = yield* scoutedChunks(handle, scout!);
      if (position === null) return;
    }
    const buffers = [Buffer.allocUnsafeSlow(READ_BYTES), Buffer.allocUnsafeSlow(READ_BYTES)];
    let turn = 0;
    inFlight = handle.read(buffers[0]!, 0, READ_BYTES, position);
    for (;;) {
      const { bytesRead, buffer } = await inFlight;
      inFlight = null;
      if (bytesRead === 0) return;
      if (position !== null) position += bytesRead;
      turn ^= 1;
      inFlight = handle.read(buffers[turn]!, 0, READ_BYTES, position);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    if (inFlight === null) {
      await handle.close();
    } else {
      // Stopped early with a read under way: closing waits for it, and on a FIFO it waits for the
      // writer, maybe for ever. Do not wait: the file is closed once the read settles, and its
      // failure, if any, is handled here rather than left unhandled.
      inFlight.then(() => handle.close(), () => handle.close()).catch(() => {});
    }
  }
}

export function openSource(source: InputSource, scout?: ScoutRequest): AsyncIterable<Buffer | Uint8Array | string> {
  const { content } = source;
  if (content === undefined) return fileChunks(source.path, scout);
  if (typeof content === 'string' || content instanceof Uint8Array) return Readable.from([Buffer.from(content)]);
  return content as AsyncIterable<Buffer | Uint8Array | string>;
}

export function errnoMessage(path: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT': return `${path}: no such file`;
    case 'EACCES': return `${path}: permission denied`;
    case 'EISDIR': return `${path}: is a directory, not a journal file`;
    default: return `${path}: cannot read (${error.message})`;
  }
}

/**
 * A stream's chunk as a Buffer, without a copy when it is one already (issue 9: `Buffer.from` of a
 * Buffer copies it through the typed-array constructor, about a quarter of a short-iso-precise run).
 * A readable stream hands each chunk over for good, so keeping it is safe.
 */
const asBuffer = (chunk: Buffer | Uint8Array | string): Buffer =>
  Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

/** Yields the input's bytes, gunzipped when they start with the gzip magic, within the input limits. */
export async function* bytesOf(source: InputSource, maxInputBytes: number, onProgress?: (bytesRead: number) => void,
  limits: { gzipRatio: number } = { gzipRatio: MAX_GZIP_RATIO }, scout?: ScoutRequest): AsyncGenerator<Buffer> {
  const { path } = source;
  const iterator = openSource(source, scout)[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = asBuffer(first.value);
  const gzip = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  let compressed = 0;
  const all = (async function* () {
    try {
      compressed += head.length;
      // Gunzip reads ahead of us, so it gets copies of chunks that may be reused (fileChunks).
      yield gzip ? copyBytes(head) : head;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        const chunk = asBuffer(next.value);
        compressed += chunk.length;
        yield gzip ? copyBytes(chunk) : chunk;
      }
    } finally {
      // Stopped early (an error, a binary journal): close the file now, not when it is collected.
      // A stream the caller handed in is the caller's: it is left as it is.
      if (source.content === undefined) await iterator.return?.();
    }
  })();
  let total = 0;
  // pipeline, not pipe: when reading stops early it destroys the source too, which closes the file.
  const bytes = gzip ? pipeline(Readable.from(all), createGunzip(), () => {}) : all;
  for await (const chunk of bytes as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxInputBytes) {
      throw new InputError('too-large', path, `${path}: more than ${maxInputBytes} bytes${gzip ? ' once gunzipped' : ''}; ` +
        'read a smaller part of the journal (journalctl -b, --since) or raise --max-input-bytes');
    }
    // A gzip bomb: real journals compress about 10:1, a bomb 1000:1. Judged after the first MiB.
    // limits.gzipRatio is read at every chunk: a binary journal file lifts it once its header is seen
    // (preallocated and mostly zeros, a small one compresses far more than 100:1; journal-file/open.ts
    // bounds what it copies by the size its header states instead).
    if (gzip && total > GZIP_RATIO_AFTER && total > compressed * limits.gzipRatio) {
      throw new InputError('too-large', path, `${path}: gzip data expands more than ${limits.gzipRatio} times ` +
        `(${compressed} bytes to over ${total}); not a journal bootlens will read`);
    }
    onProgress?.(compressed);
    yield chunk;
  }
}

