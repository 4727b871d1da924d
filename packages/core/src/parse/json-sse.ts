import { readJsonEntry } from './json.js';
import type { LineReaderFactory } from './reader.js';

/**
 * `-o json-sse` (server-sent events): `data: {…}` then a blank line. Other event-stream lines
 * (`id:`, `event:`, `retry:`, `:` comments) carry no entry and are understood as such.
 */
export const jsonSseReader: LineReaderFactory = (options) => ({
  format: 'json-sse',
  line(text, lineNo, sink) {
    if (text.startsWith('data:')) {
      const at = text.charCodeAt(5) === 0x20 ? 6 : 5;
      return readJsonEntry(text.slice(at), lineNo, options.path, sink);
    }
    if (text.trim() === '' || /^(?::|id:|event:|retry:)/.test(text)) return true;
    sink.skip(lineNo, 'unparsable-line', text, 'a "data: {…}" line of a json-sse stream');
    return false;
  },
  finish() {},
});
