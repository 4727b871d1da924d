import { parseLogrus } from './logrus.js';

/** A log line's own words, with the wrapping its logger added taken off. */
export interface InnerText {
  /** The text to match: logrus `msg` (and its `error`) unquoted, zap's `msg` and `error`, or the message itself; a klog header taken off. */
  text: string;
  /** logrus `component=` (k0s wraps children: `component=kube-apiserver`), or null. */
  component: string | null;
  /** The zap (JSON) object when the line was one (etcd 3.4+), else null. */
  json: Record<string, unknown> | null;
}

// Go's standard logger prefix, as cfssl and rancher's dynamiclistener print without logrus:
// `2022/09/10 21:46:16 [INFO] …`.
const STDLIB_PREFIX = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d+)? (?:\[[A-Z]+\] )?/;
// klog's header, which a line read from a container log or wrapped by k0s starts with:
// `I0326 21:36:37.913309   20958 logs.go:41] ` (kelseyhightower/kubernetes-the-hard-way#138).
const KLOG_HEADER = /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ [^\s\]]+\] /;

/**
 * The text a recognizer should read: k0s wraps its children's lines in logrus
 * (`msg="E1120 … x509: …" component=kube-apiserver stream=stderr`, with `\"` inside), etcd writes
 * zap JSON (`{"level":"warn",…,"error":"x509: …"}`), cfssl and rancher prefix Go's standard logger.
 */
export function innerText(message: string): InnerText {
  const trimmed = message.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      const json = JSON.parse(trimmed) as unknown;
      if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
        const o = json as Record<string, unknown>;
        const parts = [o['msg'], o['error']].filter((v): v is string => typeof v === 'string');
        return { text: parts.join(': '), component: null, json: o };
      }
    } catch {
      // not JSON after all: fall through
    }
  }
  const fields = parseLogrus(message);
  if (fields && fields['msg'] !== undefined) {
    // logrus puts a wrapped error in its own field: `msg="Failed to connect" error="x509: …"`.
    const error = fields['error'] ?? fields['err'];
    const msg = fields['msg'].replace(KLOG_HEADER, '');
    return { text: error === undefined || error === '' ? msg : `${msg}: ${error}`, component: fields['component'] ?? null, json: null };
  }
  return { text: trimmed.replace(STDLIB_PREFIX, '').replace(KLOG_HEADER, ''), component: null, json: null };
}
