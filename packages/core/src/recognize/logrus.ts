import P from 'parsimmon';

/**
 * logrus's text format, as k0s, k3s and rke2 write it under systemd:
 * `time="2024-11-20 09:27:05" level=info msg="using api address: 127.0.0.1" component=cfssl`.
 * Values with spaces or quotes are quoted Go-style (strconv.Quote), so wrapped child lines carry
 * `\"` inside; unquoting them gives back the child's own line.
 */
const key = P.regexp(/[A-Za-z_][\w.-]*/);
// `^`: parsimmon applies a pattern where the parser stands anyway; unanchored, it was quadratic.
const quoted = P.regexp(/^"(?:[^"\\]|\\.)*"/).map(unquoteGo);
const bare = P.regexp(/[^\s"]*/);
const pair = P.seqMap(key, P.string('='), P.alt(quoted, bare), (k, _eq, v) => [k, v] as const);
const logrusLine = P.sepBy1(pair, P.regexp(/ +/)).skip(P.optWhitespace);

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v', "'": "'" };

/** Undoes Go's strconv.Quote: `"a \"b\" \u00e9"` → `a "b" é`. */
export function unquoteGo(quotedText: string): string {
  const body = quotedText.slice(1, -1);
  if (!body.includes('\\')) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_m, esc: string) => {
    const c = esc[0]!;
    if (c === 'x' || c === 'u' || c === 'U') return String.fromCodePoint(parseInt(esc.slice(1), 16));
    if (c >= '0' && c <= '7' && esc.length === 3) return String.fromCharCode(parseInt(esc, 8));
    return SIMPLE_ESCAPES[c] ?? esc;
  });
}

/** The key/value pairs of a logrus text line, or null when the line is not one (no `msg=` or `level=`). */
export function parseLogrus(message: string): Record<string, string> | null {
  if (!message.includes('msg=') && !message.includes('level=')) return null;
  const result = logrusLine.parse(message);
  if (!result.status) return null;
  const fields: Record<string, string> = {};
  for (const [k, v] of result.value) fields[k] = v;
  return 'msg' in fields || 'level' in fields ? fields : null;
}
