/**
 * logrus's text format, as k0s, k3s and rke2 write it under systemd:
 * `time="2024-11-20 09:27:05" level=info msg="using api address: 127.0.0.1" component=cfssl`.
 * Values with spaces or quotes are quoted Go-style (strconv.Quote), so wrapped child lines carry
 * `\"` inside; unquoting them gives back the child's own line.
 *
 * The grammar: pairs separated by spaces, then optional white space to the end. A key is a name
 * (`[A-Za-z_][\w.-]*`) or, as slog's text handler writes keys with spaces, quoted
 * (`"service name"=nfg-gateway-nginx`, kube-vip/kube-vip#1579). A value is quoted, or quoted with
 * its closing quote missing at the end of the line (the author or a paste cut the line there:
 * `msg="using api address: 172.23.18.11`, k0sproject/k0s#3732; what is left is the value), or bare
 * (`[^\s"]*`, maybe empty). Each choice is made once, in that order, as a PEG would; a pair that
 * does not parse after a separator ends the pairs. A hand-written scanner (issue 16: on a journal
 * where a third of the lines are k0s's relayed x509 errors, the parser-combinator version was a
 * quarter of the run); sticky patterns, each linear.
 */
const NAME = /[A-Za-z_][\w.-]*/y;
const QUOTED = /"(?:[^"\\]|\\.)*"/y;
const UNTERMINATED = /"(?:[^"\\]|\\.)*\\?$/y;
const BARE = /[^\s"]*/y;

function stickyAt(re: RegExp, s: string, i: number): string | null {
  re.lastIndex = i;
  const m = re.exec(s);
  return m === null ? null : m[0];
}

/** One `key=value` at `i`, or null when none starts there. */
function pairAt(s: string, i: number): { key: string; value: string; end: number } | null {
  let key: string | null = stickyAt(NAME, s, i);
  let at = i;
  if (key !== null) {
    at += key.length;
  } else {
    const q = stickyAt(QUOTED, s, i);
    if (q === null) return null;
    key = unquoteGo(q);
    at += q.length;
  }
  if (s.charCodeAt(at) !== 61 /* = */) return null;
  at++;
  const quoted = stickyAt(QUOTED, s, at);
  if (quoted !== null) return { key, value: unquoteGo(quoted), end: at + quoted.length };
  const cut = stickyAt(UNTERMINATED, s, at);
  if (cut !== null) return { key, value: unquoteGo(`${cut.endsWith('\\') ? cut.slice(0, -1) : cut}"`), end: at + cut.length };
  const bare = stickyAt(BARE, s, at)!;
  return { key, value: bare, end: at + bare.length };
}

/** Every pair of a whole logrus line, in order, or null when the text is not one. */
function logrusPairs(s: string): Array<readonly [string, string]> | null {
  const first = pairAt(s, 0);
  if (first === null) return null;
  const pairs: Array<readonly [string, string]> = [[first.key, first.value]];
  let i = first.end;
  for (;;) {
    let j = i;
    while (s.charCodeAt(j) === 32) j++;
    if (j === i) break;
    const next = pairAt(s, j);
    if (next === null) break;
    pairs.push([next.key, next.value]);
    i = next.end;
  }
  while (i < s.length && /\s/.test(s[i]!)) i++;
  return i === s.length ? pairs : null;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v', "'": "'" };

/** Undoes Go's strconv.Quote: `"a \"b\" \u00e9"` → `a "b" é`. */
export function unquoteGo(quotedText: string): string {
  const body = quotedText.slice(1, -1);
  if (!body.includes('\\')) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_m, esc: string) => {
    const c = esc[0]!;
    // `\x` without its digits is kept as `x`; a code point past U+10FFFF (`\UFFFFFFFF`) as U+FFFD: log text never throws.
    if ((c === 'x' || c === 'u' || c === 'U') && esc.length > 1) {
      const cp = parseInt(esc.slice(1), 16);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
    }
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
    const pairs = logrusPairs(rest.slice(m.index + 1));
    if (pairs === null) continue;
    const fields: Record<string, string> = { level, msg: rest.slice(0, m.index).trimEnd() };
    for (const [k, v] of pairs) if (k !== 'msg' && k !== 'level') fields[k] = v;
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
  const pairs = logrusPairs(message);
  if (pairs === null) return levelFirst(message);
  const fields: Record<string, string> = {};
  for (const [k, v] of pairs) fields[k] = v;
  return 'msg' in fields || 'level' in fields ? fields : null;
}
