import { componentChrome, componentEntry, LocalClock, priorityOfLevel } from './component.js';
import type { LineReaderFactory } from './reader.js';

// capnslog, etcd's logger before zap (etcd 3.0–3.4 by default), to a file or a container log:
//   `2019-08-12 09:18:14.406666 I | embed: rejected connection from "192.168.1.11:39971" (error "EOF", ServerName "")` (rancher/rke#1533)
//   `2017-10-27 17:58:48.835305 N | etcdmain: the server is already initialized as member before, …` (etcd-io/etcd#8780)
// Levels: C(ritical) E(rror) W(arning) N(otice) I(nfo) D(ebug) T(race).
const CAPNSLOG = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{6}) ([CEWNIDT]) \| /;
export const CAPNSLOG_LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} [CEWNIDT] \| /;
// etcd's packages (`embed:`, `etcdserver:`, `rafthttp:`, …): a line from one of them is etcd's.
const ETCD_PACKAGE = /^(?:etcdmain|etcdserver|embed|rafthttp|raft|mvcc|auth|wal|snap|etcdserver\/[\w/]+|api\/[\w/]+|v3rpc\/[\w/]+|pkg\/[\w/]+|backend|membership|lease|compactor|clientv3|proxy\/[\w/]+|grpcproxy|etcdhttp): /;

/**
 * capnslog lines. Under systemd capnslog writes to the journal itself, the message without its
 * stamp and level (`etcd[3213]: rejected connection from …`, with the package in `PACKAGE=`); from a
 * file the message keeps the package (`embed: rejected connection from …`), as the line shows it.
 * The time is the stamp, in local time (read in `--tz` or this machine's zone, with a diagnostic);
 * the identifier is `etcd` where the package is one of etcd's.
 */
export const capnslogReader: LineReaderFactory = (options) => {
  const local = new LocalClock(options);
  return {
    format: 'capnslog',
    line(text, lineNo, sink) {
      if (componentChrome(text, lineNo, sink)) return true;
      const line = text.charCodeAt(0) === 0x20 || text.charCodeAt(0) === 0x09 ? text.trimStart() : text;
      const m = CAPNSLOG.exec(line);
      const at = m === null ? null : local.micros(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7]), lineNo, sink);
      if (at === null) {
        sink.skip(lineNo, 'unparsable-line', text, 'a capnslog line like 2019-08-12 09:18:14.406666 I | embed: message');
        return false;
      }
      const message = line.slice(m![0].length);
      sink.entry(componentEntry(options.path, lineNo, message, at, ETCD_PACKAGE.test(message) ? 'etcd' : null, priorityOfLevel(m![8]!)));
      return true;
    },
    finish() {},
  };
};
