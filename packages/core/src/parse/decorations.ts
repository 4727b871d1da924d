/**
 * What people put in front of log lines when they paste them (issue 14), removed before any reader
 * sees the line, so every format tolerates them the same way:
 *
 * - Markdown and e-mail quote marks: `> Mar 28 09:18:29 host prog[pid]: msg`, `>> …`, `> > …`;
 * - `grep -H` (and `grep -r`) file names: `/var/log/syslog:Mar 28 09:18:29 …`, `./syslog.1:…`;
 * - `grep -n` line numbers: `123:Mar 28 09:18:29 …`, after a file name too (`/var/log/messages:7:…`);
 * - a line wrapped whole in Markdown inline code: `` `Mar 28 09:18:29 host prog[pid]: msg` ``, or in strong
 *   emphasis: `**x509: certificate is valid for …, not new-ip**`;
 * - the node `talosctl logs` and `talosctl dmesg` put before each line when asked for several nodes:
 *   `10.224.238.2: {"ts":…}` (an IPv4 address, a colon and a blank).
 *
 * Leading whitespace of an indented paste is left to the readers (they tell it from a multi-line
 * message's continuation), and a shell prompt (`$ journalctl …`) is no decoration: it is a line in
 * no log format (`not-log`).
 *
 * The fast path: one character test per line for input without decorations.
 */
export function undecorate(text: string): string {
  const c = text.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39) {
    // A line that opens with a stamp (`2024-11-20T…`): a digit run followed by neither `.` (a node's
    // address) nor `:` (a line number) holds no decoration. One scan instead of three; the rest as before.
    let p = 1;
    while (p < 12 && isDigit(text.charCodeAt(p))) p++;
    const d = text.charCodeAt(p);
    if (p < 12 && d !== 0x2e && d !== 0x3a) return text;
  }
  return undecorateReference(text);
}

/** undecorate without its fast path for stamped lines: test/performance.test.ts checks that the two agree. */
export function undecorateReference(text: string): string {
  const c = text.charCodeAt(0);
  // '>', '/', '.', '0'-'9', '`': anything else cannot start a decoration (but a line may end inline code).
  if (c !== 0x3e && c !== 0x2f && c !== 0x2e && c !== 0x60 && (c < 0x30 || c > 0x39)) {
    if (c === 0x2a || c === 0x5f) return emphasized(text);
    return text.charCodeAt(text.length - 1) === 0x60 ? spanEdge(text) : text;
  }
  if (c === 0x60) {
    const inner = inlineCode(text);
    return inner === text ? spanEdge(text) : undecorate(inner);
  }
  let at = 0;
  if (c === 0x3e) at = quoteEnd(text);
  at = pathEnd(text, at);
  at = nodeEnd(text, at);
  at = lineNumberEnd(text, at);
  if (at === 0) return text;
  return c === 0x3e ? rejoined(text.slice(at)) : text.slice(at);
}

// Where a mail client wrapped a quoted line and someone joined it again, the next line's quote mark
// stays inside it after the comma it was wrapped at (systemd#7604: `Main process exited, > code=exited, status=1/FAILURE`).
const INNER_QUOTE = /([,;]) (?:> ?)+(?=\S)/g;

/** A quoted line without the quote marks a rejoined wrap left inside it (tested only on lines that started with `>`). */
function rejoined(text: string): string {
  return text.indexOf(' >', 1) === -1 ? text : text.replace(INNER_QUOTE, '$1 ');
}

/** The text inside `` `…` `` when the whole line is one piece of inline code (the closing mark may be followed by blanks). */
function inlineCode(text: string): string {
  let end = text.length;
  while (end > 1 && text.charCodeAt(end - 1) <= 0x20) end--;
  if (end < 3 || text.charCodeAt(end - 1) !== 0x60 || text.charCodeAt(1) === 0x60) return text;
  const inner = text.slice(1, end - 1);
  return inner.includes('`') ? text : inner;
}

/** The text inside Markdown strong emphasis wrapping the whole line (`**x509: … not new-ip**`, `__…__`), or the line. */
function emphasized(text: string): string {
  let end = text.length;
  while (end > 4 && text.charCodeAt(end - 1) <= 0x20) end--;
  const mark = text.slice(0, 2);
  if (end <= 4 || (mark !== '**' && mark !== '__') || text.slice(end - 2, end) !== mark) return text;
  const inner = text.slice(2, end - 2);
  return inner.charCodeAt(0) <= 0x20 || inner.includes(mark) ? text : undecorate(inner);
}

/**
 * The first or last line of inline code spread over lines (`` `Startup finished in … `` … `` … in userspace` ``):
 * a line whose only backtick opens or closes it, without that backtick.
 */
function spanEdge(text: string): string {
  const first = text.indexOf('`');
  if (first !== text.lastIndexOf('`') || text.length < 2) return text;
  if (first === 0) return text.slice(1);
  return first === text.length - 1 ? text.slice(0, -1) : text;
}

/** After `talosctl`'s node prefix: a dotted IPv4 address, `:` and one blank (`10.5.0.2: …`). */
function nodeEnd(text: string, at: number): number {
  const n = text.length;
  let p = at;
  let dots = 0;
  let digits = 0;
  while (p < n && p - at < 15) {
    const d = text.charCodeAt(p);
    if (isDigit(d)) {
      if (++digits > 3) return at;
    } else if (d === 0x2e && digits > 0) {
      dots++;
      digits = 0;
    } else {
      break;
    }
    p++;
  }
  if (dots !== 3 || digits === 0 || text.charCodeAt(p) !== 0x3a || text.charCodeAt(p + 1) !== 0x20 || p + 2 >= n) return at;
  return p + 2;
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
