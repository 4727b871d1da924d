import type { JournalEntry } from '../model/entry.js';
import type { InputFormat } from '../model/report.js';

/** What a reader hands on: entries, the boot boundaries a paste marks, and lines it could not read. */
export interface ReadSink {
  entry(entry: JournalEntry): void;
  /** A `-- Boot <id> --` or `-- Reboot --` marker: the entries after it belong to a new boot. */
  bootMarker(bootId: string | null, line: number): void;
  /** A line that was not understood. `code` is a diagnostic code worded in `report/diagnostics.ts`. */
  skip(line: number, code: SkipCode, excerpt: string, expected?: string): void;
}

export type SkipCode =
  | 'unparsable-line'
  | 'invalid-json'
  | 'not-an-entry'
  | 'line-too-long';

/**
 * A reader of one line-oriented output mode. The driver splits the input into lines (any line
 * ending, CR stripped) and counts them; the reader says for each line whether it understood it.
 * A reader may hold one entry back (a multi-line message continues on the next line) and must hand
 * it on in `finish`.
 */
export interface LineReader {
  readonly format: InputFormat;
  /** Returns false when the line was skipped (after reporting why through `sink.skip`). */
  line(text: string, lineNo: number, sink: ReadSink): boolean;
  finish(sink: ReadSink): void;
}

export interface ReaderOptions {
  /** The path entries are attributed to (`-` for stdin). */
  path: string;
}

export type LineReaderFactory = (options: ReaderOptions) => LineReader;
