import type { JournalEntry } from '../model/entry.js';
import { innerText } from './inner.js';
import { componentFailure, componentName, klogComponent, type RecognizeContext, type Recognizer } from './recognizer.js';

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
const LEVELS = ['ERROR', 'FATAL', 'CRITICAL', 'PANIC'];
const COMPONENT = /\scomponent=([\w.-]+)/;
/** The text an event keeps of the error (its message keeps the whole line). */
const MAX_ERROR = 240;

/**
 * The level words no first character tells cheaply (logrus's after its time, zap's in JSON): the
 * needle dispatch finds them in the same scan as every other recognizer's (it emits nothing; the
 * timeline builder asks whether it was chosen for an entry, see errorLine). Scanning every
 * `time="…"` line (half of a k0s journal) for its level by hand cost 5 % of a run in callgrind.
 */
export const errorLevelWords: Recognizer = {
  id: 'error-level-words',
  needles: ['level=error', 'level=fatal', 'level=panic', '"level":"error"', '"level":"fatal"', '"level":"panic"', '"level":"dpanic"', '"level": "error"', '"level":"ERROR"'],
  recognize() {},
};

/**
 * True when the message is a component's own error-level line (see above). `levelWords`: whether
 * the dispatch found one of errorLevelWords' needles in it (when false, logrus and JSON lines are
 * not looked at).
 */
export function isErrorLine(message: string, levelWords = true): boolean {
  let at = 0;
  while (at < message.length && (message.charCodeAt(at) === 0x20 || message.charCodeAt(at) === 0x09)) at++;
  // Every form is told by its first characters; a regex runs only on lines that open like one.
  switch (message.charCodeAt(at)) {
    case 0x45: // E: klog's E0510 header, ERROR
    case 0x46: { // F: klog's F header, FATAL
      const next = message.charCodeAt(at + 1);
      if (next >= 0x30 && next <= 0x39) return KLOG_ERROR.test(at === 0 ? message : message.slice(at));
      return startsWithLevel(message, at);
    }
    case 0x43: // C: CRITICAL
    case 0x50: // P: PANIC
    case 0x5b: // [: [ERROR]
      return startsWithLevel(message, at);
    case 0x74: // t: logrus's time="…" (half of a k0s journal: only where the dispatch found an error level)
      return levelWords && hasAt(message, at, 'time="') && logrusError(message, at);
    case 0x7b: // {: zap JSON
      return levelWords && JSON_ERROR.test(message);
    default: {
      // A digit: Go's standard stamp, 2026/09/04 08:38:17, then the level.
      const c = message.charCodeAt(at);
      return c >= 0x30 && c <= 0x39 && message.charCodeAt(at + 4) === 0x2f && LEVEL_FIRST.test(at === 0 ? message : message.slice(at));
    }
  }
}

/**
 * False when isErrorLine is false for the message on its first character alone (nearly every
 * message): the timeline builder asks this before errorLine for every entry no recognizer read, so
 * the call and the dispatch's errorLevelWords lookup are skipped. A space or a tab first: isErrorLine decides.
 */
export function mayBeErrorLine(message: string): boolean {
  const c = message.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39) return true;
  return c === 0x45 || c === 0x46 || c === 0x43 || c === 0x50 || c === 0x5b || c === 0x74 || c === 0x7b || c === 0x20 || c === 0x09;
}

/**
 * True when `word` is in `text` at `at`. Characters compared one by one: on the hot path (every entry
 * no recognizer read) `startsWith` and `indexOf` on sliced messages cost ten times more in callgrind.
 */
function hasAt(text: string, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(at + i) !== word.charCodeAt(i)) return false;
  return true;
}

/** logrus's level after its time (`time="…" level=error`), read without a regex; the stamp is short. */
function logrusError(message: string, at: number): boolean {
  const end = Math.min(message.length, at + 48);
  let close = at + 6;
  while (close < end && message.charCodeAt(close) !== 0x22) close++;
  if (close >= end || !hasAt(message, close + 1, ' level=')) return false;
  const level = close + 8;
  return (hasAt(message, level, 'error') || hasAt(message, level, 'fatal') || hasAt(message, level, 'panic')) && LOGRUS_ERROR.test(at === 0 ? message : message.slice(at));
}

/** ERROR, FATAL, CRITICAL, PANIC (or in brackets) at `at`, as a word. */
function startsWithLevel(message: string, at: number): boolean {
  const from = message.charCodeAt(at) === 0x5b ? at + 1 : at;
  for (let k = 0; k < LEVELS.length; k++) {
    const level = LEVELS[k]!;
    if (!hasAt(message, from, level)) continue;
    const after = message.charCodeAt(from + level.length);
    // A word ends there: not ERRORS, not ERROR_CODE.
    return Number.isNaN(after) || !((after >= 0x41 && after <= 0x5a) || (after >= 0x61 && after <= 0x7a) || (after >= 0x30 && after <= 0x39) || after === 0x5f);
  }
  return false;
}

/**
 * An entry no recognizer made an event of, when it is an error-level line: a component-failure
 * `error-logged` event. Its component is the journal identifier (with distribution units folded),
 * else logrus's `component=`, else what a klog header names; the error is the line's own words.
 */
export function errorLine(entry: JournalEntry, ctx: RecognizeContext, levelWords: boolean): void {
  if (!isErrorLine(entry.message, levelWords)) return;
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
