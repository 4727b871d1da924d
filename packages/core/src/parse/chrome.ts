/**
 * The lines journalctl and terminals add around entries in a paste: boot markers, headers, hints.
 * They are understood (counted as parsed), and boot markers split boots.
 */
export type PasteChrome =
  | { kind: 'boot'; bootId: string | null }
  | { kind: 'ignore' };

// `-- Boot 7c1e4f5a9b2d4c3e8f6a1b0c9d8e7f60 --` (systemd ≥ 247), `-- Reboot --` (older).
const BOOT_MARKER = /^-- Boot ([0-9a-f]{32}) --$/;
// Headers that carry no entry: `-- Logs begin at …, end at … --`, `-- Journal begins at … --`,
// `-- No entries --`, and the `Hint:` lines journalctl prints when it cannot see every journal.
const IGNORED = /^(?:-- (?:Logs begin at |Journal begins at |No entries --).*|Hint: .*|\s*)$/;

export function pasteChrome(line: string): PasteChrome | null {
  if (line.startsWith('-- ')) {
    const boot = BOOT_MARKER.exec(line);
    if (boot) return { kind: 'boot', bootId: boot[1]! };
    if (line === '-- Reboot --') return { kind: 'boot', bootId: null };
  }
  if (IGNORED.test(line)) return { kind: 'ignore' };
  return null;
}
