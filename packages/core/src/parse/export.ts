import { isUtf8 } from 'node:buffer';
import { latin1Slice, utf8Slice } from './bytes.js';
import { entryFromFields } from './fields.js';
import type { ByteReaderFactory, ReadSink } from './reader.js';

export const EXPORT_LINE = /^_{0,2}[A-Z0-9][A-Z0-9_]*=/;
const FIELD_NAME = /^_{0,2}[A-Za-z0-9][A-Za-z0-9_]*$/;
const EMPTY = Buffer.alloc(0);

/**
 * `-o export`, the Journal Export Format (systemd.io/JOURNAL_EXPORT_FORMATS): `FIELD=value` lines,
 * a blank line after each entry, and for values that are not plain text (binary, or holding a
 * newline) `FIELD\n`, a little-endian uint64 length, that many bytes, `\n`.
 *
 * Read from bytes, since a binary value may hold newlines and bytes that are not UTF-8 (decoded as
 * UTF-8 with replacement characters, as json's byte arrays are). Line counting: each text field and
 * each blank line is one line, and each binary field is one line, whatever its bytes hold; entries
 * are attributed to the line of their first field. An editor shows the same numbers as long as no
 * binary value holds a newline.
 */
export const exportReader: ByteReaderFactory = (options) => {
  const max = options.maxLineBytes;
  let buf: Buffer = EMPTY;
  let lineNo = 0;
  let fields: Record<string, string> = {};
  let held = 0;
  let first = 0;
  // A binary field in progress: its name, its length once read (-1 before), bytes still to drop
  // when it is longer than the line limit.
  let binKey: string | null = null;
  let binLen = -1;
  let dropping = 0;
  // A text line longer than the limit: drop bytes to its newline.
  let overlong = false;

  const line = () => {
    lineNo++;
    if (held === 0) first = lineNo;
    held++;
  };
  const endEntry = (sink: ReadSink) => {
    if (held > 0) {
      sink.entry(entryFromFields(fields, { path: options.path, line: first }));
      sink.settle(held, true);
    }
    fields = {};
    held = 0;
  };
  // A value as UTF-8; bytes that are not UTF-8 become U+FFFD and are counted (invalid-utf8).
  const text = (from: number, to: number, sink: ReadSink): string => {
    const value = utf8Slice(buf, from, to);
    if (value.indexOf('\uFFFD') !== -1 && !isUtf8(buf.subarray(from, to))) sink.note(lineNo, 'invalid-utf8', '');
    return value;
  };
  const skipLine = (sink: ReadSink, code: 'unparsable-line' | 'line-too-long', text: string, expected: string) => {
    lineNo++;
    sink.skip(lineNo, code, text, expected);
    sink.settle(1, false);
  };

  const run = (sink: ReadSink) => {
    let pos = 0;
    for (;;) {
      if (dropping > 0) {
        const n = Math.min(dropping, buf.length - pos);
        dropping -= n;
        pos += n;
        if (dropping > 0) break;
        continue;
      }
      if (binKey !== null) {
        if (binLen < 0) {
          if (buf.length - pos < 8) break;
          binLen = buf.readUInt32LE(pos + 4) * 0x1_0000_0000 + buf.readUInt32LE(pos);
          pos += 8;
          if (binLen > max) {
            skipLine(sink, 'line-too-long', binKey, `a binary value of at most ${max} bytes, got ${binLen}`);
            dropping = binLen + 1;
            binKey = null;
            binLen = -1;
          }
          continue;
        }
        if (buf.length - pos < binLen + 1) break;
        line();
        fields[binKey] = text(pos, pos + binLen, sink);
        pos += binLen + 1; // the value and the newline after it
        binKey = null;
        binLen = -1;
        continue;
      }
      const nl = buf.indexOf(0x0a, pos);
      if (nl === -1) {
        if (!overlong && buf.length - pos > max) {
          overlong = true;
          skipLine(sink, 'line-too-long', buf.toString('utf8', pos, pos + 120), `at most ${max} bytes`);
        }
        if (overlong) pos = buf.length;
        break;
      }
      if (overlong) {
        overlong = false;
        pos = nl + 1;
        continue;
      }
      let end = nl;
      if (end > pos && buf[end - 1] === 0x0d) end--;
      if (end === pos) {
        lineNo++;
        if (held > 0) {
          held++;
          endEntry(sink);
        } else {
          sink.settle(1, true);
        }
        pos = nl + 1;
        continue;
      }
      const eq = buf.indexOf(0x3d, pos);
      if (eq !== -1 && eq < end) {
        line();
        fields[latin1Slice(buf, pos, eq)] = text(eq + 1, end, sink);
      } else {
        const name = buf.toString('latin1', pos, end);
        if (FIELD_NAME.test(name)) {
          binKey = name;
          binLen = -1;
        } else {
          skipLine(sink, 'unparsable-line', buf.toString('utf8', pos, end), 'FIELD=value, a binary FIELD name, or a blank line');
        }
      }
      pos = nl + 1;
    }
    buf = pos >= buf.length ? EMPTY : buf.subarray(pos);
  };

  return {
    format: 'export',
    push(chunk, sink) {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      run(sink);
    },
    finish(sink) {
      if (binKey !== null || dropping > 0) {
        skipLine(sink, 'unparsable-line', binKey ?? '', 'a binary value of the length its header gave; the input ends inside it');
        binKey = null;
        dropping = 0;
      } else if (buf.length > 0 && !overlong) {
        // A last line without its newline.
        buf = Buffer.concat([buf, Buffer.from('\n')]);
        run(sink);
      }
      if (held > 0) {
        // Every entry ends with a blank line: one without it was cut short, and may have lost fields
        // (its MESSAGE, its clocks). Report it rather than guess; the entries before it stand.
        const shown = Object.entries(fields).slice(0, 3).map(([k, v]) => `${k}=${v}`).join(' ');
        sink.skip(first, 'partial-entry', shown, `a blank line after the entry's last field`);
        sink.settle(held, false);
        fields = {};
        held = 0;
      }
    },
  };
};
