import { pasteChrome } from './chrome.js';
import { entryFromFields } from './fields.js';
import type { LineReaderFactory, ReadSink } from './reader.js';
import { FULL_STAMP, fullStamp, PrintedZones } from './short-full.js';

// The header: `Wed 2024-11-20 09:27:02.812345 UTC [s=…;i=…;b=<boot>;m=<mono hex>;t=<realtime hex>;x=…]`.
// The cursor in brackets carries both clocks exactly (hex microseconds) and the boot id; the printed
// stamp is only used when a paste lost the brackets.
export const VERBOSE_LINE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})? \S+ \[s=/;
const FIELD = /^([A-Za-z0-9_]+)=/;
// Values journalctl would not print as text: `BIN=[3B blob data]`, `MESSAGE=[1.2K blob data]`.
const BLOB = /^\[\d+(?:\.\d+)?[BKMGTPE]i?B? blob data\]$/;

/**
 * `-o verbose`: a header line per entry, then `    FIELD=value` lines indented by four. A value of
 * several lines continues on lines indented to just after its `=`. Values that are not printable
 * text show as `[N blob data]`; they cannot be recovered, so the field is left out and a
 * `blob-value` diagnostic says so once per field name.
 */
export const verboseReader: LineReaderFactory = (options) => {
  const zones = new PrintedZones(options);
  let fields: Record<string, string> | null = null;
  let headerLine = 0;
  let fieldIndent = 4;
  let lastKey: string | null = null;
  let continuation = 0;
  const blobsNoted = new Set<string>();
  // Lines of the entry being read (its header and fields), counted when it is handed on.
  let held = 0;
  let hasMessage = false; // MESSAGE seen in the entry being read, as text or as blob data
  const flush = (sink: ReadSink) => {
    if (fields) {
      sink.entry(entryFromFields(fields, { path: options.path, line: headerLine }));
      sink.settle(held, true);
    }
    fields = null;
    lastKey = null;
    held = 0;
  };
  const header = (body: string, indent: number, lineNo: number, sink: ReadSink): boolean => {
    FULL_STAMP.lastIndex = 0;
    const m = FULL_STAMP.exec(body);
    const stamp = m ? fullStamp(m) : null;
    if (!stamp) return false;
    flush(sink);
    fields = {};
    held = 1;
    hasMessage = false;
    headerLine = lineNo;
    fieldIndent = indent + 4;
    // The cursor is the bracketed `[s=…]` that ends the line. Found by index, not a regex: an
    // unanchored /\[(s=[^\]]*)\]$/ is quadratic on a long line of `[s=[s=…` (test/robustness/redos).
    const open = body.lastIndexOf('[s=');
    const cursor = open !== -1 && body.endsWith(']') && body.indexOf(']', open) === body.length - 1 ? body.slice(open + 1, -1) : null;
    if (cursor) {
      fields['__CURSOR'] = cursor;
      for (const part of cursor.split(';')) {
        const eq = part.indexOf('=');
        const key = part.slice(0, eq);
        const value = part.slice(eq + 1);
        if (key === 'b') fields['_BOOT_ID'] = value;
        else if (key === 'm') fields['__MONOTONIC_TIMESTAMP'] = String(parseInt(value, 16));
        else if (key === 't') fields['__REALTIME_TIMESTAMP'] = String(parseInt(value, 16));
      }
    }
    if (fields['__REALTIME_TIMESTAMP'] === undefined) fields['__REALTIME_TIMESTAMP'] = String(zones.micros(stamp, lineNo, sink));
    return true;
  };
  return {
    format: 'verbose',
    line(text, lineNo, sink) {
      let indent = 0;
      while (text.charCodeAt(indent) === 0x20) indent++;
      if (fields && lastKey !== null && indent >= continuation && continuation > fieldIndent) {
        fields[lastKey] += `\n${text.slice(continuation)}`;
        held++;
        return null;
      }
      const body = indent === 0 ? text : text.slice(indent);
      if (fields && indent === fieldIndent) {
        const field = FIELD.exec(body);
        if (field) {
          const key = field[1]!;
          const value = body.slice(key.length + 1);
          if (key === 'MESSAGE') hasMessage = true;
          if (BLOB.test(value)) {
            if (!blobsNoted.has(key)) {
              blobsNoted.add(key);
              sink.note(lineNo, 'blob-value', `${key} (use -o json or -o export, which carry binary values)`);
            }
            lastKey = null;
            held++;
            return null;
          }
          fields[key] = value;
          lastKey = key;
          continuation = indent + key.length + 1;
          held++;
          return null;
        }
      }
      const chrome = pasteChrome(body);
      if (chrome) {
        flush(sink);
        if (chrome.kind === 'boot') sink.bootMarker(chrome.bootId, lineNo);
        return true;
      }
      if (header(body, indent, lineNo, sink)) return null;
      sink.skip(lineNo, 'unparsable-line', text, fields ? `a "    FIELD=value" line or the next entry's header` : 'a header like Wed 2024-11-20 09:27:02.812345 UTC [s=…]');
      return false;
    },
    finish(sink) {
      if (fields && !hasMessage) {
        // Every entry journalctl prints has a MESSAGE; the last one without it was cut short
        // (a truncated paste). Report it rather than keep half an entry; the entries before it stand.
        sink.skip(headerLine, 'partial-entry', Object.keys(fields).join(' '), 'a MESSAGE= field before the input ends');
        sink.settle(held, false);
        fields = null;
        held = 0;
      }
      flush(sink);
    },
  };
};
