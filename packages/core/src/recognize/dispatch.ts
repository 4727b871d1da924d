import type { Recognizer } from './recognizer.js';

/** One needle, found through the two characters at `offset` in it (its anchor). */
interface Anchored {
  needle: string;
  offset: number;
  /** The recognizers with any needle inside this one (all of them occur where this one does). */
  ids: readonly number[];
}

// How common a pair of characters is in log messages, for picking anchors: spaces, lower-case
// letters (above all the frequent English pairs) and `:`/`=`/`"` are everywhere; capitals, digits
// and other punctuation are rarer. Only speed depends on it, never the result.
const COMMON_PAIRS = new Set(('th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co me ' +
  'de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ca el ta la ns ge ly ei ec ct ac lo ss tr ol').split(' '));
function weight(c: number): number {
  if (c === 0x20) return 6;
  if (c >= 0x61 && c <= 0x7a) return 'etaoinsrhlcdu'.includes(String.fromCharCode(c)) ? 3 : 2;
  if (c === 0x3a || c === 0x3d || c === 0x22 || c === 0x5c || c === 0x2e || c === 0x2f) return 3;
  if (c >= 0x30 && c <= 0x39) return 2;
  return 1;
}
function tripleScore(needle: string, k: number): number {
  let score = weight(needle.charCodeAt(k)) * weight(needle.charCodeAt(k + 1)) * weight(needle.charCodeAt(k + 2));
  if (COMMON_PAIRS.has(needle.slice(k, k + 2))) score *= 3;
  if (COMMON_PAIRS.has(needle.slice(k + 1, k + 3))) score *= 3;
  return score;
}

/** The table slot of three adjacent characters: the scan keeps it as a rolling value. */
const slot = (a: number, b: number, c: number) => (((a << 10) ^ (b << 5) ^ c) & 0xffff);

/**
 * Picks the recognizers an entry's message is for with one pass over the message (issue 9), instead
 * of one `includes` per needle per recognizer (73 needles: half the time of a whole analyze run).
 *
 * Each needle of three characters or more is anchored on three adjacent characters in it (the
 * rarest-looking ones). A table, indexed by a hash of three characters, says which slots anchor
 * some needle; the scan hashes each three adjacent characters of the message once (rolling), and
 * only where the table says so checks the needles anchored in that slot with `startsWith` at the
 * needle's would-be start. Every occurrence of a needle has its anchor at a known place, so every
 * needle that occurs is found, and a needle is only taken when `startsWith` found it whole: the
 * recognizers chosen are exactly those with `needles.some((n) => message.includes(n))`, in the same
 * order. Shorter needles are checked with `includes`; the empty needle matches every message.
 *
 * The round-1 version (one regex alternating every needle) spent ~1 µs per message in irregexp,
 * which tries each alternative at each position (round 2: see docs/performance.md).
 */
export class NeedleDispatch {
  /** By slot: 0, or 1 + the index in `buckets` of the needles anchored in that slot. */
  private readonly table = new Uint16Array(65536);
  private readonly buckets: Anchored[][] = [];
  /** Needles of one or two characters. */
  private readonly short: Anchored[] = [];
  private readonly always: readonly number[];
  private readonly marks: Uint8Array;
  private readonly chosen: Recognizer[] = [];

  constructor(private readonly recognizers: readonly Recognizer[]) {
    const needles = [...new Set(recognizers.flatMap((r) => r.needles))].filter((n) => n.length > 0);
    for (const needle of needles) {
      // Every recognizer with a needle inside this one: where this one occurs, those do too.
      const ids: number[] = [];
      recognizers.forEach((r, i) => {
        if (r.needles.some((m) => m.length > 0 && needle.includes(m))) ids.push(i);
      });
      if (needle.length < 3) {
        this.short.push({ needle, offset: 0, ids });
        continue;
      }
      let offset = 0;
      let best = Infinity;
      for (let k = 0; k + 2 < needle.length; k++) {
        const score = tripleScore(needle, k);
        if (score < best) {
          best = score;
          offset = k;
        }
      }
      const at = slot(needle.charCodeAt(offset), needle.charCodeAt(offset + 1), needle.charCodeAt(offset + 2));
      if (this.table[at] === 0) this.table[at] = this.buckets.push([]);
      this.buckets[this.table[at]! - 1]!.push({ needle, offset, ids });
    }
    // An empty needle is in every message: such a recognizer sees every entry.
    this.always = recognizers.map((r, i) => (r.needles.some((n) => n.length === 0) ? i : -1)).filter((i) => i >= 0);
    this.marks = new Uint8Array(recognizers.length);
  }

  /**
   * The recognizers whose needles occur in `message`, in their order. The array is reused by the
   * next call: use it before calling again.
   */
  select(message: string): readonly Recognizer[] {
    const chosen = this.chosen;
    chosen.length = 0;
    const marks = this.marks;
    let any = false;
    const table = this.table;
    const n = message.length;
    if (n >= 3) {
      let a = message.charCodeAt(0);
      let b = message.charCodeAt(1);
      for (let i = 2; i < n; i++) {
        const c = message.charCodeAt(i);
        const bucket = table[((a << 10) ^ (b << 5) ^ c) & 0xffff]!;
        if (bucket !== 0) {
          if (!any) {
            marks.fill(0);
            any = true;
          }
          const anchored = this.buckets[bucket - 1]!;
          for (let k = 0; k < anchored.length; k++) {
            const x = anchored[k]!;
            const start = i - 2 - x.offset;
            if (start >= 0 && message.startsWith(x.needle, start)) for (const id of x.ids) marks[id] = 1;
          }
        }
        a = b;
        b = c;
      }
    }
    if (this.short.length > 0 || this.always.length > 0) {
      if (!any) {
        marks.fill(0);
        any = true;
      }
      for (const x of this.short) if (message.includes(x.needle)) for (const id of x.ids) marks[id] = 1;
      for (const i of this.always) marks[i] = 1;
    }
    if (!any) return chosen;
    for (let i = 0; i < marks.length; i++) if (marks[i] === 1) chosen.push(this.recognizers[i]!);
    return chosen;
  }
}
