/**
 * The lines journalctl and terminals add around entries in a paste: boot markers, headers, hints.
 * They are understood (counted as parsed), and boot markers split boots.
 */
export type PasteChrome =
  | { kind: 'boot'; bootId: string | null }
  | { kind: 'ignore' }
  /** A line of the message catalog `journalctl -x` prints after an entry (see `catalogText`). */
  | { kind: 'catalog' };

// `-- Boot 7c1e4f5a9b2d4c3e8f6a1b0c9d8e7f60 --` (systemd ≥ 247), `-- Reboot --` (older).
const BOOT_MARKER = /^-- Boot ([0-9a-f]{32}) --$/;
// Headers that carry no entry: `-- Logs begin at …, end at … --`, `-- Journal begins at … --`,
// `-- No entries --`, and the `Hint:` lines journalctl prints when it cannot see every journal.
const IGNORED = /^(?:-- (?:Logs begin at |Journal begins at |No entries --).*|Hint: .*|\s*)$/;

// `journalctl -x` explains entries from the message catalog, each line of it prefixed `-- `
// (`░░ ` since systemd 246): a header (`Subject:`, `Defined-By:`, `Support:`, `Documentation:`), an
// empty line (`--`, `░░`), then free text in the machine's language (Chinese in
// docker/for-linux#984); the header keys are never translated. The header and empty lines tell themselves
// apart; free text after `-- ` only inside a catalog block (`catalogText`).
const CATALOG_HEADER = /^-- (?:Subject|Defined-By|Support|Documentation): /;
const CATALOG_EMPTY = /^--\s*$/;

export function pasteChrome(line: string): PasteChrome | null {
  if (line.startsWith('-- ')) {
    const boot = BOOT_MARKER.exec(line);
    if (boot) return { kind: 'boot', bootId: boot[1]! };
    if (line === '-- Reboot --') return { kind: 'boot', bootId: null };
    if (CATALOG_HEADER.test(line)) return { kind: 'catalog' };
  }
  if (line.startsWith('░░') || CATALOG_EMPTY.test(line)) return { kind: 'catalog' };
  if (IGNORED.test(line)) return { kind: 'ignore' };
  return null;
}

// Pastes that lost the `░░` (a forum dropped the characters) keep its space: ` Subject: …` (avideo#9819).
const LOST_PREFIX_HEADER = /^(?:Subject|Defined-By|Support|Documentation): /;

/**
 * True for a line of a catalog block that is not chrome on its own: `-- free text`, and in a paste
 * that lost the `░░` prefix, its header (` Subject: …`) and text lines, indented by the one space
 * the prefix left. `open`: the lines before it (blank ones aside) were catalog lines; a lost-prefix
 * header needs only to follow an entry (`afterEntry`).
 */
export function catalogText(text: string, open: boolean, afterEntry: boolean): boolean {
  const body = text.trimStart();
  if (body.startsWith('-- ')) return open;
  if (text.length - body.length !== 1) return false;
  return open || (afterEntry && LOST_PREFIX_HEADER.test(body));
}

// What an author's paste wraps log lines in (issue 15): none of it is log, and none of it is lost
// when it is taken as understood rather than skipped. Markdown and org code fences (```` ```bash ````,
// `~~~`, `#+BEGIN_SRC`); the shell prompt and command that produced the output (`$ journalctl -u k3s`,
// `root@host:~# systemctl status networking`, `[user@host ~]$ sudo …`, `~ » …`); an elision the
// author put where lines were left out (`...`, `[...]`, `<snip>`); a pager's status line (`lines 1-45`).
// (Tested on the trimmed line.)
const FENCE = /^(?:`{3,}|~{3,}) ?[\w+.-]*$/;
const ORG_BLOCK = /^#\+(?:BEGIN|END)_(?:SRC|EXAMPLE)\b/i;
const COMMANDS = 'journalctl|systemctl|systemd-analy[sz]e|networkctl|timedatectl|hostnamectl|loginctl|kubectl|k|kubeadm|crictl|docker|podman|' +
  'k3s|rke2|k0s|microk8s|minikube|talosctl|snap|dmesg|logread|cat|grep|egrep|zgrep|tail|head|less|more|ip|ifconfig|ifup|ifdown|nmcli|' +
  'chronyc|hwclock|date|uptime|ping|dig|rc-service|service|openssl|curl';
// Without a prompt or sudo, only tools whose name no sentence starts with.
const BARE_COMMANDS = 'journalctl|systemctl|systemd-analy[sz]e|networkctl|timedatectl|kubectl|kubeadm|crictl|talosctl|dmesg|logread|rc-service|rc-status';
// An optional prompt (`[user@host dir]`, `user@host:path`, `host`, `~`, then `$`, `#`, `%`, `»` or `❯`),
// optional `sudo`, and a command this kind of paste is made with. Every part is bounded.
// A `[tag] ` before it (`[stg] root@k8s1-5 system # …`), and `user@host dir` with a blank, are prompts too.
const PROMPT = String.raw`(?:\[[^\]\n]{1,20}\] )?(?:\[[^\]\n]{1,80}\]|[^\s$#%»❯\x60\[]{1,80}(?: \[[^\]\n]{1,20}\]| [^\s$#%»❯\x60\[]{1,80})?)? ?[$#%»❯] ?`;
// With a prompt, sudo or a shell's trace mark (`+ systemctl restart …`, set -x); without, a command alone on its line (`date`).
const COMMAND = new RegExp(String.raw`^\x60?(?:(?:${PROMPT})(?:sudo |doas )?|sudo |doas |\+{1,3} (?:sudo )?)(?:\/usr\/s?bin\/)?(?:${COMMANDS})(?: |$)|^\x60?(?:${BARE_COMMANDS})(?: |$)|^(?:${COMMANDS}|uptime|uname|hostname)$`);
const BARE_PROMPT = /^(?:\[[^\]\n]{1,20}\] )?[\w.-]{1,40}@[\w.-]{1,80}(?::[^\s$#]{0,80}| [^\s$#]{1,80})? ?[$#][ \t]*$/;
// HTML a paste is wrapped in (`<pre>`, `</code>`, `<details>`, `<summary>…</summary>`), alone or around an elision (`<pre>...`).
const HTML_TAG = /^<\/?(?:pre|code|details|summary|p|br|div|blockquote|samp|kbd)(?: [^<>]{0,80}|\/)?>/i;
// A backtick alone on its line: the edge of inline code spread over lines.
const LONE_BACKTICK = /^`$/;
// What an author writes around the log: a Markdown heading (`## server-1 log`, or a line of `===`
// under one), a caption (`Kubelet:`, `[master node] 192.16.0.1 etcd log`), the options of a command continued over lines
// (`--service-cidr=10.96.0.0/12 \`), and the output of `date` and `uptime` pasted to show the clock.
const HEADING = /^(?:#{2,6} \S.{0,200}|={3,}|-{3,})$/;
const CAPTION = /^[A-Z][\w .()/-]{0,40}:$/;
// A caption naming the log that follows (`[master node] 192.16.0.1 etcd log`, etcd#15740; `kubelet logs`, `dmesg output:`).
const LOG_CAPTION = /^(?:\[[\w .-]{1,40}\] )?[\w .()/@-]{0,60}\b(?:log|logs|output|journal)(?: \([\w .-]{1,40}\))?:?$/i;
const OPTION = String.raw`--?[A-Za-z][\w.-]{0,60}(?:=[^\s\\]{1,200}| [^\s\\-][^\s\\]{0,200})?`;
const OPTIONS_LINE = new RegExp(`^${OPTION}(?: ${OPTION})*(?: \\\\)?$`);
const DATE_OUTPUT = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d (?:[A-Z]{1,5} |[+-]\d{4} )?\d{4}$/;
// A boot or machine id alone on its line: what `cat /proc/sys/kernel/random/boot_id` or `cat /etc/machine-id` printed (systemd#2884).
const ID_OUTPUT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/;
// journalctl's own answer to a command in the paste, for a boot it cannot find (`journalctl -b -50`, systemd#2884: `Failed to
// look up boot -50: Cannot assign requested address`, the errno it used then; later `No journal boot entry found …`).
const JOURNALCTL_OUTPUT = /^(?:Failed to look up boot [^\s:]{1,80}: [^\n]{1,200}|No journal boot entry found from the specified boot[^\n]{0,200})$/;
const UPTIME_OUTPUT = /^\d\d:\d\d:\d\d up [^\n]{1,80}load average: [\d.]+, [\d.]+, [\d.]+$/;
// Markdown emphasis an author put around lines (`_…`, `**…**`): taken off before the tests above.
const EMPHASIS = /\*\*|__|^[_*](?=\S)|(?<=\S)[_*]$/g;
const ELISION = /^(?:\.{3,}|…|\[(?:\.{3}|…|snip|snipped|skipped|truncated)\]|\{(?:\.{3}|snip|skipped)\}|<snip>|\(\.{3}\)|\(snip\))[ \t]*$/i;
const PAGER = /^(?:lines \d+-\d+(?:\/\d+)?(?: \(END\)|\.\.\.skipping\.\.\.)?|\(END\)|--More--(?:\(\d+%\))?)[ \t]*$/;

/** True for HTML tags alone, with elisions and blanks between them (`<pre>...`, `...</pre>`); scanned piece by piece. */
function htmlOnly(text: string): boolean {
  let rest = text;
  let tags = 0;
  while (rest.length > 0) {
    const c = rest.charCodeAt(0);
    if (c === 0x20 || c === 0x09 || c === 0x2026) rest = rest.slice(1);
    else if (rest.startsWith('...')) rest = rest.slice(3);
    else {
      const m = HTML_TAG.exec(rest);
      if (m === null) return false;
      tags++;
      rest = rest.slice(m[0].length);
    }
  }
  return tags > 0;
}

/** Headings, captions, continued command options, and the output of `date`, `uptime`, `cat …/boot_id` and journalctl's boot errors. */
function authorText(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c === 0x23 || c === 0x3d || c === 0x2d) return HEADING.test(text) || OPTIONS_LINE.test(text);
  if (text.charCodeAt(text.length - 1) === 0x3a) return CAPTION.test(text) || LOG_CAPTION.test(text);
  return LOG_CAPTION.test(text) || DATE_OUTPUT.test(text) || UPTIME_OUTPUT.test(text) || ID_OUTPUT.test(text) || JOURNALCTL_OUTPUT.test(text);
}

/** True for what a paste wraps its log lines in: a code fence, a prompt and command, an elision, a pager line. */
export function pasteMarkup(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length === 0 || trimmed.length > 400) return false;
  const c = trimmed.charCodeAt(0);
  const text = c === 0x5f || c === 0x2a ? trimmed.replace(EMPHASIS, '') : trimmed;
  if (authorText(text)) return true;
  return FENCE.test(text) || ORG_BLOCK.test(text) || ELISION.test(text) || PAGER.test(text) || COMMAND.test(text) || BARE_PROMPT.test(text) ||
    (text.charCodeAt(0) === 0x3c || text.charCodeAt(text.length - 1) === 0x3e ? htmlOnly(text) : LONE_BACKTICK.test(text));
}

// A line of a pasted JSON document (`docker inspect`, `kubectl get -o json`): a brace or bracket, or
// `"Key": value` with a scalar, an opening brace or bracket.
const JSON_DATA_LINE = /^(?:[{}[\]]{1,3},?|"[^"\\]{1,80}" ?: ?(?:"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]{0,30}|true|false|null|[{[]),?)$/;

/** True for a line of a pasted JSON document: data around a message, not prose (read-inputs.ts's bare-message trial). */
export function jsonDataLine(line: string): boolean {
  return line.length <= 100_000 && JSON_DATA_LINE.test(line.trim());
}

// A note an author appended to a log line to point at it (systemd#17117's `[ TIME ] Timed out waiting
// for device dev-ttyPS0.device. // **here**`): after the line's closing punctuation (`.`, `!`, `)`,
// `]`, a quote), blanks, a comment or arrow mark (`//`, `#`, `##`, `<--`, `<-`, `<==`), a blank and
// a short note. Found by hand in the line's last characters.
const NOTE_MAX = 80;

/** The length of the comment or arrow mark at `p` (`//`, `#`, `##`, `<-`, `<--`, `<=`, `<==`), or 0. */
function noteMark(text: string, p: number): number {
  const c = text.charCodeAt(p);
  const d = text.charCodeAt(p + 1);
  if (c === 0x2f) return d === 0x2f ? 2 : 0;
  if (c === 0x23) return d === 0x23 ? 2 : 1;
  if (c !== 0x3c || (d !== 0x2d && d !== 0x3d)) return 0;
  return text.charCodeAt(p + 2) === d ? 3 : 2;
}

/** True when a note starts at `p` (its mark, a blank, a character that is not one) after closing punctuation and blanks. */
function noteAt(text: string, p: number): boolean {
  const mark = noteMark(text, p);
  if (mark === 0) return false;
  const after = text.charCodeAt(p + mark);
  if ((after !== 0x20 && after !== 0x09) || text.charCodeAt(p + mark + 1) <= 0x20) return false;
  let q = p - 1;
  while (q > p - 9 && q > 0 && (text.charCodeAt(q) === 0x20 || text.charCodeAt(q) === 0x09)) q--;
  if (q === p - 1) return false;
  const c = text.charCodeAt(q);
  return c === 0x2e || c === 0x21 || c === 0x29 || c === 0x5d || c === 0x27 || c === 0x22;
}

/** The line without a note its author appended after it (` // **here**`, ` <-- this one`), or the line as it is. */
export function withoutAnnotation(text: string): string {
  const n = text.length;
  for (let p = Math.max(2, n - NOTE_MAX - 4); p < n - 2; p++) {
    if (noteAt(text, p)) {
      let end = p - 1;
      while (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09) end--;
      return text.slice(0, end);
    }
  }
  return text;
}
