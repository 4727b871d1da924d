import type { JournalEntry } from '../model/entry.js';
import { innerText } from './inner.js';
import { componentFailure, componentName, klogComponent, type RecognizeContext } from './recognizer.js';

/**
 * Lines a component itself marks as errors, in the level words a person reads on the line (issue
 * 19): a failure a person sees even when bootlens knows no more about it, and even when it may heal
 * later. Only where the level opens the component's own line, so the test rejects almost every
 * other message on its first character:
 * - klog's `E`/`F` header: `E0510 22:32:52.425127       1 reflector.go:123] … connect: connection
 *   refused` (kubernetes/minikube#8065), also inside a journal line (`kube-controller-manager:  E0326
 *   … Failed to start certificate controller: open …: no such file or directory`,
 *   kelseyhightower/kubernetes-the-hard-way#138);
 * - a level word first, as zap's console encoder (Talos, once the stamped reader took the host and
 *   time off: `ERROR time query error {…}`, siderolabs/talos#13505) or after Go's standard stamp,
 *   as slog's text default (`2026/09/04 08:38:17 ERROR [DHCP] unable to write rp_filter …`,
 *   kube-vip/kube-vip#1747) and `[ERROR]` (cfssl);
 * - logrus's `time="…" level=error msg=…` and zap's JSON `"level":"error"`.
 * A journal's PRIORITY is not read: journalctl prints it nowhere a paste keeps, and a healthy
 * system logs priority-3 lines (firmware, bluetoothd) no person counts as its failure.
 */
const KLOG_ERROR = /^[EF]\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ [^\s\]]+\] /;
const LEVEL_FIRST = /^(?:\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d+)? )?\[?(?:ERROR|FATAL|CRITICAL|PANIC)\b/;
const LOGRUS_ERROR = /^time="[^"]*" level=(?:error|fatal|panic)\b/;
const JSON_ERROR = /"level":\s?"(?:error|fatal|dpanic|panic|ERROR|FATAL|DPANIC|PANIC)"/;
const COMPONENT = /\scomponent=([\w.-]+)/;
/** The text an event keeps of the error (its message keeps the whole line). */
const MAX_ERROR = 240;

/** True when the message is a component's own error-level line (see above). */
export function isErrorLine(message: string): boolean {
  let at = 0;
  while (at < message.length && (message.charCodeAt(at) === 0x20 || message.charCodeAt(at) === 0x09)) at++;
  const c = message.charCodeAt(at);
  // E F C P [ (level words, klog), a digit (Go's stamp), t (logrus), { (zap JSON): nothing else can be one.
  if (c !== 0x45 && c !== 0x46 && c !== 0x43 && c !== 0x50 && c !== 0x5b && c !== 0x74 && c !== 0x7b && !(c >= 0x30 && c <= 0x39)) return false;
  const text = at === 0 ? message : message.slice(at);
  if (c === 0x74) return LOGRUS_ERROR.test(text);
  if (c === 0x7b) return JSON_ERROR.test(text);
  return KLOG_ERROR.test(text) || LEVEL_FIRST.test(text);
}

/**
 * An entry no recognizer made an event of, when it is an error-level line: a component-failure
 * `error-logged` event. Its component is the journal identifier (with distribution units folded),
 * else logrus's `component=`, else what a klog header names; the error is the line's own words.
 */
export function errorLine(entry: JournalEntry, ctx: RecognizeContext): void {
  if (!isErrorLine(entry.message)) return;
  const inner = innerText(entry.message);
  const words = consoleWords(inner.text.replace(LEVEL_FIRST, '').trim());
  const component = entry.identifier !== null ? componentName(entry, entry.identifier)
    : inner.component ?? words.component ?? COMPONENT.exec(entry.message)?.[1] ?? klogComponent(entry.message);
  const error = words.text.length > MAX_ERROR ? `${words.text.slice(0, MAX_ERROR - 1)}…` : words.text;
  componentFailure(ctx, entry, 'error-logged', { component, subject: null, error: error === '' ? null : error });
}

/**
 * zap's console encoder ends the message with its fields as JSON (`time query error {"component":
 * "controller-runtime", …, "error": "NTS session for time.cloudflare.com: …"}`): the message and its
 * `error`, and the `component` field; other text as it is.
 */
function consoleWords(text: string): { text: string; component: string | null } {
  const brace = text.indexOf(' {');
  if (brace === -1 || !text.endsWith('}')) return { text, component: null };
  let fields: unknown;
  try {
    fields = JSON.parse(text.slice(brace + 1));
  } catch {
    return { text, component: null };
  }
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return { text, component: null };
  const o = fields as Record<string, unknown>;
  const error = typeof o['error'] === 'string' ? o['error'] : null;
  const msg = text.slice(0, brace);
  return { text: error === null ? msg : `${msg}: ${error}`, component: typeof o['component'] === 'string' ? o['component'] : null };
}
