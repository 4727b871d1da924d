import { readJsonEntry } from './json.js';
import type { LineReaderFactory } from './reader.js';

/** `-o json-seq` (RFC 7464): each object is preceded by RS (0x1E) and followed by a newline. */
export const jsonSeqReader: LineReaderFactory = (options) => ({
  format: 'json-seq',
  line(text, lineNo, sink) {
    const body = text.charCodeAt(0) === 0x1e ? text.slice(1) : text;
    if (body.trim() === '') return true;
    return readJsonEntry(body, lineNo, options.path, sink);
  },
  finish() {},
});
