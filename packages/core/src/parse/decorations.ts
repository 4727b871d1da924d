/**
 * What people put in front of log lines when they paste them (issue 14), removed before any reader
 * sees the line, so every format tolerates them the same way:
 *
 * - Markdown and e-mail quote marks: `> Mar 28 09:18:29 host prog[pid]: msg`, `>> …`, `> > …`;
 * - `grep -H` (and `grep -r`) file names: `/var/log/syslog:Mar 28 09:18:29 …`, `./syslog.1:…`;
 * - `grep -n` line numbers: `123:Mar 28 09:18:29 …`, after a file name too (`/var/log/messages:7:…`).
 *
 * Leading whitespace of an indented paste is left to the readers (they tell it from a multi-line
 * message's continuation), and a shell prompt (`$ journalctl …`) is no decoration: it is a line in
 * no log format (`not-log`).
 *
 * The fast path: one character test per line for input without decorations.
 */
export function undecorate(text: string): string {
  const c = text.charCodeAt(0);
  // '>', '/', '.', '0'-'9': anything else cannot start a decoration.
  if (c !== 0x3e && c !== 0x2f && c !== 0x2e && (c < 0x30 || c > 0x39)) return text;
  let at = 0;
  if (c === 0x3e) at = quoteEnd(text);
  at = pathEnd(text, at);
  at = lineNumberEnd(text, at);
  return at === 0 ? text : text.slice(at);
}

/** After `>`, `>>`, `> > ` and one space after the last mark. */
function quoteEnd(text: string): number {
  let p = 0;
  const n = text.length;
  while (p < n && text.charCodeAt(p) === 0x3e) {
    p++;
    if (p < n && text.charCodeAt(p) === 0x20) p++;
  }
  return p;
}

/**
 * After a `grep -H` file name and its colon: an absolute or `./` path without blanks whose colon is
 * followed by a character that is not a blank (a message `/usr/bin/foo: error` is not a file name).
 */
function pathEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c !== 0x2f && !(c === 0x2e && text.charCodeAt(at + 1) === 0x2f)) return at;
  const n = text.length;
  for (let p = at + 1; p < n; p++) {
    const d = text.charCodeAt(p);
    if (d === 0x3a) return p + 1 < n && text.charCodeAt(p + 1) > 0x20 ? p + 1 : at;
    if (d <= 0x20) return at;
  }
  return at;
}

/**
 * After a `grep -n` line number and its colon (`123:`): digits, a colon, then a character that is
 * not a blank (`2: eth0: <BROADCAST…>` is `ip addr` output) and not the rest of a clock time
 * (`09:18:29` is a time, `12:2014-06-04T…` a numbered line).
 */
function lineNumberEnd(text: string, at: number): number {
  const n = text.length;
  let p = at;
  while (p < n && p - at < 10) {
    const d = text.charCodeAt(p);
    if (d < 0x30 || d > 0x39) break;
    p++;
  }
  if (p === at || p + 1 >= n || text.charCodeAt(p) !== 0x3a || text.charCodeAt(p + 1) <= 0x20) return at;
  if (isDigit(text.charCodeAt(p + 1)) && isDigit(text.charCodeAt(p + 2)) && text.charCodeAt(p + 3) === 0x3a) return at;
  return p + 1;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
