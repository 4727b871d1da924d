// Terminal escapes a paste can carry: CSI sequences (`ESC [ … m` colours, cursor moves, erase-line),
// OSC sequences (`ESC ] … BEL`, hyperlinks and titles) and two-byte escapes. journalctl colours
// priorities and highlights with SGR when it writes to a terminal; `script`, `tmux` logs and
// copy-paste from some terminals keep them.
const ESCAPES = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\^_])/g;

/** The line without terminal escapes. Lines without ESC (nearly all) are returned as they are. */
export function cleanLine(text: string): string {
  return text.indexOf('\x1b') === -1 ? text : text.replace(ESCAPES, '');
}
