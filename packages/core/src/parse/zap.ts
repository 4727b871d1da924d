import { componentChrome, componentEntry, isoMicros, LocalClock, NoTimeNote, priorityOfLevel } from './component.js';
import type { LineReaderFactory } from './reader.js';

/**
 * JSON log lines of Go loggers: zap (etcd ≥ 3.4, Talos, k3s's embedded etcd), klog's JSON format
 * (kubelet `--logging-format=json`), logrus's JSON formatter:
 *   `{"level":"warn","ts":"2031-11-11T00:40:40.583Z","caller":"embed/config_logging.go:169","msg":"rejected connection",…}` (k3s-io/k3s#4438)
 *   `{"ts":1715089289928.7717,"caller":"kubelet/kubelet_node_status.go:701","msg":"Failed to set some node status fields",…}` (siderolabs/talos#8714)
 * and Docker's json-file lines (`{"log":"I1120 09:27:41.613170 …\n","stream":"stderr","time":"…"}`).
 * Their keys are lower case; a journal entry's fields are upper case (`{"__CURSOR"`, `{"MESSAGE"`),
 * so the first key tells the two apart.
 */
export const ZAP_LINE = /^\{"[a-z@]/;

/** `ts` as zap and klog print it: an RFC 3339 string, or epoch seconds (zap) or milliseconds (klog JSON) as a number. */
function epochMicros(value: number): number | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  // 1e11 seconds is the year 5138; 1e11 milliseconds is 1973: no log line is in between.
  return Math.round(value >= 1e11 ? value * 1000 : value * 1e6);
}

/**
 * Zap-style JSON lines read from a file or a container log. The message is the whole line, as
 * journald stores it when etcd runs under systemd with its default JSON logger (recognizers read
 * `msg` and `error` out of it); a Docker json-file line's message is its `log` text. The time is
 * `ts` (or `time`, `timestamp`, `@timestamp`), the priority the `level`. The identifier is the
 * `logger` field where the line names one (`etcd-client`), else none.
 */
export const zapReader: LineReaderFactory = (options) => {
  const local = new LocalClock(options);
  const noTime = new NoTimeNote('JSON log lines without "ts" or "time"');
  return {
    format: 'zap',
    line(text, lineNo, sink) {
      if (componentChrome(text, lineNo, sink)) return true;
      const line = text.trim();
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        sink.skip(lineNo, 'invalid-json', text, (error as Error).message);
        return false;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        sink.skip(lineNo, 'not-an-entry', text, 'a JSON log line with "msg"');
        return false;
      }
      const o = value as Record<string, unknown>;
      const docker = typeof o['log'] === 'string' && o['msg'] === undefined ? (o['log'] as string).replace(/\r?\n$/, '') : null;
      if (docker === null && typeof (o['msg'] ?? o['message'] ?? o['M']) !== 'string') {
        sink.skip(lineNo, 'not-an-entry', text, 'a JSON log line with "msg"');
        return false;
      }
      const stamp = o['ts'] ?? o['time'] ?? o['timestamp'] ?? o['@timestamp'] ?? o['T'];
      const realtimeUs = typeof stamp === 'number' ? epochMicros(stamp) : typeof stamp === 'string' ? isoMicros(stamp, local, lineNo, sink) : null;
      if (realtimeUs === null) noTime.note(lineNo, sink);
      const level = o['level'] ?? o['severity'] ?? o['L'];
      const logger = o['logger'];
      sink.entry(componentEntry(options.path, lineNo, docker ?? line, realtimeUs, typeof logger === 'string' && logger !== '' ? logger : null,
        typeof level === 'string' ? priorityOfLevel(level) : null));
      return true;
    },
    finish() {},
  };
};
