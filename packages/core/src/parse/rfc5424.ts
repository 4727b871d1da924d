import type { JournalEntry } from '../model/entry.js';
import type { LineReaderFactory } from './reader.js';
import { isoFromMatch } from './short-iso.js';

// RFC 5424 (section 6): `<PRI>VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP
// STRUCTURED-DATA [SP MSG]`, `-` for a value left out. rsyslog writes it with the
// RSYSLOG_SyslogProtocol23Format template, syslog-ng with `flags(syslog-protocol)`; collectors and
// `logger --rfc5424` print it too. Example from RFC 5424 section 6.5:
// `<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - 'su root' failed for lonvick on /dev/pts/8`.
export const RFC5424_LINE = /^<\d{1,3}>1 (?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)|-) \S+ \S+ \S+ \S+ [[-]/;
const HEAD = /<(\d{1,3})>1 (?:(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?:([+-])(\d\d):(\d\d)|Z)|-) (\S+) (\S+) (\S+) (\S+) /y;
const SEVERITIES = 8;

/** Where the STRUCTURED-DATA starting at `at` ends (`-`, or `[…]` elements whose values escape `"`, `\` and `]`), or -1. */
export function structuredDataEnd(text: string, at: number): number {
  if (text.charCodeAt(at) === 0x2d) return at + 1;
  let p = at;
  const n = text.length;
  while (p < n && text.charCodeAt(p) === 0x5b) {
    let quoted = false;
    for (p++; p < n; p++) {
      const c = text.charCodeAt(p);
      if (c === 0x5c && quoted) p++;
      else if (c === 0x22) quoted = !quoted;
      else if (c === 0x5d && !quoted) break;
    }
    if (p >= n) return -1;
    p++;
  }
  return p === at ? -1 : p;
}

const nil = (value: string): string | null => (value === '-' ? null : value);

/** RFC 5424 lines: priority, time with its offset, host, app name and procid as the journal's fields. */
export const rfc5424Reader: LineReaderFactory = (options) => ({
  format: 'syslog-rfc5424',
  line(text, lineNo, sink) {
    const body = text.trimStart();
    HEAD.lastIndex = 0;
    const m = HEAD.exec(body);
    const pri = m ? Number(m[1]) : NaN;
    const sdEnd = m ? structuredDataEnd(body, HEAD.lastIndex) : -1;
    if (!m || pri > 191 || sdEnd === -1 || (sdEnd < body.length && body.charCodeAt(sdEnd) !== 0x20)) {
      sink.skip(lineNo, 'unparsable-line', text, 'an RFC 5424 line like <34>1 2003-10-11T22:14:15.003Z host app procid msgid - message');
      return false;
    }
    // isoFromMatch reads groups 1-10 of its own regex: the same groups, shifted by the priority.
    const realtimeUs = m[2] === undefined ? null : isoFromMatch(m.slice(1) as unknown as RegExpExecArray).realtimeUs;
    let message = body.slice(Math.min(body.length, sdEnd + 1));
    // A UTF-8 message may start with a byte order mark (section 6.4).
    if (message.charCodeAt(0) === 0xfeff) message = message.slice(1);
    const fields: Record<string, string> = { SYSLOG_FACILITY: String(Math.floor(pri / SEVERITIES)) };
    const msgid = nil(m[15]!);
    if (msgid !== null) fields['MSGID'] = msgid;
    if (sdEnd > HEAD.lastIndex + 1) fields['STRUCTURED_DATA'] = body.slice(HEAD.lastIndex, sdEnd);
    const procid = nil(m[14]!);
    const entry: JournalEntry = {
      realtimeUs,
      monotonicUs: null,
      bootId: null,
      hostname: nil(m[12]!),
      identifier: nil(m[13]!),
      pid: procid !== null && /^\d{1,10}$/.test(procid) ? Number(procid) : null,
      unit: null,
      priority: pri % SEVERITIES,
      message,
      fields,
      source: { path: options.path, line: lineNo },
    };
    if (realtimeUs === null) sink.note(lineNo, 'no-time', 'an RFC 5424 line without a time (-): placed by its order in the input');
    sink.entry(entry);
    return true;
  },
  finish() {},
});
