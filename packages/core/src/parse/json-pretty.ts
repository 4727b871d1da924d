import { readJsonEntry } from './json.js';
import type { LineReaderFactory, ReadSink } from './reader.js';

/**
 * `-o json-pretty`: each object spans lines, from a `{` line to a `}` line, fields indented with a
 * tab. The lines of an object are held until its `}` and counted together: all understood when the
 * object is a journal entry, all skipped (with one diagnostic at its first line) when it is not.
 */
export const jsonPrettyReader: LineReaderFactory = (options) => {
  let parts: string[] | null = null;
  let first = 0;
  const close = (sink: ReadSink) => {
    const text = parts!.join('\n');
    const lines = parts!.length;
    parts = null;
    sink.settle(lines, readJsonEntry(text, first, options.path, sink));
  };
  return {
    format: 'json-pretty',
    line(text, lineNo, sink) {
      const body = text.trim();
      if (parts === null) {
        if (body === '') return true;
        if (body === '{') {
          parts = [body];
          first = lineNo;
          return null;
        }
        if (body.startsWith('{') && body.endsWith('}')) return readJsonEntry(body, lineNo, options.path, sink);
        sink.skip(lineNo, 'unparsable-line', text, 'a "{" line opening a json-pretty object');
        return false;
      }
      parts.push(body);
      if (body === '}') close(sink);
      return null;
    },
    finish(sink) {
      if (parts === null) return;
      // The input ends inside an object: report it at its first line; the objects before it stand.
      sink.skip(first, 'partial-entry', parts.join(' '), 'the "}" line closing this object before the input ends');
      sink.settle(parts.length, false);
      parts = null;
    },
  };
};
