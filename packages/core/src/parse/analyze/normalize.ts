/**
 * What terminals and forums add to a pasted systemd-analyze line: ANSI colour (critical-chain
 * wraps lines with a duration in `ESC[0;1;31m … ESC[0m`) and HTML entities for the tree glyphs.
 * `normalizeLine` removes both and remembers, for every remaining character, its column in the
 * original line, so errors point at what the user pasted.
 */
export interface NormalizedLine {
  text: string;
  /** `columns[i]` is the 0-based column in the original line of `text[i]`; one extra entry for the end. */
  columns: number[];
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/y;
const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|([a-zA-Z]+));/y;
const NAMED: Record<string, string> = {
  boxur: '└', boxvr: '├', boxv: '│', boxh: '─', nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"',
};

export function normalizeLine(line: string): NormalizedLine {
  let text = '';
  const columns: number[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '\x1b') {
      ANSI.lastIndex = i;
      const m = ANSI.exec(line);
      if (m) {
        i += m[0].length;
        continue;
      }
    } else if (ch === '&') {
      ENTITY.lastIndex = i;
      const m = ENTITY.exec(line);
      const decoded = m ? (m[1] ? String.fromCodePoint(Number(m[1])) : m[2] ? String.fromCodePoint(parseInt(m[2], 16)) : NAMED[m[3]!]) : undefined;
      if (m && decoded !== undefined) {
        for (const c of decoded) {
          text += c;
          columns.push(i);
        }
        i += m[0].length;
        continue;
      }
    }
    text += ch;
    columns.push(i);
    i++;
  }
  columns.push(line.length);
  return { text, columns };
}

/** 1-based column in the original line for a 0-based offset in the normalized text. */
export function originalColumn(n: NormalizedLine, offset: number): number {
  return (n.columns[Math.min(offset, n.columns.length - 1)] ?? 0) + 1;
}
