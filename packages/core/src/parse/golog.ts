import { componentChrome, componentEntry, LocalClock } from './component.js';
import type { LineReaderFactory } from './reader.js';

// Go's standard logger (`log.Printf`), as cfssl, rancher's dynamiclistener and etcd 2 print it:
//   `2021/10/15 22:12:14 [INFO] signed certificate with serial number 3374833431…` (k0sproject/k0s#1195)
//   `2021/12/27 21:53:19 [INFO] Active TLS secret serving-cert (ver=113283780) (count 9): map[…]` (rancher/rancher#35977)
//   `2015/04/16 17:07:31 etcdserver: advertise client URLs = http://localhost:2379` (projectcalico/felix#393)
const GOLOG = /^(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))? /;
export const GOLOG_LINE = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})? \S/;

/**
 * Lines of Go's standard logger. The whole line is the message, as journald stores it (the logger
 * prints its stamp to stderr either way); recognizers take the stamp off (recognize/inner.ts). The
 * time is the stamp, in local time (read in `--tz` or this machine's zone, with a diagnostic). No
 * identifier: the line does not name its program.
 */
export const gologReader: LineReaderFactory = (options) => {
  const local = new LocalClock(options);
  return {
    format: 'golog',
    line(text, lineNo, sink) {
      if (componentChrome(text, lineNo, sink)) return true;
      const line = text.charCodeAt(0) === 0x20 || text.charCodeAt(0) === 0x09 ? text.trimStart() : text;
      const m = GOLOG.exec(line);
      const us = m?.[7] === undefined ? 0 : Number(m[7].padEnd(6, '0'));
      const at = m === null ? null : local.micros(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), us, lineNo, sink);
      if (at === null) {
        sink.skip(lineNo, 'unparsable-line', text, 'a Go log line like 2021/10/15 22:12:14 message');
        return false;
      }
      sink.entry(componentEntry(options.path, lineNo, line, at, null, null));
      return true;
    },
    finish() {},
  };
};
