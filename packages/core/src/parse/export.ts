import { isAscii, isUtf8 } from 'node:buffer';
import { copyBytes, latin1Slice, utf8Slice } from './bytes.js';
import { entryFromFields, entryFromPromoted } from './fields.js';
import type { ByteReaderFactory, ReadSink } from './reader.js';

export const EXPORT_LINE = /^_{0,2}[A-Z0-9][A-Z0-9_]*=/;
const FIELD_NAME = /^_{0,2}[A-Za-z0-9][A-Za-z0-9_]*$/;
const EMPTY = Buffer.alloc(0);
const NL = 0x0a;
const BLANK = Buffer.from('\n\n');

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

  /**
   * The fast path (issue 9): one whole entry of text fields at `pos`, read from one string. Where
   * the reader stands between entries and the bytes up to the next blank line are ASCII (latin1
   * and UTF-8 read them alike, and none can be invalid UTF-8) and hold only `FIELD=value` lines,
   * the entry is decoded with one call, split with string searches, and its promoted fields sorted
   * out in the same pass (as json does); the entry, its line numbers and its counts are those
   * the line-by-line path below gives. Returns where the entry's blank line ends, 0 when it leaves
   * the entry to that path (a binary field, non-ASCII bytes), or -1 when the rest of the buffer
   * holds no `\n\n` or a bare CR line (the slow path then reads to its end).
   */
  const fastEntry = (pos: number, ascii: boolean, sink: ReadSink): number => {
    const e = buf.indexOf(BLANK, pos);
    if (e === -1) return -1;
    if (!ascii && !isAscii(buf.subarray(pos, e))) return 0;
    const s = latin1Slice(buf, pos, e + 1);
    const n = s.length;
    const rest: Record<string, string> = {};
    let realtime, monotonic, bootId, hostname, identifier, pid, priority, message: string | undefined;
    let count = 0;
    for (let p = 0; p < n;) {
      const nl = s.indexOf('\n', p);
      let end = nl;
      if (s.charCodeAt(end - 1) === 0x0d) end--;
      // A line of a CR alone is a blank line to the slow path (a CRLF journal: leave it all to that path).
      if (end === p) return -1;
      const eq = s.indexOf('=', p);
      if (eq === -1 || eq >= end) return 0; // a binary field's name, or a line that is no field
      const v = s.slice(eq + 1, end);
      const key = s.slice(p, eq);
      switch (key) {
        case '__REALTIME_TIMESTAMP': realtime = v; break;
        case '__MONOTONIC_TIMESTAMP': monotonic = v; break;
        case '_BOOT_ID': bootId = v; break;
        case '_HOSTNAME': hostname = v; break;
        case 'SYSLOG_IDENTIFIER': identifier = v; break;
        case '_PID': pid = v; break;
        case 'PRIORITY': priority = v; break;
        case 'MESSAGE': message = v; break;
        case '__CURSOR': break;
        default: rest[key] = v;
      }
      count++;
      p = nl + 1;
    }
    // As line() counts each field and the blank line counts with the entry.
    const firstLine = lineNo + 1;
    lineNo += count + 1;
    sink.entry(entryFromPromoted(realtime, monotonic, bootId, hostname, identifier, pid, priority, message, rest, { path: options.path, line: firstLine }));
    sink.settle(count + 1, true);
    return e + 2;
  };

  const run = (sink: ReadSink) => {
    let pos = 0;
    // Whole entries at once while the reader stands between entries (fastEntry).
    const ascii = isAscii(buf);
    let fast = true;
    for (;;) {
      if (fast && held === 0 && binKey === null && dropping === 0 && !overlong && pos < buf.length && buf[pos] !== NL) {
        const next = fastEntry(pos, ascii, sink);
        if (next > 0) {
          pos = next;
          continue;
        }
        // No blank line in the rest of the buffer (or CRLF lines): do not search it again for every line.
        if (next === -1) fast = false;
      }
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
      const inChunk = buf.length === 0;
      buf = inChunk ? chunk : Buffer.concat([buf, chunk]);
      run(sink);
      // What is left is still a view of the chunk, whose buffer may be reused for the next read
      // (input.ts, fileChunks): keep a copy. A concatenation is ours already.
      if (inChunk && buf.length > 0) buf = copyBytes(buf);
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
