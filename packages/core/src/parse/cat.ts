import type { LineReaderFactory } from './reader.js';
import { pasteChrome } from './chrome.js';

/**
 * `-o cat`: the message alone, no time, host, identifier or pid.
 *
 * Decision: read it rather than refuse it, but only when asked (`--input-format cat`): any text
 * at all is valid cat output, so sniffing never picks it, and input nobody said was cat still gets
 * the "not a journal" error. Each non-blank line becomes an entry with only a message (a message
 * of several lines becomes several entries: cat does not mark where one ends). Boot markers and
 * headers are still understood. A `no-time` diagnostic says that these entries cannot be placed in
 * time or attributed to a program, so most recognizers (which check who logged a line) and every
 * rule that compares times find nothing; the report points to a mode that carries them.
 */
export const catReader: LineReaderFactory = (options) => {
  let noted = false;
  return {
    format: 'cat',
    line(text, lineNo, sink) {
      const chrome = pasteChrome(text);
      if (chrome) {
        if (chrome.kind === 'boot') sink.bootMarker(chrome.bootId, lineNo);
        return true;
      }
      if (!noted) {
        noted = true;
        sink.note(lineNo, 'no-time', 'entries are read in input order without time or identifier, so rules that compare times or look at who logged a line find nothing; use journalctl -o short-iso-precise or -o json instead');
      }
      sink.entry({
        realtimeUs: null, monotonicUs: null, bootId: null, hostname: null, identifier: null, pid: null, unit: null,
        priority: null, message: text, fields: {}, source: { path: options.path, line: lineNo },
      });
      return true;
    },
    finish() {},
  };
};
