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
