import P from 'parsimmon';
import type { JournalEntry } from '../model/entry.js';
import { pasteChrome } from './chrome.js';
import type { LineReader, ReadSink, ReaderOptions } from './reader.js';
import type { InputFormat } from '../model/report.js';

/** What follows the timestamp in every short mode: `host identifier[pid]: message`. */
export interface SyslogTail {
  hostname: string;
  identifier: string;
  pid: number | null;
  /** Column (0-based, in the whole line) where the message starts; continuation lines are indented to it. */
  messageColumn: number;
  message: string;
}

// The identifier runs to the `[pid]` or to the `: ` that ends the prefix. journalctl prints the
// colon even for an empty message, so the space after it is optional.
const identifier = P.regexp(/[^\s[:][^[:]*?(?=(?:\[\d+\])?:(?: |$))/).desc('identifier[pid]: ');
const pid = P.regexp(/\[(\d+)\]/, 1).map(Number).fallback(null);
const colon = P.regexp(/:(?: |$)/);

export const syslogTail: P.Parser<SyslogTail> = P.seqMap(
  P.regexp(/\S+/).desc('a host name'),
  P.string(' '),
  identifier,
  pid,
  colon,
  P.index,
  P.all,
  (hostname, _sp, ident, pidValue, _colon, index, message) => ({
    hostname,
    identifier: ident,
    pid: pidValue,
    messageColumn: index.offset,
    message,
  }),
);

/** The timestamp grammar of one short mode: parses the stamp and the single space after it. */
export interface StampGrammar {
  format: InputFormat;
  stamp: P.Parser<{ realtimeUs: number | null; monotonicUs: number | null }>;
}

/**
 * A reader for any short mode, given that mode's timestamp grammar. Handles the paste chrome
 * (markers, hints) and multi-line messages, which journalctl continues on lines indented to the
 * message column.
 */
export function shortModeReader(grammar: StampGrammar, options: ReaderOptions): LineReader {
  const line = P.seqMap(grammar.stamp, syslogTail, (stamp, tail) => ({ ...stamp, ...tail }));
  let pending: { entry: JournalEntry; column: number } | null = null;
  const flush = (sink: ReadSink) => {
    if (pending) sink.entry(pending.entry);
    pending = null;
  };
  return {
    format: grammar.format,
    line(text, lineNo, sink) {
      const chrome = pasteChrome(text);
      if (chrome) {
        flush(sink);
        if (chrome.kind === 'boot') sink.bootMarker(chrome.bootId, lineNo);
        return true;
      }
      if (pending && text.startsWith(' ')) {
        const indent = text.length - text.trimStart().length;
        pending.entry.message += `\n${text.slice(Math.min(indent, pending.column))}`;
        return true;
      }
      const result = line.parse(text);
      if (!result.status) {
        flush(sink);
        sink.skip(lineNo, 'unparsable-line', text, `${result.expected.join(' or ')} at column ${result.index.column}`);
        return false;
      }
      flush(sink);
      const v = result.value;
      pending = {
        column: v.messageColumn,
        entry: {
          realtimeUs: v.realtimeUs,
          monotonicUs: v.monotonicUs,
          bootId: null,
          hostname: v.hostname,
          identifier: v.identifier,
          pid: v.pid,
          unit: null,
          priority: null,
          message: v.message,
          fields: {},
          source: { path: options.path, line: lineNo },
        },
      };
      return true;
    },
    finish(sink) {
      flush(sink);
    },
  };
}
