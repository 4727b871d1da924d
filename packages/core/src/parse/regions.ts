import type { InputFormat } from '../model/report.js';
import { pasteMarkup } from './chrome.js';
import { undecorate } from './decorations.js';
import { FORMATS, isChrome, isUndecided, type FormatSpec } from './formats.js';
import { withoutPrefix } from './prefix.js';
import { bareMessageEntry, isBareMessage } from './bare.js';
import { componentEntry } from './component.js';
import { LOOSE_STAMPED_LINE } from './stamped.js';
import type { LineReader, ReaderOptions } from './reader.js';
import type { Tally } from './tally.js';
import { YearEvidenceCollector, type YearEvidence } from './year-evidence.js';

/** A run of lines one reader read (issue 14): a paste is a sequence of them. */
export interface Region {
  format: InputFormat;
  firstLine: number;
  lastLine: number;
  /** Lines the reader understood or held (not-log lines between regions are not counted here). */
  lines: number;
}

/** How many lines from its first claimed line a window holds before formats that claim that line are compared. */
const WINDOW = 32;
/** Lines that decide nothing (blank, markers, hints) held while no format is chosen; past this they count as read. */
const MAX_HELD_CHROME = 200;
/** The look-ahead at the start of an input: lines read for stated dates before any is handed to a reader. */
const LOOKAHEAD_LINES = 2000;
const LOOKAHEAD_CHARS = 1 << 20;
/**
 * A line at least this long may have been wrapped by the terminal (80 columns) or the issue tracker
 * it was pasted into: a next line in no format continues it.
 */
const WRAP_WIDTH = 80;
/** Regions listed per input; later ones are counted, not listed. */
export const MAX_REGIONS = 1000;

type Line = readonly [text: string, lineNo: number];

/**
 * Reads the lines of one input as a sequence of regions, each in one format (issue 14).
 *
 * A line goes to the reader of the current region. When that reader does not take it, the line is
 * one of three things: a garbled line of the same format (its own format still claims it: skipped
 * as the reader said), the start of another region (another format claims it: formats are compared
 * over a window of the lines from there, and the one that claims most of them wins, ties going to
 * the more specific format), or no log line at all (a prompt, a command, prose, a fence, an
 * elision: skipped as `not-log`, and the current region goes on). Readers are kept when their
 * region ends, so a journal interrupted by a prompt and resumed goes on with the same reader (its
 * year, zone and held entry). Byte formats (export) can only be the whole input: they are chosen
 * only by the first decision, before any line was skipped.
 *
 * The fast path is one call into the current reader per line; formats are compared only where a
 * region may start, and a line is compared at most once per window it starts or sits in.
 */
export class RegionDriver {
  /** A byte format the input turned out to be: the caller hands the bytes to its reader instead. */
  byteFormat: FormatSpec | null = null;
  /** True once any region was chosen: the input holds log lines. */
  sawLog = false;
  /** The first line that was neither blank nor paste chrome, for the "no log here" error. */
  firstText: Line | null = null;
  readonly regions: Region[] = [];
  /** Regions past MAX_REGIONS, counted. */
  regionsNotListed = 0;

  private current: { spec: FormatSpec; reader: LineReader } | null = null;
  private readonly readers = new Map<InputFormat, LineReader>();
  private readonly opened: LineReader[] = [];
  private pending: Line[] = [];
  private region: Region | null = null;
  private regionReader: LineReader | null = null;
  private decisions = 0;
  /** The shape of the last prefix a line was read behind (prefixShapeOf), or null. */
  private prefixShape: string | null = null;
  /** The line it was remembered at. */
  private prefixLine = -1;
  /** The line number of the last line the current reader took when it was as long as a wrapped line, else -1. */
  private lastTaken = -1;
  /** The last character of that line. */
  private lastEnd = 0;

  /**
   * The first lines of the input, held until LOOKAHEAD_LINES or LOOKAHEAD_CHARS are read (or the
   * input ends), so that readers of stamps without a year can take it from the dates the input
   * states (year-evidence.ts). Null once handed on, or when the year was given.
   */
  private ahead: Line[] | null = [];
  private aheadChars = 0;
  /** The look-ahead's lines while they are handed on: dates are read from them when a reader first asks. */
  private aheadLines: Line[] = [];
  private dates: YearEvidenceCollector | null = null;

  constructor(
    private readonly tally: Tally,
    private readonly readerOptions: ReaderOptions,
    forced?: FormatSpec,
    pasted = false,
  ) {
    this.forced = forced !== undefined;
    this.verbatim = forced?.format === 'cat' && !pasted;
    if (readerOptions.year === undefined) {
      // Read when a reader first asks: most formats print a year and never do, and reading dates
      // costs a regex scan per line.
      this.readerOptions = { ...readerOptions, yearEvidence: () => this.yearEvidence() };
    } else {
      this.ahead = null;
    }
    if (forced) this.choose(forced);
  }

  /** `--input-format`: one reader reads every line, and a line it does not take is skipped as it says. */
  private readonly forced: boolean;
  /** `--input-format cat`: every line is a message as it stands, decorations included. */
  private readonly verbatim: boolean;

  /** True while the input may still turn out to be a byte format: the caller holds its chunks until then. */
  get undecided(): boolean {
    return this.byteFormat === null && this.decisions === 0 && this.tally.skipped === 0;
  }

  /** True while lines are held by the look-ahead (nothing was handed to a reader yet). */
  get lookingAhead(): boolean {
    return this.ahead !== null;
  }

  /** One line of the input, as read: its decorations (decorations.ts) are removed first. */
  line(raw: string, lineNo: number): void {
    this.route(this.verbatim ? raw : undecorate(raw), lineNo);
  }

  private route(text: string, lineNo: number): void {
    if (this.ahead !== null) {
      this.lookAhead(text, lineNo);
      return;
    }
    // The fast path: a region is open and nothing waits for a decision.
    if (this.current !== null && this.pending.length === 0) {
      this.feed(text, lineNo);
      return;
    }
    // The input is a byte format (no region is open then): its reader reads every byte again from the first (input.ts).
    if (this.byteFormat !== null) return;
    this.pending.push([text, lineNo]);
    this.decide(false);
  }

  /** Decides what is still pending and finishes every reader. */
  end(): void {
    this.handOnLookAhead();
    this.decide(true);
    // Only chrome lines and no format: understood, but nothing to read them with (a waiting stamped line is no log).
    for (const [text, lineNo] of this.pending.splice(0)) {
      if (!waitsStamped(text)) {
        this.countChrome(text);
        continue;
      }
      this.tally.listSkip(lineNo, 'not-log', text);
      this.tally.skipped++;
    }
    for (const reader of this.opened) reader.finish(this.tally.sink);
    this.closeRegion();
  }

  /** The format most of the input's lines were read in (the current reader's when none took a line), or null. */
  get format(): InputFormat | null {
    const byFormat = new Map<InputFormat, number>();
    let best: InputFormat | null = null;
    for (const r of this.regions) {
      const n = (byFormat.get(r.format) ?? 0) + r.lines;
      byFormat.set(r.format, n);
      if (best === null || n > byFormat.get(best)!) best = r.format;
    }
    return best ?? this.current?.reader.format ?? null;
  }

  private lookAhead(text: string, lineNo: number): void {
    this.ahead!.push([text, lineNo]);
    this.aheadChars += text.length;
    if (this.ahead!.length >= LOOKAHEAD_LINES || this.aheadChars >= LOOKAHEAD_CHARS) this.handOnLookAhead();
  }

  private handOnLookAhead(): void {
    const held = this.ahead;
    if (held === null) return;
    this.ahead = null;
    this.aheadLines = held;
    for (const [text, lineNo] of held) this.route(text, lineNo);
    this.aheadLines = [];
  }

  /** The dates of the look-ahead's lines, read the first time a reader asks (at its first stamp, while they are handed on). */
  private yearEvidence(): YearEvidence {
    if (this.dates === null) {
      this.dates = new YearEvidenceCollector();
      for (const [text, lineNo] of this.aheadLines) this.dates.add(text, lineNo);
    }
    return this.dates.evidence;
  }

  /** Gives one line to the current reader and sorts out a line it does not take. */
  private feed(text: string, lineNo: number): void {
    const { spec, reader } = this.current!;
    if (spec.loose && !this.forced && this.claimedElsewhere(text, spec)) {
      // A loose reader takes any line: one another format claims starts that format's region.
      this.current = null;
      this.pending.push([text, lineNo]);
      this.decide(false);
      return;
    }
    if (this.offer(reader, text, lineNo)) {
      // The last character read once (every line comes here).
      const last = text.charCodeAt(text.length - 1);
      this.lastTaken = wrappableEnd(text.length, last) ? lineNo : -1;
      this.lastEnd = last;
      return;
    }
    this.notTaken(text, lineNo);
  }

  /** Sorts out a line the current reader did not take: markup, its own garbled line, another region, a prefix, a wrap, a bare message, or no log. */
  private notTaken(text: string, lineNo: number): void {
    const { spec, reader } = this.current!;
    const tally = this.tally;
    const trimmed = text.trimStart();
    if (this.wrapsLast(text, trimmed, lineNo, spec)) {
      // The rest of the line before it, which a terminal or an issue tracker wrapped: part of that entry.
      tally.dropStash(lineNo);
      reader.wrapped?.(text);
      tally.parsed++;
      this.lastTaken = wrappable(text) ? lineNo : -1;
      this.lastEnd = text.charCodeAt(text.length - 1);
      return;
    }
    // Not a wrap: the reader hands on the entry it kept for one (reader.ts).
    reader.release?.(tally.sink);
    if (!this.forced && pasteMarkup(text)) {
      // A command or a fence its reader does not take (`systemd-analyze` alone claims the analyze format): understood.
      tally.dropStash(lineNo);
      tally.parsed++;
      return;
    }
    if (this.forced || spec.sniff(trimmed)) {
      // A line of this format that its reader could not read: skipped as the reader said.
      tally.commitStash();
      tally.skipped++;
      return;
    }
    if (claimers(trimmed, false).length === 0) {
      // No log line at all: the region goes on after it.
      const rest = withoutPrefix(text, claimedBehindPrefix);
      if (rest !== null) {
        // A log line behind a prefix (prefix.ts): read as the line after it.
        tally.dropStash(lineNo);
        this.notePrefix(text, rest, lineNo);
        this.feedUnprefixed(rest, lineNo);
        return;
      }
      const after = this.prefixShape === null ? -1 : samePrefixEnd(text, this.prefixShape);
      if (after !== -1) {
        // Behind the prefix the lines before had: the reader's line, or the prefixing tool's own.
        tally.dropStash(lineNo);
        this.prefixedOwnLine(text.slice(after), lineNo);
        return;
      }
      if (isBareMessage(text)) {
        // A program's own error or systemctl's report (bare.ts): a message without time.
        tally.dropStash(lineNo);
        this.bareMessage(text, lineNo);
        return;
      }
      tally.restash(lineNo, 'not-log');
      tally.skipped++;
      this.noteText(text, lineNo);
      return;
    }
    // Another format's line: a region may start here.
    tally.dropStash(lineNo);
    this.current = null;
    this.pending.push([text, lineNo]);
    this.decide(false);
  }

  /**
   * True when the line continues the one before it as a terminal wrapped it: that line was taken and
   * long enough, this one is no markup, no line of any format (as it stands or behind a prefix), and
   * does not start a message of its own.
   */
  private wrapsLast(text: string, trimmed: string, lineNo: number, spec: FormatSpec): boolean {
    if (this.forced || this.lastTaken !== lineNo - 1 || lineNo <= 1 || !continuesWrapped(text, this.lastEnd)) return false;
    if (pasteMarkup(text) || spec.sniff(trimmed) || claimers(trimmed, false).length > 0) return false;
    return withoutPrefix(text, claimedBehindPrefix) === null;
  }

  /** A message a program printed without a logger: an entry without time, in input order. */
  private bareMessage(text: string, lineNo: number): void {
    this.tally.sink.entry(bareMessageEntry(this.readerOptions.path, lineNo, text));
    this.tally.parsed++;
  }

  /** Hands the line to the reader, its diagnostics held until it says whether it took the line; true when it did. */
  private offer(reader: LineReader, text: string, lineNo: number): boolean {
    const tally = this.tally;
    tally.stashing = true;
    const taken = reader.line(text, lineNo, tally.sink);
    if (taken === false) return false;
    tally.commitStash();
    if (taken === true) tally.parsed++;
    this.took(reader, lineNo);
    return true;
  }

  /** A line behind a prefix: to the current reader when it takes it, else where a region may start. */
  private feedUnprefixed(rest: string, lineNo: number): void {
    const { reader } = this.current!;
    const tally = this.tally;
    if (this.offer(reader, rest, lineNo)) return;
    tally.dropStash(lineNo);
    reader.release?.(tally.sink);
    this.current = null;
    this.pending.push([rest, lineNo]);
    this.decide(false);
  }

  /**
   * Remembers the shape of the prefix a line was read behind when it holds a number (a stamp, a
   * pod's hash: `29471s `, digits as one mark); a bullet, a level or emphasis is not remembered.
   */
  private notePrefix(text: string, rest: string, lineNo: number): void {
    const shape = text.endsWith(rest) ? prefixShapeOf(text.slice(0, text.length - rest.length)) : '';
    this.prefixShape = shape.includes('0') ? shape : null;
    this.prefixLine = this.prefixShape === null ? -1 : lineNo;
  }

  /**
   * A line in no format behind the prefix the lines before it had (a test harness's or a serial
   * logger's stamp, `29473s See 'systemctl status …' for details.`): the current reader's when it
   * takes it, else markup, else a message of the tool that prefixed the lines (`30163s made it to
   * the test rootfs!`), without time.
   */
  private prefixedOwnLine(rest: string, lineNo: number): void {
    const { reader } = this.current!;
    const tally = this.tally;
    if (this.offer(reader, rest, lineNo)) return;
    tally.dropStash(lineNo);
    tally.parsed++;
    const message = rest.trim();
    if (message === '' || pasteMarkup(message)) return;
    tally.sink.entry(componentEntry(this.readerOptions.path, lineNo, message, null, null, null));
  }

  /**
   * Chooses a format for the pending lines when it can: at the first line some format claims, once
   * the window from there is full (or at once when only one format claims it, or at the end).
   * Lines before it that no format claims are not log lines.
   */
  private decide(final: boolean): void {
    while (this.current === null && this.pending.length > 0) {
      let first = -1;
      let candidates: FormatSpec[] = [];
      let chrome = 0;
      for (let i = 0; i < this.pending.length; i++) {
        const [text, lineNo] = this.pending[i]!;
        // An indented paste's boot marker (` -- Reboot --`) is chrome too: its reader trims it. A
        // stamped line no format claims (`2024-10-15T17:30:14Z chronyd version 4.6.1 starting`)
        // waits for the lines after it: read if they open a stamped region, else no log.
        if (isUndecided(text) || (text.charCodeAt(0) === 0x20 && isChrome(text.trimStart())) || waitsStamped(text)) {
          chrome++;
          // `-- text` waits for the journal it may be catalog text of; alone it is no log (the error names it).
          if (!isChrome(text)) this.noteText(text, lineNo);
          continue;
        }
        this.noteText(text, lineNo);
        const trimmed = text.trimStart();
        let found = claimers(trimmed, this.undecided);
        const rest = found.length === 0 && !pasteMarkup(text) ? withoutPrefix(text, claimedBehindPrefix) : null;
        if (rest !== null) {
          // A log line behind a prefix (prefix.ts): decided and read as the line after it.
          this.notePrefix(text, rest, lineNo);
          this.pending[i] = [rest, lineNo];
          found = claimers(rest.trimStart(), false);
        }
        if (found.length === 0) {
          // Not a log line: skipped now, the lines held around it stay. A fence, prompt or elision is understood.
          this.pending.splice(i--, 1);
          if (pasteMarkup(text)) {
            this.tally.parsed++;
            continue;
          }
          if (isBareMessage(text)) {
            this.bareMessage(text, lineNo);
            continue;
          }
          this.tally.listSkip(lineNo, 'not-log', text);
          this.tally.skipped++;
          continue;
        }
        first = i;
        candidates = found;
        break;
      }
      if (first === -1) {
        // Only chrome so far: hold it (boot markers belong to the region that follows), within limits.
        if (chrome > MAX_HELD_CHROME) for (const [text] of this.pending.splice(0, chrome - MAX_HELD_CHROME)) this.countChrome(text);
        return;
      }
      // Formats are compared on what follows the prefix the first line had, where the lines have it too.
      const shape = this.pending[first]![1] === this.prefixLine ? this.prefixShape : null;
      const window = this.pending.slice(first, first + WINDOW).map(([t]) => behindShape(t, shape).trimStart());
      const byteOk = this.undecided;
      candidates = candidates.filter((c) => !c.bytes || (byteOk && (c.confirm?.(window) ?? true)));
      if (candidates.length === 0) {
        // Only a byte format claimed it, where one cannot start: not a log line.
        const [text, lineNo] = this.pending.splice(first, 1)[0]!;
        this.tally.listSkip(lineNo, 'not-log', text);
        this.tally.skipped++;
        continue;
      }
      if (candidates.length > 1 && !final && this.pending.length - first < WINDOW) return;
      const spec = best(candidates, window);
      this.decisions++;
      if (spec.bytes) {
        this.byteFormat = spec;
        this.sawLog = true;
        this.pending.length = 0;
        return;
      }
      this.choose(spec);
      const lines = this.pending.splice(0);
      for (const [text, lineNo] of lines) {
        if (this.current !== null && this.pending.length === 0) this.feed(text, lineNo);
        else this.pending.push([text, lineNo]);
      }
    }
  }

  /** Makes `spec` the current region's format, resuming its reader if it read an earlier region. */
  private choose(spec: FormatSpec): void {
    let reader = this.readers.get(spec.format);
    if (!reader) {
      reader = spec.create!(this.readerOptions);
      this.readers.set(spec.format, reader);
      this.opened.push(reader);
    }
    this.current = { spec, reader };
    this.sawLog = true;
  }

  private took(reader: LineReader, lineNo: number): void {
    const region = this.region;
    if (region !== null && this.regionReader === reader) {
      region.lastLine = lineNo;
      region.lines++;
      return;
    }
    this.closeRegion();
    this.regionReader = reader;
    this.region = { format: reader.format, firstLine: lineNo, lastLine: lineNo, lines: 1 };
    if (this.regions.length < MAX_REGIONS) this.regions.push(this.region);
    else this.regionsNotListed++;
  }

  /** True when a format other than `spec` claims the line (loose regions: formats.ts). */
  private claimedElsewhere(text: string, spec: FormatSpec): boolean {
    if (isUndecided(text)) return false;
    const trimmed = text.trimStart();
    return claimers(trimmed, false).some((c) => c !== spec && !c.weak);
  }

  /** with-unit looks like short-full until a unit name shows up: a region takes the format its reader ended with. */
  private closeRegion(): void {
    if (this.region !== null && this.regionReader !== null) this.region.format = this.regionReader.format;
  }

  private countChrome(text: string): void {
    void text;
    this.tally.parsed++;
  }

  private noteText(text: string, lineNo: number): void {
    if (this.firstText === null && text.trim() !== '') this.firstText = [text, lineNo];
  }
}

/** The formats that claim a line (most specific first); byte formats only where one may start. */
function claimers(trimmed: string, bytesToo: boolean): FormatSpec[] {
  const out: FormatSpec[] = [];
  for (const f of FORMATS) if ((bytesToo || !f.bytes) && f.sniff(trimmed)) out.push(f);
  return out;
}

/** A prefix with each run of digits as one `0`: `29471s ` and `30163s ` are alike, `INFO - ` is itself. */
function prefixShapeOf(prefix: string): string {
  let out = '';
  for (let p = 0; p < prefix.length; p++) {
    const c = prefix.charCodeAt(p);
    if (c >= 0x30 && c <= 0x39) {
      if (p === 0 || !isDigitCode(prefix.charCodeAt(p - 1))) out += '0';
    } else {
      out += prefix[p];
    }
  }
  return out;
}

/** Where the line goes on after a prefix of `shape` (prefixShapeOf), or -1 when it does not start with one. */
function samePrefixEnd(text: string, shape: string): number {
  let p = 0;
  for (let s = 0; s < shape.length; s++) {
    const want = shape.charCodeAt(s);
    if (want === 0x30) {
      const start = p;
      while (p < text.length && isDigitCode(text.charCodeAt(p)) && p - start < 20) p++;
      if (p === start) return -1;
    } else if (text.charCodeAt(p) === want) {
      p++;
    } else {
      return -1;
    }
  }
  return p < text.length ? p : -1;
}

/** The line after a prefix of `shape`, or the line when it has none (or no shape is given). */
function behindShape(text: string, shape: string | null): string {
  const at = shape === null ? -1 : samePrefixEnd(text, shape);
  return at === -1 ? text : text.slice(at);
}

const isDigitCode = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** A line a terminal may have wrapped: as long as a terminal is wide, and not ending in a blank (the line ended there). */
function wrappable(text: string): boolean {
  return wrappableEnd(text.length, text.charCodeAt(text.length - 1));
}

/** wrappable, given the line's length and its last character. */
function wrappableEnd(length: number, last: number): boolean {
  return length >= WRAP_WIDTH && last > 0x20;
}

/**
 * A line that may be the rest of a wrapped one (`lastEnd`: the wrapped line's last character): not
 * the start of a message of its own, which starts with a capitalized word (`Error: …`) or a bracket
 * (`[WARNING] …`) or journalctl's `-- `; and where the line before ended a word (`… no resources.`), not a word (`and here
 * it stops`) either: a cut inside a word or a number (`on eth` / `black`, `10.10.` / `0.1`) is a wrap.
 */
function continuesWrapped(text: string, lastEnd: number): boolean {
  const c = text.charCodeAt(0);
  if (c === 0x5b || c === 0x28) return false;
  const d = text.charCodeAt(1);
  // journalctl's own marks start a line of their own: `-- Boot …`, `-- Reboot --`, catalog text (`-- The unit …`).
  if (c === 0x2d && d === 0x2d && text.charCodeAt(2) === 0x20) return false;
  if (isUpper(c) && d >= 0x61 && d <= 0x7a) return false;
  return isAlnum(lastEnd) || !(isUpper(c) || (c >= 0x61 && c <= 0x7a));
}

const isUpper = (c: number): boolean => c >= 0x41 && c <= 0x5a;
const isAlnum = (c: number): boolean => isUpper(c) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

/** A stamped line that no format claims as it stands (its message in lower case): it waits for a region (decide). */
function waitsStamped(text: string): boolean {
  const c = text.charCodeAt(0);
  return c >= 0x30 && c <= 0x39 && LOOSE_STAMPED_LINE.test(text) && !claimedPlainly(text);
}

/** Behind a prefix, a stamped line in lower case is a stamped line too (`F 2021-02-17T09:26:46.444366Z failed to listen …`). */
function claimedBehindPrefix(trimmed: string): boolean {
  return claimedPlainly(trimmed) || LOOSE_STAMPED_LINE.test(trimmed);
}

/** True when a line format whose lines say what they are claims the line (not a loose or weak one, which takes prose). */
function claimedPlainly(trimmed: string): boolean {
  for (const f of FORMATS) if (!f.bytes && !f.loose && !f.weak && f.sniff(trimmed)) return true;
  return false;
}

/** The candidate that claims most lines of the window (its own `fit` where it has one); ties go to the first. */
function best(candidates: readonly FormatSpec[], window: readonly string[]): FormatSpec {
  if (candidates.length === 1) return candidates[0]!;
  let chosen = candidates[0]!;
  let top = -1;
  for (const c of candidates) {
    const score = c.fit ? c.fit(window) : window.reduce((n, l) => (c.sniff(l) ? n + 1 : n), 0);
    if (score > top) {
      top = score;
      chosen = c;
    }
  }
  return chosen;
}
