/**
 * Makes untrusted log text inert for a terminal: escape sequences (CSI, OSC — including OSC 8
 * links — and the rest), C0 and C1 control characters, DEL, lone carriage returns and bidirectional
 * overrides become visible escapes like `\x1b`, so a log line can neither recolour nor rewrite the
 * user's screen. Newlines become `\n` too when `keepNewlines` is false (table cells).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_NO_NEWLINES = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\t') return '\\t';
  if (c === '\r') return '\\r';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

export function inert(text: string, keepNewlines = false): string {
  return text.replace(keepNewlines ? UNSAFE : UNSAFE_NO_NEWLINES, escapeChar);
}
