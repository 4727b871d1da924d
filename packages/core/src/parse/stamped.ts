import type { JournalEntry } from '../model/entry.js';
import { componentChrome, componentEntry, isoMatchMicros, LocalClock, NoTimeNote } from './component.js';
import { consoleStatusLine } from './dmesg.js';
import type { LineReaderFactory, ReadSink } from './reader.js';
import { fractionUs, readSyslogTail, syslogPriority } from './short-common.js';

// A component's own log (issue 14): each line its own stamp in a common shape, then the message.
//   `2024-10-15T17:30:14Z Could not open command socket on [::1]:323`              chronyd (`docker logs`)
//   `2023-10-16 18:03:42.979 GMT [1] LOG:  could not bind IPv6 address "::1": …`     postgres
//   `2026-01-19 16:20:18.036 homeassistant NetworkManager[418]: <info>  …`           journal lines re-stamped
//   `2025-02-26 17:22:12 [  OK  ] Reached target Swap.`                               a CI runner's stamps on a console
//   `[1700000000] unbound[1234:0] info: start of service`                             unbound's `[epoch]`
// ISO 8601 with `T` or a space, optional fraction (`.` or `,`), optional zone (`Z`, `+02:00`, `+0200`,
// ` UTC`, ` GMT`); a stamp without a zone is read in --tz or this machine's zone (one diagnostic).
const ISO = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?(?:(Z)| ?([+-])(\d\d):?(\d\d)| (?:UTC|GMT))? +/;
const EPOCH = /^\[(\d{9,11})(?:\.(\d{1,9}))?\] +/;
const BARE_STAMP = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?[ \t]*$/;
// A level in brackets and no stamp: etcd's `[WARNING] Deprecated '--logger=capnslog' flag is set; …`,
// haproxy's `[ALERT] : Starting proxy Public-HTTPS: cannot bind socket` (its stderr, no time).
const LEVEL_TAG = /^\[(EMERG|ALERT|CRIT|ERROR|ERR|WARNING|WARN|NOTICE|INFO|DEBUG|FATAL)\] /;
// What a stamped line's message starts with, for the sniff: a capital, a bracket or `<` (a level, a
// pid, a console status), or `host ident[pid]:`. Prose that starts with a date goes on in lower case
// (`2024-11-20 09:26:30 UTC and …`); the reader takes any message once its region is open.
/** A stamp then anything: a line that may be a component's (`… chronyd version 4.6.1 starting`) or prose that starts with a date. */
export const LOOSE_STAMPED_LINE = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z| ?[+-]\d\d:?\d\d| UTC| GMT)? +\S/;
export const STAMPED_LINE = /^(?:\[(?:EMERG|ALERT|CRIT|ERROR|ERR|WARNING|WARN|NOTICE|INFO|DEBUG|FATAL)\] \S|\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z| ?[+-]\d\d:?\d\d| UTC| GMT)?(?: +(?!(?:UTC|GMT) )(?:[A-Z[<]|[^\s[:]{1,64} [^\s[:]{1,64}\[\d{1,10}\]: )|[ \t]*$)|\[\d{9,11}(?:\.\d{1,9})?\] +\S)/;


/**
 * The message after the stamp goes to the recognizers as a journal line's would: `host ident[pid]: msg`
 * gives its host, identifier and pid; a console status line (`[  OK  ] Started X.`) is systemd's
 * message as the console reader reads it; anything else is the message as it stands, no identifier.
 */
export const stampedReader: LineReaderFactory = (options) => {
  const local = new LocalClock(options);
  const noTime = new NoTimeNote('lines with a level and no time ([WARNING] …)');
  const stampOf = (line: string, lineNo: number, sink: ReadSink): { us: number | null; at: number } | null => {
    const e = EPOCH.exec(line);
    if (e !== null) return { us: Number(e[1]) * 1_000_000 + fractionUs(e[2]), at: e[0].length };
    const m = ISO.exec(line);
    if (m === null) return null;
    const zoned = m[8] !== undefined || m[9] !== undefined || m[0].includes(' UTC') || m[0].includes(' GMT');
    return { us: isoMatchMicros(m, zoned, local, lineNo, sink), at: m[0].length };
  };
  return {
    format: 'stamped',
    line(text, lineNo, sink) {
      if (componentChrome(text, lineNo, sink)) return true;
      const line = text.trimStart();
      const tag = LEVEL_TAG.exec(line);
      if (tag !== null) {
        noTime.note(lineNo, sink);
        sink.entry(componentEntry(options.path, lineNo, line.slice(tag[0].length).trimEnd(), null, null, syslogPriority(tag[1]!)!));
        return true;
      }
      const stamp = stampOf(line, lineNo, sink);
      if (stamp === null || stamp.us === null) {
        // A stamp alone (`2025-02-26 17:22:12 `: the stamped line was blank) is understood.
        if (stamp === null && BARE_STAMP.test(line)) return true;
        sink.skip(lineNo, 'unparsable-line', text, 'a line like 2024-10-15T17:30:14Z message');
        return false;
      }
      const message = line.slice(stamp.at);
      // A stamp alone (the stamped line was blank) is understood.
      if (message.trim() === '') return true;
      const entry = messageEntry(options.path, lineNo, message);
      if (entry !== null) {
        entry.realtimeUs = stamp.us;
        sink.entry(entry);
      }
      return true;
    },
    finish() {},
  };
};

/** The entry of the message after a stamp, or null for a console spinner (understood, no event). */
function messageEntry(path: string, lineNo: number, message: string): JournalEntry | null {
  const console = consoleStatusLine(message);
  if (console !== null) {
    if (console.status === '*' || console.message === '') return null;
    const e = componentEntry(path, lineNo, console.message, null, 'systemd', null);
    if (console.status !== null) e.fields['CONSOLE_STATUS'] = console.status;
    return e;
  }
  const tail = message.indexOf('[') > 0 ? readSyslogTail(message, 0) : null;
  if (tail !== null && tail.pid !== null) {
    const e = componentEntry(path, lineNo, tail.message, null, tail.identifier, null);
    e.hostname = tail.hostname;
    e.pid = tail.pid;
    return e;
  }
  return componentEntry(path, lineNo, message.trimEnd(), null, null, null);
}
