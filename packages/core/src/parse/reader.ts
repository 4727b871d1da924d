import type { JournalEntry, SourceRef } from '../model/entry.js';
import type { InputFormat } from '../model/report.js';
import type { SystemdAnalyzePaste } from '../model/systemd-analyze.js';
import type { YearEvidence } from './year-evidence.js';

/** What a reader hands on: entries, the boot boundaries a paste marks, and lines it could not read. */
export interface ReadSink {
  entry(entry: JournalEntry): void;
  /** A `-- Boot <id> --` or `-- Reboot --` marker: the entries after it belong to a new boot. */
  bootMarker(bootId: string | null, line: number): void;
  /** A line that was not understood. `code` is a diagnostic code worded in `report/diagnostics.ts`. */
  skip(line: number, code: SkipCode, excerpt: string, expected?: string): void;
  /**
   * An assumption or a loss the reader had to accept while still reading the line (a guessed year,
   * a guessed zone, a line the pager cut). Worded in `report/diagnostics.ts`; does not change counts.
   */
  note(line: number, code: NoteCode, detail: string): void;
  /**
   * Counts lines a reader held back (a json-pretty object, an export entry) once it knows whether
   * it understood them. Readers that answer every `line()` call with true/false never call it.
   */
  settle(lines: number, understood: boolean): void;
  /** A systemd-analyze paste (time, blame, critical-chain), handed on once at `finish`. */
  systemdAnalyze?(paste: SystemdAnalyzePaste): void;
  /** A boot a `journalctl --list-boots` listing names (one per row). */
  bootListed?(boot: ListedBoot): void;
}

/** One row of `journalctl --list-boots`. */
export interface ListedBoot {
  /** journalctl's `-b` offset as listed: 0 the last boot, -1 the one before. */
  offset: number;
  bootId: string;
  /** Microseconds since the epoch of the boot's first and last entries, null where the row did not say. */
  firstRealtimeUs: number | null;
  lastRealtimeUs: number | null;
  source: SourceRef;
}

/** What the driver hands on to: a ReadSink without the counting and the diagnostics it keeps itself. */
export type EntrySink = Omit<ReadSink, 'skip' | 'note' | 'settle'>;

export type NoteCode =
  | 'year-assumed'
  | 'zone-assumed'
  | 'line-truncated'
  | 'no-time'
  /** Lines with an identifier but neither time nor host (`sshd[1209]: …`, identifier-only.ts). */
  | 'no-time-host'
  | 'blob-value'
  | 'bootup-not-finished'
  /** No line was in a log format, yet some held messages bootlens recognizes: read as `cat` (read-inputs.ts). */
  | 'read-as-messages'
  /** Bytes that are not UTF-8 (read as U+FFFD): counted, and reported once per input with the count. */
  | 'invalid-utf8';

export type SkipCode =
  | 'unparsable-line'
  | 'invalid-json'
  | 'not-an-entry'
  | 'line-too-long'
  | 'unparsable-analyze-line'
  /** The input ends inside an entry (export, json-pretty, verbose): the entry is left out, what came before kept. */
  | 'partial-entry'
  /** A line in no log format: a shell prompt, a command, prose, a Markdown fence, an HTML tag, an elision (`[...]`). */
  | 'not-log';

/**
 * A reader of one line-oriented output mode. The driver splits the input into lines (any line
 * ending, CR stripped) and counts them; the reader says for each line whether it understood it.
 * A reader may hold one entry back (a multi-line message continues on the next line) and must hand
 * it on in `finish`.
 */
export interface LineReader {
  readonly format: InputFormat;
  /**
   * Returns false when the line was skipped (after reporting why through `sink.skip`), true when it
   * was understood, or null when the reader holds it and will count it later through `sink.settle`.
   */
  line(text: string, lineNo: number, sink: ReadSink): boolean | null;
  /**
   * The line after the one it last took continues that line as a terminal or an issue tracker
   * wrapped it (the driver decides: regions.ts). A reader that still holds that line's entry
   * appends the text to its message; others need not have this.
   */
  wrapped?(text: string): void;
  /**
   * A reader that keeps the entry of a line it could not read after it (for `wrapped`) hands it on
   * here: the driver calls this for every line it did not take that is no wrap.
   */
  release?(sink: ReadSink): void;
  finish(sink: ReadSink): void;
}

export interface ReaderOptions {
  /** The path entries are attributed to (`-` for stdin). */
  path: string;
  /** Year of the first entry, for modes that print none (short, short-precise). */
  year?: number;
  /**
   * Dates the input states in its first lines (year-evidence.ts), for modes that print no year when
   * `year` is not given: read when first asked (at a reader's first stamp).
   */
  yearEvidence?: () => YearEvidence;
  /** IANA zone (`Europe/Berlin`) of stamps printed without one (short, short-precise). */
  timeZone?: string;
}

export type LineReaderFactory = (options: ReaderOptions) => LineReader;

/**
 * A reader that needs the bytes themselves, not lines: the export format frames binary field values
 * by length, and those values may hold newlines or invalid UTF-8. It counts what it reads through
 * `sink.settle`, in units it documents (export: one line per text field or blank line, one per
 * binary field whatever bytes it holds), so `lines == parsed + skipped` holds for it too.
 */
export interface ByteReader {
  readonly format: InputFormat;
  /** `chunk` is only valid during the call (its buffer is reused for the next read): copy what you keep. */
  push(chunk: Buffer, sink: ReadSink): void;
  finish(sink: ReadSink): void;
}

export type ByteReaderFactory = (options: ReaderOptions & { maxLineBytes: number }) => ByteReader;
