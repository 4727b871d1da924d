import P from 'parsimmon';
import type { JournalEntry } from '../model/entry.js';
import { catalogText, pasteChrome } from './chrome.js';
import { noteMessageSource, noteScoutedSets } from './message-source.js';
import { FIELD, KIND, RECORD } from './scout/scan.js';
import { lineScout } from './scout/state.js';
import { embeddedEnd, embeddedKernelStamp } from './dmesg.js';
import type { LineReader, ReadSink, ReaderOptions } from './reader.js';
import type { InputFormat } from '../model/report.js';

/** What follows the timestamp in every short mode: `host identifier[pid]: message`. */
export interface SyslogTail {
  /** Null when the paste left the host out (`Jul 14 11:09:10 systemd-networkd[561]: …`, systemd#23649). */
  hostname: string | null;
  identifier: string;
  pid: number | null;
  /** Column (0-based, in the whole line) where the message starts; continuation lines are indented to it. */
  messageColumn: number;
  message: string;
}

// Sticky regexes run in place (parsimmon's P.regexp slices the input at every call).
// A host name never holds `[` or `:`, so a first word that does is the identifier of a paste that
// left the host out: `systemd-networkd[561]:`, `kernel:`. That makes the missing host unambiguous.
const HOST = /([^\s[:]+) /y;
// The identifier runs to the `[pid]` or to the `: ` that ends the prefix. journalctl prints the
// colon even for an empty message, so the space after it is optional.
const IDENT = /([^\s[:][^[:]*?)(?:\[(\d+)\])?:(?: |$)/y;

function tailAt(input: string, at: number, hostname: string | null): SyslogTail | null {
  IDENT.lastIndex = at;
  const m = IDENT.exec(input);
  if (!m) return null;
  const end = IDENT.lastIndex;
  return {
    hostname,
    identifier: m[1]!,
    pid: m[2] === undefined ? null : Number(m[2]),
    messageColumn: end,
    message: input.slice(end),
  };
}

/**
 * `host identifier[pid]: message` from `at` to the end of the line, or null: the reference, as the
 * regexes HOST and IDENT say it. `readSyslogTail` gives the same answers without them (issue 9);
 * test/performance.test.ts checks that the two agree on every line of every sample.
 */
export function readSyslogTailReference(input: string, at: number): SyslogTail | null {
  HOST.lastIndex = at;
  const host = HOST.exec(input);
  if (host) {
    const tail = tailAt(input, HOST.lastIndex, host[1]!);
    if (tail) return tail;
  }
  return tailAt(input, at, null);
}

/** What `\s` matches in a regex (ECMAScript WhiteSpace and LineTerminator). */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff;
}

// The result of the last successful `scanIdent`: where the identifier ends, its pid, where the message starts.
let identEnd = 0;
let identPid: number | null = null;
let identMessageAt = 0;

/**
 * IDENT (`([^\s[:][^[:]*?)(?:\[(\d+)\])?:(?: |$)`) at `at`, by hand. The lazy run cannot pass a `[`
 * or a `:`, so the regex can only end the identifier at the first of them after its first
 * character: there it needs `[digits]:` or `:`, then a space or the end of the line.
 */
function scanIdent(input: string, at: number): boolean {
  const n = input.length;
  if (at >= n) return false;
  const c0 = input.charCodeAt(at);
  if (c0 === 0x5b || c0 === 0x3a || isSpace(c0)) return false;
  let p = at + 1;
  let c = 0;
  for (; p < n; p++) {
    c = input.charCodeAt(p);
    if (c === 0x5b || c === 0x3a) break;
  }
  if (p >= n) return false;
  identEnd = p;
  if (c === 0x5b) {
    let q = p + 1;
    let pid = 0;
    for (; q < n; q++) {
      const d = input.charCodeAt(q);
      if (d < 0x30 || d > 0x39) break;
      pid = pid * 10 + (d - 0x30);
    }
    if (q === p + 1 || q + 1 >= n || input.charCodeAt(q) !== 0x5d || input.charCodeAt(q + 1) !== 0x3a) return false;
    // Beyond 15 digits the sum could round differently from Number(digits), which the regex path uses.
    identPid = q - p - 1 > 15 ? Number(input.slice(p + 1, q)) : pid;
    p = q + 1; // the colon
  } else {
    identPid = null;
  }
  // p is at the colon: a space follows, or the line ends.
  if (p + 1 === n) identMessageAt = n;
  else if (input.charCodeAt(p + 1) === 0x20) identMessageAt = p + 2;
  else return false;
  return true;
}

/**
 * `host identifier[pid]: message` from `at` to the end of the line, or null. The same answers as
 * `readSyslogTailReference`, scanned by hand (the regexes were a tenth of a short-mode run).
 */
export function readSyslogTail(input: string, at: number): SyslogTail | null {
  // HOST: a run of characters other than whitespace, `[` and `:`, then a space.
  const n = input.length;
  let h = at;
  for (; h < n; h++) {
    const c = input.charCodeAt(h);
    if (c === 0x5b || c === 0x3a || ((c <= 0x20 || c >= 0xa0) && isSpace(c))) break;
  }
  if (h > at && h < n && input.charCodeAt(h) === 0x20) {
    if (scanIdent(input, h + 1)) return tailOf(input, h + 1, input.slice(at, h));
  }
  return scanIdent(input, at) ? tailOf(input, at, null) : null;
}

function tailOf(input: string, at: number, hostname: string | null): SyslogTail {
  return {
    hostname,
    identifier: input.slice(at, identEnd),
    pid: identPid,
    messageColumn: identMessageAt,
    message: input.slice(identMessageAt),
  };
}

export const syslogTail: P.Parser<SyslogTail> = P((input, i) => {
  const tail = readSyslogTailReference(input, i);
  return tail ? P.makeSuccess(input.length, tail) : P.makeFailure(i, 'host identifier[pid]: ');
});

/**
 * A stamp parser from a sticky regex (`/…/y`): it matches in place, and `build` turns the match into
 * the mode's stamp (null when the numbers are out of range).
 */
export function stampParser<S>(
  re: RegExp, desc: string, build: (m: RegExpExecArray) => S | null, fast?: (input: string, end: StampEnd) => S | null,
): StampParser<S> {
  if (!re.sticky) throw new Error('stamp regexes must be sticky');
  const read = (input: string): S | null => {
    if (fast) {
      // A hand-written reader for the common shape; anything it does not take goes to the regex.
      const value = fast(input, stampEndAt);
      if (value !== null) return value;
    }
    re.lastIndex = 0;
    const m = re.exec(input);
    if (!m) return null;
    const end = re.lastIndex;
    const value = build(m);
    stampEndAt.at = end;
    return value;
  };
  const parser = P((input, i) => {
    re.lastIndex = i;
    const m = re.exec(input);
    if (!m) return P.makeFailure(i, desc);
    const end = re.lastIndex;
    const value = build(m);
    return value === null ? P.makeFailure(i, desc) : P.makeSuccess(end, value);
  }) as StampParser<S>;
  parser.read = read;
  return parser;
}

/**
 * A stamp parser with a fast path: `read(line)` parses the stamp at the start of the line and
 * leaves where it ended in `stampEndAt`, without parsimmon's per-call bookkeeping. The reader uses it
 * for every line and falls back to the parser only to say what was expected on a line it skips.
 */
export type StampParser<S> = P.Parser<S> & {
  read?: (input: string) => S | null;
  /** Set on the ISO stamps, which the scout reads too (parse/scout/scan.ts): its stamp is `{ realtimeUs, monotonicUs: null }`. */
  scouted?: boolean;
};
/** Where the stamp `read` last parsed ended (a fast reader sets `at` when it returns a stamp). */
export interface StampEnd {
  at: number;
}
const stampEndAt: StampEnd = { at: 0 };

/** `812345` → 812345, `8123` → 812300, absent → 0: a fraction of a second in microseconds. */
export function fractionUs(digits: string | undefined): number {
  if (digits === undefined) return 0;
  let n = 0;
  for (let k = 0; k < 6; k++) n = n * 10 + (k < digits.length ? digits.charCodeAt(k) - 48 : 0);
  return n;
}

/** Both clocks of one entry as a short mode prints them; a mode fills the ones it carries. */
export interface Times {
  realtimeUs: number | null;
  monotonicUs: number | null;
}

/**
 * The timestamp grammar of one short mode: `stamp` parses the stamp and the single space after
 * it. Modes whose stamps need context (a year from a header, a zone, the previous line's month)
 * parse to their own shape `S` and turn it into times in `times`, where they may note assumptions.
 */
export interface StampGrammar<S = Times> {
  format: InputFormat;
  stamp: StampParser<S>;
  times?(stamp: S, lineNo: number, sink: ReadSink): Times;
  /** Sees each paste-chrome line; a `-- Journal begins at … --` header can carry the year. */
  chrome?(text: string): void;
  /**
   * with-unit prints the unit in place of the identifier. When set, names that are units go to
   * `entry.unit`, and the reader reports this format once it has seen one (short-full and
   * with-unit look alike until a unit name shows up).
   */
  unitFormat?: InputFormat;
}

// Unit names end in a unit type (systemd.unit(5)); identifiers of processes do not.
/** systemd's unit types, as the suffix of a unit's name (`nginx.service`, `dev-sda1.device`). */
export const UNIT_TYPES = 'service|socket|target|device|mount|automount|swap|timer|path|slice|scope';
/** A unit's name: ends in `.` and a unit type. */
export const UNIT_NAME = new RegExp(`\\.(?:${UNIT_TYPES})$`);

/**
 * with-unit prints `_SYSTEMD_UNIT` instead of the identifier. The identifier other modes print is
 * recovered where the unit says it: `init.scope` is PID 1 (`systemd`), `foo.service` and
 * `foo@bar.service` usually log as `foo`. Other units (session scopes, k0scontroller.service for k0s)
 * keep the best guess; recognizers that need the identifier check `entry.unit` as well.
 */
export function identifierOfUnit(unit: string): string | null {
  if (unit === 'init.scope') return 'systemd';
  const slash = unit.lastIndexOf('/');
  const own = slash === -1 ? unit : unit.slice(slash + 1);
  if (!own.endsWith('.service')) return null;
  const at = own.indexOf('@');
  return own.slice(0, at === -1 ? own.length - 8 : at);
}

/**
 * syslog (rsyslog's imklog, syslog-ng) keeps the kernel's printk stamp in the message
 * (`kernel: [   16.203041] msg`): seconds since the kernel started, the boot's monotonic axis. It
 * becomes the entry's monotonic time where the mode printed none, and `_SOURCE_MONOTONIC_TIMESTAMP`
 * (the journal's field for the kernel's own stamp); the message loses the stamp, as in the journal.
 */
function kernelStamp(entry: JournalEntry): void {
  const us = embeddedKernelStamp(entry.message);
  if (us === null) return;
  entry.message = entry.message.slice(embeddedEnd.at);
  entry.fields['_SOURCE_MONOTONIC_TIMESTAMP'] = String(us);
  if (entry.monotonicUs === null) entry.monotonicUs = us;
}

// A syslog that prints the priority between host and identifier: SONiC's severity word
// (`str-s6100-acs-4 NOTICE swss#portsyncd: …`), busybox syslogd's facility.level (`fhs daemon.info systemd[1]: …`).
const SYSLOG_LEVEL = /^(?:(EMERG|ALERT|CRIT|ERR|ERROR|WARNING|WARN|NOTICE|INFO|DEBUG)|(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local[0-7])\.(emerg|alert|crit|err|warn|warning|notice|info|debug)) (?=\S)/;
// syslog's severities by their names in any case (RFC 5424 §6.2.1), with the spellings programs print
// (`error`, `warn`) and `fatal` (a level tag's, read as crit).
const LEVEL_PRIORITY: Readonly<Record<string, number>> = {
  emerg: 0, alert: 1, crit: 2, fatal: 2, err: 3, error: 3, warning: 4, warn: 4, notice: 5, info: 6, debug: 7,
};

/** The syslog priority a level word names (`NOTICE`, `warn`, `FATAL`), or undefined. */
export function syslogPriority(word: string): number | undefined {
  const key = word.toLowerCase();
  return Object.hasOwn(LEVEL_PRIORITY, key) ? LEVEL_PRIORITY[key] : undefined;
}

/** The priority word or facility.level an identifier starts with (read as `LEVEL ident`), where the identifier begins after it; or null. */
function syslogLevel(identifier: string): { priority: number; end: number } | null {
  const m = SYSLOG_LEVEL.exec(identifier);
  if (m === null) return null;
  return { priority: syslogPriority(m[1] ?? m[2]!)!, end: m[0].length };
}

/** True when the identifier holds a space (a level word before it); by hand, as indexOf costs a builtin call per entry. */
function hasSpace(identifier: string): boolean {
  for (let i = 0; i < identifier.length; i++) if (identifier.charCodeAt(i) === 0x20) return true;
  return false;
}

/** True when the entry is still one line (its message starting at `column`) of 80 characters or more: a terminal may have wrapped it. */
function wrappedAt80(entry: JournalEntry, column: number): boolean {
  return column + entry.message.length >= 80 && entry.message.indexOf('\n') === -1;
}

/**
 * A reader for any short mode, given that mode's timestamp grammar. Handles the paste chrome
 * (markers, hints), multi-line messages (journalctl continues them on lines indented to the message
 * column), pastes indented as a whole, hosts left out, and lines the pager cut short.
 */
export function shortModeReader<S>(grammar: StampGrammar<S>, options: ReaderOptions): LineReader {
  const line = P.seqMap(grammar.stamp, syslogTail, (stamp, tail) => ({ stamp, tail }));
  const stampOnly = P.seqMap(grammar.stamp, P.all, (stamp) => stamp);
  const times = grammar.times ?? ((s: S) => s as unknown as Times);
  let format = grammar.format;
  // The entry read last, held until the next line shows whether it continues; the column its
  // message starts at (continuation lines are indented to it).
  let pending: JournalEntry | null = null;
  let pendingColumn = 0;
  // A `journalctl -x` catalog block is open: its free-text lines (`-- …`) are understood (chrome.ts).
  let catalog = false;
  const flush = (sink: ReadSink) => {
    if (pending) sink.entry(pending);
    pending = null;
  };
  const start = (stamp: S, tail: SyslogTail, indent: number, lineNo: number, sink: ReadSink) => {
    const t = times(stamp, lineNo, sink);
    begin(t.realtimeUs, t.monotonicUs, tail.hostname, tail.identifier, tail.pid, tail.messageColumn, tail.message, indent, lineNo);
  };
  const begin = (realtimeUs: number | null, monotonicUs: number | null, hostname: string | null, raw: string, pid: number | null,
    messageColumn: number, message: string, indent: number, lineNo: number) => {
    let identifier: string | null = raw;
    let priority: number | null = null;
    if (hasSpace(identifier)) {
      const level = syslogLevel(identifier);
      if (level !== null) {
        identifier = identifier.slice(level.end);
        priority = level.priority;
      }
    }
    let unit: string | null = null;
    if (grammar.unitFormat && UNIT_NAME.test(identifier)) {
      unit = identifier;
      identifier = identifierOfUnit(unit);
      format = grammar.unitFormat;
    }
    pendingColumn = indent + messageColumn;
    catalog = false;
    pending = {
      realtimeUs,
      monotonicUs,
      bootId: null,
      hostname,
      identifier,
      pid,
      unit,
      priority,
      message,
      fields: {},
      source: { path: options.path, line: lineNo },
    };
    if (identifier === 'kernel' && message.charCodeAt(0) === 0x5b) kernelStamp(pending);
  };
  // The host and identifier of the last line read from a scout's table, and where it was: the next
  // line of that table with the same bytes there takes the same strings (KIND.sameHost, sameIdentifier).
  let scoutedTable: Int32Array | null = null;
  let scoutedIndex = 0;
  let scoutedHost: string | null = null;
  let scoutedIdentifier = '';
  /** The line as the scout read it (parse/scout/), when it read a stamp and a tail there: what `read` and `readSyslogTail` give. */
  const startScouted = (body: string, indent: number, lineNo: number, sink: ReadSink): boolean => {
    const { table, index } = lineScout;
    const r = index * RECORD;
    const kind = table[r + FIELD.kind]!;
    if ((kind & KIND.syslog) === 0) return false;
    lineScout.taken++;
    const next = table === scoutedTable && index === scoutedIndex + 1;
    const stampEnd = table[r + FIELD.stampEnd]!;
    const identifierAt = table[r + FIELD.identifierAt]!;
    const messageAt = table[r + FIELD.messageAt]!;
    const pid = table[r + FIELD.pid]!;
    const hostname = identifierAt === stampEnd ? null : next && (kind & KIND.sameHost) !== 0 ? scoutedHost : body.slice(stampEnd, identifierAt - 1);
    const identifier = next && (kind & KIND.sameIdentifier) !== 0 ? scoutedIdentifier : body.slice(identifierAt, table[r + FIELD.identifierEnd]!);
    scoutedTable = table;
    scoutedIndex = index;
    scoutedHost = hostname;
    scoutedIdentifier = identifier;
    const message = body.slice(messageAt);
    stampEndAt.at = stampEnd;
    flush(sink);
    begin(lineScout.stamps[index]!, null, hostname, identifier, pid < 0 ? null : pid, messageAt, message, indent, lineNo);
    noteMessageSource(message, body, messageAt);
    if ((kind & KIND.sets) !== 0) noteScoutedSets(lineScout.sets!, table[r + FIELD.setsLow]!, table[r + FIELD.setsHigh]!, identifier);
    return true;
  };

  return {
    get format() {
      return format;
    },
    line(text, lineNo, sink) {
      let body = text;
      let indent = 0;
      if (text.charCodeAt(0) === 0x20 || text.charCodeAt(0) === 0x09) {
        body = text.trimStart();
        indent = text.length - body.length;
      }
      // Only blank lines and lines starting `-- ` or `Hint:` can be chrome: skip the regexes for the rest.
      const first = body.charCodeAt(0);
      const chrome = body.length === 0 || first === 0x2d || first === 0x48 || first === 0x2591 ? pasteChrome(body) : null;
      if (chrome) {
        flush(sink);
        if (chrome.kind === 'catalog') catalog = true;
        else if (body.length !== 0) catalog = false;
        grammar.chrome?.(body);
        if (chrome.kind === 'boot') sink.bootMarker(chrome.bootId, lineNo);
        return true;
      }
      // An indented line continues the message before it, unless it is indented less than that
      // message (a paste indented as a whole) and reads as an entry of its own.
      if (indent > 0 && pending && indent >= pendingColumn) {
        pending.message += `\n${text.slice(pendingColumn)}`;
        return true;
      }
      if (lineScout.text === body && grammar.stamp.scouted === true && startScouted(body, indent, lineNo, sink)) return true;
      const read = grammar.stamp.read;
      if (read) {
        const stamp = read(body);
        const tail = stamp === null ? null : readSyslogTail(body, stampEndAt.at);
        if (tail !== null) {
          flush(sink);
          start(stamp!, tail, indent, lineNo, sink);
          // readSyslogTail's message is `body.slice(tail.messageColumn)`: let the dispatch scan the line.
          noteMessageSource(tail.message, body, tail.messageColumn);
          return true;
        }
      }
      if (catalog && first === 0x2d && catalogText(text, true, false)) return true;
      const result = line.parse(body);
      if (result.status) {
        flush(sink);
        start(result.value.stamp, result.value.tail, indent, lineNo, sink);
        return true;
      }
      if (indent === 1 && catalogText(text, catalog, pending !== null)) {
        // A catalog whose `░░` prefix the paste lost (` Subject: …`): not part of the entry's message.
        flush(sink);
        catalog = true;
        return true;
      }
      if (indent > 0 && pending) {
        // After a line a terminal wrapped at 80 columns the rest goes on as it was cut (` 20050 seconds.`,
        // gnubee-tools#15); else it is another line of a multi-line message.
        pending.message += wrappedAt80(pending, pendingColumn) ? text : `\n${text.slice(Math.min(indent, pendingColumn))}`;
        return true;
      }
      // The entry before stays held: this line may be the rest of it, wrapped (`wrapped`; else `release`).
      const last = body.charCodeAt(body.length - 1);
      if (last === 0x3e /* > */ || last === 0x2026 /* … */) {
        // `less -S` and narrow terminals cut lines; the stamp survives, the rest may not. Keep the
        // entry with its time (it still counts for boots and ordering), but no identifier or
        // message: half a name would mislead the recognizers.
        const stamp = stampOnly.parse(body);
        if (stamp.status) {
          flush(sink);
          const t = times(stamp.value, lineNo, sink);
          sink.note(lineNo, 'line-truncated', JSON.stringify(body.length > 120 ? `${body.slice(0, 120)}…` : body));
          sink.entry({
            realtimeUs: t.realtimeUs, monotonicUs: t.monotonicUs, bootId: null, hostname: null, identifier: null,
            pid: null, unit: null, priority: null, message: '', fields: {}, source: { path: options.path, line: lineNo },
          });
          return true;
        }
      }
      sink.skip(lineNo, 'unparsable-line', text, `${result.expected.join(' or ')} at column ${result.index.column + indent}`);
      return false;
    },
    wrapped(text) {
      // The terminal cut the line anywhere, even inside a word: joined as it was.
      if (pending) pending.message += text;
    },
    release(sink) {
      flush(sink);
    },
    finish(sink) {
      flush(sink);
    },
  };
}
