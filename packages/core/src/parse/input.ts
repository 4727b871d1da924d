import { open as openFile, type FileReadResult } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Diagnostic } from '../model/diagnostic.js';
import type { InputFormat, InputSummary } from '../model/report.js';
import { diagnosticsCappedMessage, emptyInputMessage, excerpt, invalidUtf8Message, noteMessage, skipMessage } from '../report/diagnostics.js';
import { copyBytes } from './bytes.js';
import { cleanLine } from './clean.js';
import { InputError } from './errors.js';
import { FORMATS, formatSpec, isUndecided, sniffFormat, type FormatSpec } from './formats.js';
import { LineSplitter } from './lines.js';
import type { ByteReader, EntrySink, LineReader, ReadSink } from './reader.js';
import { isTimeZone } from './wallclock.js';
import { isJournalHead, readJournalInput } from './journal-file/index.js';

/** One thing to read: a path (`-` for stdin) with its bytes as a stream, a string or a buffer. */
export interface InputSource {
  path: string;
  content?: string | Uint8Array | NodeJS.ReadableStream;
}

export interface ReadOptions {
  /** Skip format sniffing and read as this format. */
  format?: InputFormat;
  /** Lines longer than this many bytes are skipped with a diagnostic (default 1 MiB). */
  maxLineBytes?: number;
  /** An input (after gunzip) larger than this stops with InputError `too-large` (default 4 GiB). */
  maxInputBytes?: number;
  /** At most this many skipped-line diagnostics are listed per input; the count stays exact. */
  maxDiagnostics?: number;
  /** Year of the first entry of modes that print no year (short, short-precise); else inferred. */
  year?: number;
  /** IANA zone (`Europe/Berlin`) of stamps printed without a usable zone; else this machine's. */
  timeZone?: string;
  /** Called as bytes arrive, with how many bytes of the input (as stored: compressed if gzip) were read so far. */
  onProgress?: (bytesRead: number) => void;
}

export interface ReadResult {
  summary: InputSummary;
  diagnostics: Diagnostic[];
}

const GZIP_MAGIC = [0x1f, 0x8b];
// How many undecided lines (blank, markers, hints) we read before giving up on sniffing.
const SNIFF_LINES = 200;
/** Defaults of the input limits (README, "Limits and bad input"). */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
export const DEFAULT_MAX_INPUT_BYTES = 4 * 1024 ** 3;
const MAX_GZIP_RATIO = 100;
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
async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  const handle = await openFile(path, 'r');
  // The read under way, if any: set while the caller works on a chunk, and when reading failed.
  let inFlight: Promise<FileReadResult<Buffer>> | null = null;
  try {
    const buffers = [Buffer.allocUnsafeSlow(READ_BYTES), Buffer.allocUnsafeSlow(READ_BYTES)];
    let turn = 0;
    inFlight = handle.read(buffers[0]!, 0, READ_BYTES, null);
    for (;;) {
      const { bytesRead, buffer } = await inFlight;
      inFlight = null;
      if (bytesRead === 0) return;
      turn ^= 1;
      inFlight = handle.read(buffers[turn]!, 0, READ_BYTES, null);
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

function openSource(source: InputSource): AsyncIterable<Buffer | Uint8Array | string> {
  const { content } = source;
  if (content === undefined) return fileChunks(source.path);
  if (typeof content === 'string' || content instanceof Uint8Array) return Readable.from([Buffer.from(content)]);
  return content as AsyncIterable<Buffer | Uint8Array | string>;
}

function errnoMessage(path: string, error: NodeJS.ErrnoException): string {
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

/**
 * Yields the input's bytes, gunzipped when they start with the gzip magic, within the input limits.
 * `limits.gzipRatio` is read at every chunk: a binary journal file lifts it once its header is seen
 * (preallocated and mostly zeros, a small one compresses far more than 100:1; journal-file/open.ts
 * bounds it by the size its header states instead).
 */
export async function* bytesOf(source: InputSource, maxInputBytes: number, onProgress?: (bytesRead: number) => void,
  limits: { gzipRatio: number } = { gzipRatio: MAX_GZIP_RATIO }): AsyncGenerator<Buffer> {
  const { path } = source;
  const iterator = openSource(source)[Symbol.asyncIterator]();
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
    if (gzip && total > GZIP_RATIO_AFTER && total > compressed * limits.gzipRatio) {
      throw new InputError('too-large', path, `${path}: gzip data expands more than ${limits.gzipRatio} times ` +
        `(${compressed} bytes to over ${total}); not a journal bootlens will read`);
    }
    onProgress?.(compressed);
    yield chunk;
  }
}

/**
 * Reads one input to the end, handing entries to `sink`. Every line is counted: understood
 * (`parsed`) or `skipped` with a diagnostic. Throws `InputError` for input it cannot read at all.
 */
export async function readInput(source: InputSource, sink: EntrySink, options: ReadOptions = {}): Promise<ReadResult> {
  const { path } = source;
  const maxDiagnostics = options.maxDiagnostics ?? 1000;
  const diagnostics: Diagnostic[] = [];
  let parsed = 0;
  let skipped = 0;
  let entries = 0;
  let pastes = 0; // systemd-analyze pastes: input without journal entries, but not empty
  if (options.timeZone !== undefined && !isTimeZone(options.timeZone)) {
    throw new RangeError(`unknown time zone '${options.timeZone}' (expected an IANA name like Europe/Berlin)`);
  }
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const readerOptions = {
    path,
    ...(options.year !== undefined ? { year: options.year } : {}),
    ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
  };
  // Line formats get a LineReader fed by the LineSplitter; export gets a ByteReader fed the bytes
  // themselves (from the first byte on: chunks are held while the format is still undecided).
  let reader: LineReader | null = null;
  let byteReader: ByteReader | null = null;
  let switchTo: FormatSpec | null = null;
  const held: Buffer[] = [];
  const open = (spec: FormatSpec) => {
    if (spec.bytes) byteReader = spec.bytes({ ...readerOptions, maxLineBytes });
    else reader = spec.create(readerOptions);
  };
  if (options.format) open(formatSpec(options.format));
  const undecided: Array<[string, number]> = [];
  let skipDiagnostics = 0;
  // Lines (export: fields) holding bytes that are not UTF-8, as byte readers count them.
  let invalidUtf8Lines = 0;
  let firstInvalidUtf8Line = 0;
  // Skip diagnostics past the cap; a json-pretty object or export value skipped whole is one.
  let unlisted = 0;

  const fullSink: ReadSink = {
    entry(entry) {
      entries++;
      sink.entry(entry);
    },
    bootMarker: (id, line) => sink.bootMarker(id, line),
    systemdAnalyze(paste) {
      pastes++;
      sink.systemdAnalyze?.(paste);
    },
    skip(line, code, text, expected) {
      if (skipDiagnostics < maxDiagnostics) {
        skipDiagnostics++;
        diagnostics.push({ path, line, code, message: skipMessage(code, text, expected) });
      } else {
        unlisted++;
      }
    },
    note(line, code, detail) {
      if (code === 'invalid-utf8') {
        if (invalidUtf8Lines++ === 0) firstInvalidUtf8Line = line;
        return;
      }
      if (diagnostics.length < maxDiagnostics * 2) diagnostics.push({ path, line, code, message: noteMessage(code, detail) });
    },
    settle(lines, understood) {
      if (understood) parsed += lines;
      else skipped += lines;
    },
  };
  const feed = (text: string, lineNo: number) => {
    const understood = reader!.line(text, lineNo, fullSink);
    if (understood === true) parsed++;
    else if (understood === false) skipped++;
  };
  const onLine = (raw: string, lineNo: number) => {
    const text = splitter.lineMayHoldEscape ? cleanLine(raw) : raw;
    if (reader) return feed(text, lineNo);
    if (switchTo) return;
    if (isUndecided(text) && undecided.length < SNIFF_LINES) {
      undecided.push([text, lineNo]);
      return;
    }
    const spec = sniffFormat(text.trimStart());
    if (!spec) {
      throw new InputError('unknown-format', path,
        `${path}:${lineNo}: not a journal bootlens can read; expected journalctl output in one of ` +
        `${FORMATS.map((f) => f.format).join(', ')}, got ${JSON.stringify(excerpt(text))}`);
    }
    if (spec.bytes) {
      switchTo = spec;
      return;
    }
    reader = spec.create(readerOptions);
    for (const [t, n] of undecided) feed(t, n);
    undecided.length = 0;
    feed(text, lineNo);
  };
  const splitter = new LineSplitter(onLine, (lineNo, bytes, head) => {
    skipped++;
    fullSink.skip(lineNo, 'line-too-long', head, `at most ${maxLineBytes} bytes, got ${bytes}`);
  }, maxLineBytes);

  const switchToBytes = () => {
    open(switchTo!);
    // The byte reader reads and counts everything again from the first byte.
    undecided.length = 0;
    diagnostics.length = 0;
    parsed = skipped = skipDiagnostics = unlisted = 0;
    for (const h of held.splice(0)) (byteReader as unknown as ByteReader).push(h, fullSink);
  };
  let first = true;
  try {
    const limits = { gzipRatio: MAX_GZIP_RATIO };
    const chunks = bytesOf(source, options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES, options.onProgress, limits);
    for await (const chunk of chunks) {
      if (first && isJournalHead(chunk)) {
        // A binary journal file (journal-file/): read by its own reader, which counts entries.
        limits.gzipRatio = Number.POSITIVE_INFINITY;
        return await readJournalInput(source, chunk, chunks, sink, {
          maxLineBytes, maxInputBytes: options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES, maxDiagnostics,
          ...(options.onProgress ? { onProgress: (_path: string, bytes: number) => options.onProgress!(bytes) } : {}),
        });
      }
      first = false;
      if (byteReader) {
        (byteReader as ByteReader).push(chunk, fullSink);
        continue;
      }
      if (!reader) held.push(copyBytes(chunk)); // replayed to a byte reader after later chunks came
      splitter.push(chunk);
      if (switchTo) {
        switchToBytes();
      } else if (reader) {
        held.length = 0;
      }
    }
    if (!byteReader) {
      splitter.end();
      // The last line, without a newline, was the first to tell the format (`MESSAGE=x` alone).
      if (switchTo) switchToBytes();
    }
    if (byteReader) (byteReader as ByteReader).finish(fullSink);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const e = error as NodeJS.ErrnoException;
    if (e.code?.startsWith('Z_')) throw new InputError('unreadable', path, `${path}: broken gzip data (${e.message})`);
    if (e.code) throw new InputError('unreadable', path, errnoMessage(path, e));
    throw new InputError('unreadable', path, `${path}: cannot read (${e.message})`);
  }
  if (reader) (reader as LineReader).finish(fullSink);
  else if (!byteReader) parsed += undecided.length; // only chrome and blank lines: understood, but no entries

  const badUtf8 = byteReader ? invalidUtf8Lines : splitter.invalidUtf8Lines;
  if (badUtf8 > 0) {
    const line = byteReader ? firstInvalidUtf8Line : splitter.firstInvalidUtf8Line;
    diagnostics.push({ path, line, code: 'invalid-utf8', message: invalidUtf8Message(badUtf8) });
  }
  if (unlisted > 0) {
    diagnostics.push({ path, line: 0, code: 'diagnostics-capped', message: diagnosticsCappedMessage(unlisted) });
  }
  if (entries === 0 && pastes === 0) diagnostics.push({ path, line: 0, code: 'no-entries', message: emptyInputMessage() });
  return {
    summary: {
      path,
      format: reader ? (reader as LineReader).format : byteReader ? (byteReader as ByteReader).format : null,
      // A byte reader counts in its own units (export.ts says which), so lines is what it counted.
      lines: byteReader ? parsed + skipped : splitter.linesRead,
      parsed,
      entries,
      skipped,
    },
    diagnostics,
  };
}
