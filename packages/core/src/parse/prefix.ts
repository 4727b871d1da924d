/**
 * A prefix some tool put before every log line of a paste (issue 14), found where a line is in no
 * format but what follows the prefix is: a test harness's levels (`INFO - INFO - [ 6213.959196] …`),
 * a CI runner's or serial logger's own stamp (`2025-02-26 17:22:12 [  OK  ] …`, `29471s [  601.0…] …`),
 * a pod name (`kube-vip-75bd8 2026/07/07 05:14:17 DEBUG …`, stern and `kubectl logs --prefix`),
 * socklog's facility (`daemon.debug: Apr  5 11:19:33 dhcpcd[958]: …`), a list bullet (`* E0510 …`),
 * Markdown emphasis glued to the line (`_Feb 09 …`).
 *
 * The prefix is up to MAX_TOKENS words, each followed by one blank; the line after it must be
 * claimed by a format whose lines say what they are (not a loose or weak one, which would take
 * prose). Found by hand, no regex: a word is a run of non-blank characters of bounded length.
 */
const MAX_TOKENS = 4;
const EMPHASIS = /^(?:\*\*|__|_|\*)(?=\S)|(?<=\S)(?:\*\*|__|_|\*)$/g;
const MAX_TOKEN_CHARS = 40;
const MAX_PREFIX_CHARS = 64;

/** Letters, digits and `. _ - : * / # @`: what a tool's prefix is made of (prose has quotes, parentheses, backticks). */
function prefixChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x3a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ||
    c === 0x2e || c === 0x5f || c === 0x2d || c === 0x2a || c === 0x2f || c === 0x23 || c === 0x40;
}

/** Where the line after a prefix of `tokens` words starts, or -1 (a word too long or not a prefix's, the line too short). */
function afterTokens(text: string, tokens: number): number {
  let p = 0;
  const n = text.length;
  for (let t = 0; t < tokens; t++) {
    const start = p;
    while (p < n && prefixChar(text.charCodeAt(p))) p++;
    if (p === start || p - start > MAX_TOKEN_CHARS || p >= n || text.charCodeAt(p) !== 0x20) return -1;
    p++;
  }
  return p <= MAX_PREFIX_CHARS && p < n ? p : -1;
}

/**
 * The line without the shortest prefix after which `claimed` (given the rest, leading blanks removed)
 * says it is a log line, or null. The caller tries this only on lines no format claims as they stand.
 */
export function withoutPrefix(text: string, claimed: (trimmed: string) => boolean): string | null {
  if (text.length === 0 || text.charCodeAt(0) <= 0x20) return null;
  const c = text.charCodeAt(0);
  if (c === 0x5f || c === 0x2a) {
    // Markdown emphasis glued to the line (`_Feb 09 14:51:24 gf2 systemd[1]: …`, `**Feb 09 …`).
    const bare = text.replace(EMPHASIS, '');
    if (bare !== text && claimed(bare)) return bare;
  }
  for (let tokens = 1; tokens <= MAX_TOKENS; tokens++) {
    const at = afterTokens(text, tokens);
    if (at === -1) return null;
    const rest = text.slice(at);
    if (claimed(rest.trimStart())) return rest;
  }
  return null;
}
