import { componentChrome, componentEntry, priorityOfLevel } from './component.js';
import type { LineReaderFactory } from './reader.js';
import { YearlessClock, type WallStamp } from './short.js';

// klog and glog (Kubernetes components, kubectl logs, crictl logs): `Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg`,
// `E1120 09:27:41.613170    1158 reflector.go:561] k8s.io/client-go/…: failed to list *v1.Node: …`
// (the thread id is padded to seven columns; pastes often squeeze the padding to one space).
const KLOG_HEADER = /([IWEF])(\d\d)(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{6}) +\d+ [^\s\]]+\](?: |$)/y;
export const KLOG_LINE = /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ [^\s\]]+\](?: |$)/;

/**
 * klog output read from a file or a container log. The whole line is the message, as journald
 * stores it when the component runs under systemd (`kubelet[1158]: E1120 09:27:41.613170 …`), so
 * recognizers read the same text from every source. The stamp has no year and no zone (klog prints
 * local time): the year and zone come as for `-o short` (YearlessClock, with its diagnostics). The
 * level letter gives the priority; no identifier: the line does not name its component.
 */
export const klogReader: LineReaderFactory = (options) => {
  const clock = new YearlessClock(options);
  return {
    format: 'klog',
    line(text, lineNo, sink) {
      if (componentChrome(text, lineNo, sink)) return true;
      // A paste indented as a whole: the line is what follows the indentation.
      const line = text.charCodeAt(0) === 0x20 || text.charCodeAt(0) === 0x09 ? text.trimStart() : text;
      KLOG_HEADER.lastIndex = 0;
      const m = KLOG_HEADER.exec(line);
      const stamp: WallStamp | null = m === null ? null : {
        month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]), us: Number(m[7]),
      };
      if (stamp === null || stamp.month < 1 || stamp.month > 12 || stamp.day < 1 || stamp.day > 31 || stamp.hour > 23 || stamp.minute > 59 || stamp.second > 60) {
        sink.skip(lineNo, 'unparsable-line', text, 'a klog line like E1120 09:27:41.613170    1158 file.go:561] message');
        return false;
      }
      const { realtimeUs } = clock.times(stamp, lineNo, sink);
      sink.entry(componentEntry(options.path, lineNo, line, realtimeUs, null, priorityOfLevel(m![1]!)));
      return true;
    },
    finish() {},
  };
};
