import P from 'parsimmon';

/**
 * logrus's text format, as k0s, k3s and rke2 write it under systemd:
 * `time="2024-11-20 09:27:05" level=info msg="using api address: 127.0.0.1" component=cfssl`.
 * Values with spaces or quotes are quoted Go-style (strconv.Quote), so wrapped child lines carry
 * `\"` inside; unquoting them gives back the child's own line.
 */
// slog's text handler quotes keys with spaces: `"service name"=nfg-gateway-nginx` (kube-vip/kube-vip#1579).
const key = P.alt(P.regexp(/[A-Za-z_][\w.-]*/), P.regexp(/^"(?:[^"\\]|\\.)*"/).map(unquoteGo));
// `^`: parsimmon applies a pattern where the parser stands anyway; unanchored, it was quadratic.
const quoted = P.regexp(/^"(?:[^"\\]|\\.)*"/).map(unquoteGo);
// A value whose closing quote is missing at the end of the line: the author (or a paste) cut the line
// there (`msg="using api address: 172.23.18.11`, k0sproject/k0s#3732). What is left is the value.
const unterminated = P.regexp(/^"(?:[^"\\]|\\.)*\\?$/).map((v) => unquoteGo(`${v.endsWith('\\') ? v.slice(0, -1) : v}"`));
const bare = P.regexp(/[^\s"]*/);
const pair = P.seqMap(key, P.string('='), P.alt(quoted, unterminated, bare), (k, _eq, v) => [k, v] as const);
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

// Two forms that put the level and the message first, then the pairs: logrus on a terminal,
// `ERRO[0025] CA cert validation failed: …   key=value` (k3s-io/k3s#4438; the message is padded to
// 44 columns), and Go's slog through the standard logger, `2026/09/04 08:38:17 INFO (svcs) adding VIP
// ip=192.168.122.127 interface=vip-7c8311ee` (kube-vip/kube-vip#1747).
const LEVEL_FIRST = /^(?:(PANI|FATA|ERRO|WARN|INFO|DEBU|TRAC)\[[^\]\s]{1,40}\]|\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})? (DEBUG|INFO|WARN|ERROR)(?:[+-]\d+)?) +/;
// Where the pairs may start: a space, then a key and `=` (the message itself may hold `a=b`: the
// first place from which the rest reads as pairs wins, tried at most PAIR_STARTS times).
const PAIR_START = / (?=[A-Za-z_"][^\s=]*=)/g;
const PAIR_STARTS = 16;

function levelFirst(message: string): Record<string, string> | null {
  const head = LEVEL_FIRST.exec(message);
  if (!head) return null;
  const level = (head[1] ?? head[2]!).toLowerCase();
  const rest = message.slice(head[0].length);
  PAIR_START.lastIndex = 0;
  let tries = 0;
  for (let m = PAIR_START.exec(rest); m !== null && tries < PAIR_STARTS; m = PAIR_START.exec(rest), tries++) {
    const pairs = logrusLine.parse(rest.slice(m.index + 1));
    if (!pairs.status) continue;
    const fields: Record<string, string> = { level, msg: rest.slice(0, m.index).trimEnd() };
    for (const [k, v] of pairs.value) if (k !== 'msg' && k !== 'level') fields[k] = v;
    return fields;
  }
  return { level, msg: rest.trimEnd() };
}

/**
 * The key/value pairs of a logrus text line, or null when the line is not one (no `msg=` or
 * `level=`). The terminal form and slog's leveled lines give `level` and `msg` the same way.
 */
export function parseLogrus(message: string): Record<string, string> | null {
  if (!message.includes('msg=') && !message.includes('level=')) return levelFirst(message);
  const result = logrusLine.parse(message);
  if (!result.status) return levelFirst(message);
  const fields: Record<string, string> = {};
  for (const [k, v] of result.value) fields[k] = v;
  return 'msg' in fields || 'level' in fields ? fields : null;
}
