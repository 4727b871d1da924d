import type { Diagnostic } from '../model/diagnostic.js';
import type { InputFormat, InputSummary } from '../model/report.js';
import { emptyInputMessage, excerpt, invalidUtf8Message } from '../report/diagnostics.js';
import { copyBytes } from './bytes.js';
import { cleanLine } from './clean.js';
import { InputError } from './errors.js';
import { FORMATS, formatSpec } from './formats.js';
import { LineSplitter } from './lines.js';
import { bytesOf, errnoMessage, MAX_GZIP_RATIO, type InputSource } from './open.js';
import type { ByteReader, EntrySink } from './reader.js';
import { RegionDriver } from './regions.js';
import type { ScoutRequest } from './scout/chunks.js';
import { Tally } from './tally.js';
import { isTimeZone } from './wallclock.js';
import { isJournalHead, readJournalInput } from './journal-file/index.js';

export type { InputSource } from './open.js';

export interface ReadOptions {
  /** Skip format sniffing and read as this format. */
  format?: InputFormat;
  /**
   * With `format: 'cat'`: the input is a paste read as messages (read-inputs.ts's second look), so
   * its decorations (quote marks, inline code, emphasis around a line: decorations.ts) are taken
   * off as for every other format; `--input-format cat` keeps every line as it is.
   */
  pasted?: boolean;
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
  /** Called after each chunk read; when it returns a promise, reading waits for it (a stream's reader is behind). */
  pace?: () => Promise<void> | undefined;
  /** A large file is read ahead by a worker that also scouts its lines for these needle sets (parse/scout/). */
  scout?: ScoutRequest;
}

export interface ReadResult {
  summary: InputSummary;
  diagnostics: Diagnostic[];
}

/** Defaults of the input limits (README, "Limits and bad input"). */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
export const DEFAULT_MAX_INPUT_BYTES = 4 * 1024 ** 3;

/**
 * Reads one input to the end, handing entries to `sink`. Every line is counted: understood
 * (`parsed`) or `skipped` with a diagnostic. Throws `InputError` for input it cannot read at all.
 *
 * Opening (files, streams, gzip, limits) is open.ts; the lines are read as regions of formats by
 * regions.ts; counting and diagnostics are tally.ts. Export, whose values are framed by bytes, is
 * read by a byte reader from the first byte when the start of the input says so.
 */
export async function readInput(source: InputSource, sink: EntrySink, options: ReadOptions = {}): Promise<ReadResult> {
  const { path } = source;
  if (options.timeZone !== undefined && !isTimeZone(options.timeZone)) {
    throw new RangeError(`unknown time zone '${options.timeZone}' (expected an IANA name like Europe/Berlin)`);
  }
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const readerOptions = {
    path,
    ...(options.year !== undefined ? { year: options.year } : {}),
    ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
  };
  const tally = new Tally(path, options.maxDiagnostics ?? 1000, sink);
  const forced = options.format ? formatSpec(options.format) : undefined;
  let byteReader: ByteReader | null = forced?.bytes ? forced.bytes({ ...readerOptions, maxLineBytes }) : null;
  const regions = new RegionDriver(tally, readerOptions, forced?.bytes ? undefined : forced, options.pasted === true);
  // Chunks held while the input may still turn out to be export (replayed to its byte reader).
  const held: Buffer[] = [];
  const splitter = new LineSplitter((raw, lineNo) => {
    regions.line(splitter.lineMayHoldEscape ? cleanLine(raw) : raw, lineNo);
  }, (lineNo, bytes, head) => {
    tally.skipped++;
    tally.listSkip(lineNo, 'line-too-long', head, `at most ${maxLineBytes} bytes, got ${bytes}`);
  }, maxLineBytes);

  const switchToBytes = () => {
    byteReader = regions.byteFormat!.bytes!({ ...readerOptions, maxLineBytes });
    // The byte reader reads and counts everything again from the first byte.
    tally.reset();
    for (const h of held.splice(0)) byteReader.push(h, tally.sink);
  };
  let first = true;
  try {
    const limits = { gzipRatio: MAX_GZIP_RATIO };
    const chunks = bytesOf(source, options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES, options.onProgress, limits, options.scout);
    for await (const chunk of chunks) {
      if (first && isJournalHead(chunk)) {
        // A binary journal file (journal-file/): read by its own reader, which counts entries.
        limits.gzipRatio = Number.POSITIVE_INFINITY;
        return await readJournalInput(source, chunk, chunks, sink, {
          maxLineBytes, maxInputBytes: options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES, maxDiagnostics: options.maxDiagnostics ?? 1000,
          ...(options.onProgress ? { onProgress: (_path: string, bytes: number) => options.onProgress!(bytes) } : {}),
          ...(options.pace ? { pace: options.pace } : {}),
        });
      }
      first = false;
      if (byteReader) {
        (byteReader as ByteReader).push(chunk, tally.sink);
      } else {
        if (regions.undecided) held.push(copyBytes(chunk)); // replayed to a byte reader after later chunks came
        splitter.push(chunk);
        if (regions.byteFormat) switchToBytes();
        else if (!regions.undecided) held.length = 0;
      }
      const wait = options.pace?.();
      if (wait) await wait;
    }
    if (!byteReader) {
      splitter.end();
      regions.end();
      // The last line, without a newline, was the first to tell the format (`MESSAGE=x` alone).
      if (regions.byteFormat) switchToBytes();
    }
    if (byteReader) (byteReader as ByteReader).finish(tally.sink);
  } catch (error) {
    throw asInputError(path, error);
  }
  if (!byteReader && !regions.sawLog && regions.firstText !== null) {
    const [text, lineNo] = regions.firstText;
    // No line of the input is in a format bootlens reads (lines in none are skipped as not-log).
    throw new InputError('unknown-format', path,
      `${path}:${lineNo}: not a journal bootlens can read; expected journalctl output in one of ` +
      `${FORMATS.map((f) => f.format).join(', ')}, got ${JSON.stringify(excerpt(text))}`);
  }
  return { summary: summarize(tally, regions, byteReader, splitter), diagnostics: finalDiagnostics(tally, byteReader ? null : splitter) };
}

function asInputError(path: string, error: unknown): InputError {
  if (error instanceof InputError) return error;
  const e = error as NodeJS.ErrnoException;
  if (e.code?.startsWith('Z_')) return new InputError('unreadable', path, `${path}: broken gzip data (${e.message})`);
  if (e.code) return new InputError('unreadable', path, errnoMessage(path, e));
  return new InputError('unreadable', path, `${path}: cannot read (${e.message})`);
}

function summarize(tally: Tally, regions: RegionDriver, byteReader: ByteReader | null, splitter: LineSplitter): InputSummary {
  const listed = byteReader ? [] : regions.regions;
  return {
    path: tally.path,
    format: byteReader ? byteReader.format : regions.format,
    // A byte reader counts in its own units (export.ts says which), so lines is what it counted.
    lines: byteReader ? tally.parsed + tally.skipped : splitter.linesRead,
    parsed: tally.parsed,
    entries: tally.entries,
    skipped: tally.skipped,
    ...(listed.length > 1 || regions.regionsNotListed > 0 ? { regions: listed.map((r) => ({ ...r })) } : {}),
  };
}

/** The input's diagnostics with the per-input ones that come last: invalid UTF-8, the cap, no entries. */
function finalDiagnostics(tally: Tally, splitter: LineSplitter | null): Diagnostic[] {
  const { diagnostics, path } = tally;
  const badUtf8 = splitter ? splitter.invalidUtf8Lines : tally.invalidUtf8Lines;
  if (badUtf8 > 0) {
    const line = splitter ? splitter.firstInvalidUtf8Line : tally.firstInvalidUtf8Line;
    diagnostics.push({ path, line, code: 'invalid-utf8', message: invalidUtf8Message(badUtf8) });
  }
  const capped = tally.cappedDiagnostic();
  if (capped) diagnostics.push(capped);
  if (tally.entries === 0 && tally.pastes === 0) diagnostics.push({ path, line: 0, code: 'no-entries', message: emptyInputMessage() });
  return diagnostics;
}
