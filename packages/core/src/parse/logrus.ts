import { componentChrome, componentEntry, isoMicros, LocalClock, NoTimeNote, priorityOfLevel } from './component.js';
import type { LineReaderFactory } from './reader.js';

// logrus's text format, as k3s, rke2, k0s, containerd, kube-vip and docker write it to a file or a
// container log (and Go's slog text handler, which prints the same keys):
//   `time="2024-01-23T15:00:18+02:00" level=info msg="Updating TLS secret for kube-system/k3s-serving …"` (k3s-io/k3s#9274)
//   `time="2024-01-23 15:00:18" level=info msg="using api address: 10.0.2.15"` (k0s: a local time without zone)
//   `time=2024-05-01T10:00:00.123Z level=INFO msg="…"` (slog)
const TEXT = /^time=(?:"([^"\\]*)"|([^\s"]+)) level=([A-Za-z]+)(?: |$)/;
// logrus without a timestamp: `level=info msg="…"`.
const NO_TIME = /^level=([A-Za-z]+) msg=/;
// The TTY form (a terminal, or colours forced): `INFO[0025] msg                key=value`; the bracket
// holds seconds since the process started, or the time with FullTimestamp (`INFO[2024-01-23T15:00:18Z]`)
// (k3s-io/k3s#4438: `ERRO[0025] CA cert validation failed: …`).
const TTY = /^(PANI|FATA|ERRO|WARN|INFO|DEBU|TRAC)\[([^\]\s]{1,40})\] /;

export const LOGRUS_LINE = /^(?:time=(?:"[^"\\]*"|[^\s"]+) level=[A-Za-z]+(?: |$)|level=[A-Za-z]+ msg=|(?:PANI|FATA|ERRO|WARN|INFO|DEBU|TRAC)\[[^\]\s]{1,40}\] )/;

/**
 * logrus text lines read from a file or a container log. The whole line is the message, as
 * journald stores it when k3s or k0s runs under systemd, so recognizers read `msg=` the same way
 * from every source. The time is `time=` (RFC 3339; k0s's `2024-01-23 15:00:18` has no zone and is
 * read in `--tz` or this machine's zone, with a diagnostic). TTY lines carry only seconds since the
 * process started: no time, read in input order (with a `no-time` diagnostic). No identifier: the
 * line does not name its program (k0s's `component=` names the child it wraps, read by recognizers).
 */
export const logrusReader: LineReaderFactory = (options) => {
  const local = new LocalClock(options);
  const noTime = new NoTimeNote('logrus lines without time= (and terminal lines like INFO[0025], which count seconds since the process started)');
  return {
    format: 'logrus',
    line(text, lineNo, sink) {
      if (componentChrome(text, lineNo, sink)) return true;
      const line = text.charCodeAt(0) === 0x20 || text.charCodeAt(0) === 0x09 ? text.trimStart() : text;
      const m = TEXT.exec(line);
      if (m) {
        const realtimeUs = isoMicros(m[1] ?? m[2]!, local, lineNo, sink);
        if (realtimeUs === null) noTime.note(lineNo, sink);
        sink.entry(componentEntry(options.path, lineNo, line, realtimeUs, null, priorityOfLevel(m[3]!)));
        return true;
      }
      const bare = NO_TIME.exec(line);
      if (bare) {
        noTime.note(lineNo, sink);
        sink.entry(componentEntry(options.path, lineNo, line, null, null, priorityOfLevel(bare[1]!)));
        return true;
      }
      const tty = TTY.exec(line);
      if (tty) {
        const realtimeUs = /^\d+$/.test(tty[2]!) ? null : isoMicros(tty[2]!, local, lineNo, sink);
        if (realtimeUs === null) noTime.note(lineNo, sink);
        sink.entry(componentEntry(options.path, lineNo, line, realtimeUs, null, priorityOfLevel(tty[1]!)));
        return true;
      }
      sink.skip(lineNo, 'unparsable-line', text, 'a logrus line like time="2024-01-23T15:00:18Z" level=info msg="…"');
      return false;
    },
    finish() {},
  };
};
