import type { Diagnostic } from '../model/diagnostic.js';
import { diagnosticsCappedMessage, noteMessage, skipMessage } from '../report/diagnostics.js';
import type { EntrySink, NoteCode, ReadSink, SkipCode } from './reader.js';

/** A skip a reader reported while the region driver was asking it about one line (see `stash`). */
interface StashedSkip {
  line: number;
  code: SkipCode;
  text: string;
  expected: string | undefined;
}

/**
 * The counts and diagnostics of one input, and the ReadSink readers write to. Every line ends up
 * `parsed` or `skipped`; skipped lines are listed as diagnostics up to a cap, the count stays exact.
 *
 * The region driver (regions.ts) may ask a reader about a line that turns out to start another
 * region: while `stashing`, skip diagnostics are held back, and the driver then keeps them
 * (`commitStash`), rewords them (`restash`) or drops them (`dropStash`, the line was read elsewhere).
 */
export class Tally {
  readonly diagnostics: Diagnostic[] = [];
  parsed = 0;
  skipped = 0;
  entries = 0;
  /** systemd-analyze pastes and --list-boots rows: input without journal entries, but not empty. */
  pastes = 0;
  /** Lines (export: fields) holding bytes that are not UTF-8, as byte readers count them. */
  invalidUtf8Lines = 0;
  firstInvalidUtf8Line = 0;
  private skipDiagnostics = 0;
  /** Skip diagnostics past the cap; a json-pretty object or export value skipped whole is one. */
  private unlisted = 0;
  stashing = false;
  private stashed: StashedSkip[] = [];
  readonly sink: ReadSink;

  constructor(readonly path: string, private readonly maxDiagnostics: number, target: EntrySink) {
    // One object for the whole input: readers call entry() per entry, so it stays a plain method.
    this.sink = {
      entry: (entry) => {
        this.entries++;
        target.entry(entry);
      },
      bootMarker: (id, line) => target.bootMarker(id, line),
      systemdAnalyze: (paste) => {
        this.pastes++;
        target.systemdAnalyze?.(paste);
      },
      bootListed: (boot) => {
        this.pastes++;
        target.bootListed?.(boot);
      },
      skip: (line, code, text, expected) => {
        if (this.stashing) this.stashed.push({ line, code, text, expected });
        else this.listSkip(line, code, text, expected);
      },
      note: (line, code, detail) => this.note(line, code, detail),
      settle: (lines, understood) => {
        if (understood) this.parsed += lines;
        else this.skipped += lines;
      },
    };
  }

  /** Lists a skipped line (the caller counts it). */
  listSkip(line: number, code: SkipCode, text: string, expected?: string): void {
    if (this.skipDiagnostics < this.maxDiagnostics) {
      this.skipDiagnostics++;
      this.diagnostics.push({ path: this.path, line, code, message: skipMessage(code, text, expected) });
    } else {
      this.unlisted++;
    }
  }

  note(line: number, code: NoteCode, detail: string): void {
    if (code === 'invalid-utf8') {
      if (this.invalidUtf8Lines++ === 0) this.firstInvalidUtf8Line = line;
      return;
    }
    if (this.diagnostics.length < this.maxDiagnostics * 2) this.diagnostics.push({ path: this.path, line, code, message: noteMessage(code, detail) });
  }

  /** Keeps the held skips as the reader worded them. */
  commitStash(): void {
    this.stashing = false;
    // Called for every line a reader takes: nothing to allocate when nothing was held (nearly always).
    if (this.stashed.length === 0) return;
    for (const s of this.stashed.splice(0)) this.listSkip(s.line, s.code, s.text, s.expected);
  }

  /** Drops the held skips of `line` (it was read by another region), keeps any others. */
  dropStash(line: number): void {
    this.stashing = false;
    for (const s of this.stashed.splice(0)) if (s.line !== line) this.listSkip(s.line, s.code, s.text, s.expected);
  }

  /** Rewords the held skips of `line` as `code` (it is not a log line at all), keeps any others. */
  restash(line: number, code: SkipCode, expected?: string): void {
    this.stashing = false;
    for (const s of this.stashed.splice(0)) {
      if (s.line === line) this.listSkip(s.line, code, s.text, expected);
      else this.listSkip(s.line, s.code, s.text, s.expected);
    }
  }

  /** Starts over (a byte reader reads everything again from the first byte). */
  reset(): void {
    this.diagnostics.length = 0;
    this.parsed = this.skipped = this.skipDiagnostics = this.unlisted = 0;
    this.stashed.length = 0;
    this.stashing = false;
  }

  /** The diagnostic that says how many skips were not listed, if any. */
  cappedDiagnostic(): Diagnostic | null {
    return this.unlisted > 0 ? { path: this.path, line: 0, code: 'diagnostics-capped', message: diagnosticsCappedMessage(this.unlisted) } : null;
  }
}
