import P from 'parsimmon';
import type { JournalEntry } from '../model/entry.js';
import { pasteChrome } from './chrome.js';
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

/** `host identifier[pid]: message` from `at` to the end of the line, or null. */
export function readSyslogTail(input: string, at: number): SyslogTail | null {
  HOST.lastIndex = at;
  const host = HOST.exec(input);
  if (host) {
    const tail = tailAt(input, HOST.lastIndex, host[1]!);
    if (tail) return tail;
  }
  return tailAt(input, at, null);
}

export const syslogTail: P.Parser<SyslogTail> = P((input, i) => {
  const tail = readSyslogTail(input, i);
  return tail ? P.makeSuccess(input.length, tail) : P.makeFailure(i, 'host identifier[pid]: ');
});

/**
 * A stamp parser from a sticky regex (`/…/y`): it matches in place, and `build` turns the match into
 * the mode's stamp (null when the numbers are out of range).
 */
export function stampParser<S>(re: RegExp, desc: string, build: (m: RegExpExecArray) => S | null): StampParser<S> {
  if (!re.sticky) throw new Error('stamp regexes must be sticky');
  const read = (input: string): S | null => {
    re.lastIndex = 0;
    const m = re.exec(input);
    if (!m) return null;
    const end = re.lastIndex;
    const value = build(m);
    stampEnd = end;
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
 * leaves where it ended in `stampEnd`, without parsimmon's per-call bookkeeping. The reader uses it
 * for every line and falls back to the parser only to say what was expected on a line it skips.
 */
export type StampParser<S> = P.Parser<S> & { read?: (input: string) => S | null };
let stampEnd = 0;

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
const UNIT_NAME = /\.(?:service|scope|slice|socket|mount|automount|swap|target|path|timer|device)$/;

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
 * A reader for any short mode, given that mode's timestamp grammar. Handles the paste chrome
 * (markers, hints), multi-line messages (journalctl continues them on lines indented to the message
 * column), pastes indented as a whole, hosts left out, and lines the pager cut short.
 */
export function shortModeReader<S>(grammar: StampGrammar<S>, options: ReaderOptions): LineReader {
  const line = P.seqMap(grammar.stamp, syslogTail, (stamp, tail) => ({ stamp, tail }));
  const stampOnly = P.seqMap(grammar.stamp, P.all, (stamp) => stamp);
  const times = grammar.times ?? ((s: S) => s as unknown as Times);
  let format = grammar.format;
  let pending: { entry: JournalEntry; column: number } | null = null;
  const flush = (sink: ReadSink) => {
    if (pending) sink.entry(pending.entry);
    pending = null;
  };
  const start = (v: { stamp: S; tail: SyslogTail }, indent: number, lineNo: number, sink: ReadSink) => {
    const t = times(v.stamp, lineNo, sink);
    let identifier: string | null = v.tail.identifier;
    let unit: string | null = null;
    if (grammar.unitFormat && UNIT_NAME.test(identifier)) {
      unit = identifier;
      identifier = identifierOfUnit(unit);
      format = grammar.unitFormat;
    }
    pending = {
      column: indent + v.tail.messageColumn,
      entry: {
        realtimeUs: t.realtimeUs,
        monotonicUs: t.monotonicUs,
        bootId: null,
        hostname: v.tail.hostname,
        identifier,
        pid: v.tail.pid,
        unit,
        priority: null,
        message: v.tail.message,
        fields: {},
        source: { path: options.path, line: lineNo },
      },
    };
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
      const chrome = body.length === 0 || first === 0x2d || first === 0x48 ? pasteChrome(body) : null;
      if (chrome) {
        flush(sink);
        grammar.chrome?.(body);
        if (chrome.kind === 'boot') sink.bootMarker(chrome.bootId, lineNo);
        return true;
      }
      // An indented line continues the message before it, unless it is indented less than that
      // message (a paste indented as a whole) and reads as an entry of its own.
      if (indent > 0 && pending && indent >= pending.column) {
        pending.entry.message += `\n${text.slice(pending.column)}`;
        return true;
      }
      const read = grammar.stamp.read;
      if (read) {
        const stamp = read(body);
        const tail = stamp === null ? null : readSyslogTail(body, stampEnd);
        if (tail !== null) {
          flush(sink);
          start({ stamp: stamp!, tail }, indent, lineNo, sink);
          return true;
        }
      }
      const result = line.parse(body);
      if (result.status) {
        flush(sink);
        start(result.value, indent, lineNo, sink);
        return true;
      }
      if (indent > 0 && pending) {
        pending.entry.message += `\n${text.slice(Math.min(indent, pending.column))}`;
        return true;
      }
      flush(sink);
      const last = body.charCodeAt(body.length - 1);
      if (last === 0x3e /* > */ || last === 0x2026 /* … */) {
        // `less -S` and narrow terminals cut lines; the stamp survives, the rest may not. Keep the
        // entry with its time (it still counts for boots and ordering), but no identifier or
        // message: half a name would mislead the recognizers.
        const stamp = stampOnly.parse(body);
        if (stamp.status) {
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
    finish(sink) {
      flush(sink);
    },
  };
}
