import { lastMessageSource } from '../parse/message-source.js';
import { offers, type Recognizer } from './recognizer.js';
import { RepeatMemo, touchesStamp } from './repeats.js';
import type { NeedleSet } from '../parse/scout/scan.js';

// Readers note where a message was sliced from (parse/message-source.ts); re-exported for tests.
export { noteMessageSource } from '../parse/message-source.js';
import { minOf, pushAll } from '../util/bounded.js';

/** The table slot of three adjacent characters. */
const slot = (a: number, b: number, c: number) => (((a << 8) ^ (b << 4) ^ c) & SLOTS_MASK);
/** Table size: 4 Ki slots, so the shift table (4 KiB) stays in the L1 cache between messages. */
const SLOTS = 4096;
const SLOTS_MASK = SLOTS - 1;

/** Needles shorter than this are checked with `includes`; the rest by the skipping scan. */
const MIN_SCANNED = 5;
/** The scan's window (Wu–Manber's m) is at most this long: shifts fit a byte. */
const MAX_WINDOW = 32;
/**
 * Messages shorter than this are scanned, not looked up among the shapes: their scan costs about what
 * a lookup does (locating the stamps, comparing the tail), and most of a sparse journal's are short.
 */
const MEMO_MIN_LENGTH = 160;
/** Identifiers whose scans the dispatch looks up without a map (a journal's lines come from a few programs). */
const RECENT_IDENTIFIERS = 8;
/** A bit mask of recognizers fits 31 of them; more are split into groups of 31, selected in order. */
const GROUP = 31;

/** One needle of the scan, found where its first `window` characters end. */
interface Scanned {
  needle: string;
  /** The recognizers with any needle inside this one (all of them occur where this one does), as bits. */
  mask: number;
}

/**
 * Picks the recognizers an entry's message is for with one pass over the message (issue 9), instead
 * of one `includes` per needle per recognizer (73 needles: half the time of a whole analyze run).
 *
 * Round 3: a Wu–Manber scan. Every needle of `MIN_SCANNED` characters or more is at least `window`
 * (m) long. The scan looks at windows of m characters, ending at `i`, and hashes only the last three
 * characters of the window (a 64 Ki table slot). `shift[slot]` is how far the window can move
 * without passing the end of the first m characters of any needle: m − 1 − j for the three
 * characters ending at j (2 ≤ j < m) of a needle's first m characters, the smallest over all needles
 * (and over slots that collide), and m − 2 for slots no needle has. So a needle that occurs is never
 * skipped: when its first m characters are the window, their last three give shift 0. Only at shift
 * 0 are the needles whose first m characters end in that slot checked with `startsWith` at the
 * window's start; a needle is taken only when `startsWith` found it whole. The recognizers chosen are
 * exactly those with `needles.some((n) => message.includes(n))`, in the same order (tests:
 * test/performance.test.ts). Shorter needles are checked with `includes`; the empty needle matches
 * every message. The bench messages shift by ~2.5 characters per step instead of 1.
 *
 * Which recognizers matched is a bit mask; the array for each mask is built once and reused.
 *
 * Round 5: recognizers that only read entries of certain identifiers say so (`identifiers`), and an
 * entry is scanned for the needles of the recognizers it can be for: one scan per identifier a
 * recognizer names, one for all others. A kubelet line is no longer scanned for keepalived's ` for `
 * (in 36 % of the bench's messages) or dhcpcd's ` from `, and the shortest needle left for it is six
 * characters, so the scan's window is longer. Round 8 (issues 14–15 speed): `identifierPrefixes`
 * do the same for programs whose identifier carries a name (NixOS's `network-addresses-eth0-start`),
 * which took `added ip ` (nine characters) out of the open scan: its window is ten again.
 *
 * Round 1 used one regex alternating every needle (~1 µs per message in irregexp); round 2 a
 * rolling hash of every three characters with needles anchored on their rarest three (~0.58 µs):
 * see docs/performance.md.
 */
export class NeedleDispatch {
  /** For entries whose identifier no recognizer names: the recognizers that take any identifier. */
  private readonly open: NeedleScan;
  /**
   * For each identifier some recognizer names: those recognizers and the open ones, in order; null
   * until an entry of that identifier comes (most inputs have few of them: building the twenty-odd
   * scans at start cost more than a sparse run's dispatch of systemd's lines).
   */
  private readonly byIdentifier = new Map<string, NeedleScan | null>();
  /** Every `identifierPrefixes` entry, in a fixed order. */
  private readonly prefixes: string[];
  /** Each recognizer's index in `sets`. */
  private readonly setOf: ReadonlyMap<Recognizer, number>;
  /** By the prefixes an identifier starts with (their indices, `0,2,`): that identifier's scan, made when first asked. */
  private readonly byPrefixes = new Map<string, NeedleScan>();

  constructor(private readonly recognizers: readonly Recognizer[]) {
    this.sets = recognizers.map((r) => ({ needles: r.needles, identifiers: r.identifiers, identifierPrefixes: r.identifierPrefixes }));
    this.setOf = new Map(recognizers.map((r, i) => [r, i]));
    this.open = new NeedleScan(recognizers.filter((r) => offers(r, null)), this.setOf);
    this.prefixes = [...new Set(recognizers.flatMap((r) => r.identifierPrefixes ?? []))];
    for (const identifier of recognizers.flatMap((r) => r.identifiers ?? [])) this.byIdentifier.set(identifier, null);
  }

  /**
   * The recognizers an entry with this message and identifier is for, in their order: those whose
   * `identifiers` or `identifierPrefixes` (when set) take the identifier and with a needle in the
   * message. Do not change the array: the same one is handed out again for the next entry with the
   * same recognizers.
   */
  select(message: string, identifier: string | null): readonly Recognizer[] {
    const scan = this.scanFor(identifier);
    // The scout (parse/scout/) found the sets with a needle in this message among those offered this identifier.
    const noted = lastMessageSource;
    const chosen = noted.sets === this.sets && message === noted.message && identifier === noted.identifier
      ? scan.selectScouted(noted.line, noted.column, noted.setsLow, noted.setsHigh)
      : scan.select(message);
    this.shape = scan.shape;
    return chosen;
  }

  /**
   * The recognizers' needles and identifiers as plain data, for the scout (parse/scout/): set i is
   * recognizer i. A file read with these sets notes, for each line it scouted, which of them have a
   * needle in the message; `select` takes that instead of scanning when the sets are these.
   */
  readonly sets: readonly NeedleSet[];

  /**
   * The shape the last `select` found its message to have, when it was one seen before (recognize/repeats.ts):
   * the same object for every message of that shape and identifier while the shape is kept, else null.
   */
  shape: object | null = null;

  /** The last few identifiers asked for and their scans (a map lookup hashes the identifier, new on every line). */
  private readonly recentIdentifiers: string[] = [];
  private readonly recentScans: NeedleScan[] = [];

  private scanFor(identifier: string | null): NeedleScan {
    if (identifier === null) return this.open;
    const ids = this.recentIdentifiers;
    for (let i = 0; i < ids.length; i++) if (ids[i] === identifier) return this.recentScans[i]!;
    const scan = this.scanOf(identifier);
    if (ids.length >= RECENT_IDENTIFIERS) {
      ids.shift();
      this.recentScans.shift();
    }
    ids.push(identifier);
    this.recentScans.push(scan);
    return scan;
  }

  private scanOf(identifier: string): NeedleScan {
    const scan = this.byIdentifier.get(identifier);
    if (scan !== undefined) return scan ?? this.named(identifier);
    return this.prefixes.length === 0 ? this.open : this.byPrefix(identifier);
  }

  /** The scan of an identifier some recognizer names, made the first time an entry has it. */
  private named(identifier: string): NeedleScan {
    const scan = new NeedleScan(this.recognizers.filter((r) => offers(r, identifier)), this.setOf);
    this.byIdentifier.set(identifier, scan);
    return scan;
  }

  /** The scan of an identifier no recognizer names whole: the open one unless it starts with a prefix some recognizer names. */
  private byPrefix(identifier: string): NeedleScan {
    let key = '';
    for (let k = 0; k < this.prefixes.length; k++) if (identifier.startsWith(this.prefixes[k]!)) key += `${k},`;
    if (key === '') return this.open;
    let scan = this.byPrefixes.get(key);
    if (scan === undefined) {
      // Every identifier with these prefixes (and named whole by no recognizer) is offered the same recognizers.
      scan = new NeedleScan(this.recognizers.filter((r) => offers(r, identifier)), this.setOf);
      this.byPrefixes.set(key, scan);
    }
    return scan;
  }
}

/** The needle scan over one set of recognizers (see NeedleDispatch). */
class NeedleScan {
  /** Recognizers in groups of 31 (more than that: one scan per group, results in order). */
  private readonly groups: NeedleScan[] | null = null;
  private readonly window: number = 0;
  private readonly shift = new Uint8Array(0);
  /** By slot: 0, or 1 + the index in `buckets` of the needles whose first `window` characters end in that slot. */
  private readonly table = new Uint16Array(0);
  private readonly buckets: Scanned[][] = [];
  /** Needles shorter than MIN_SCANNED. */
  private readonly short: Scanned[] = [];
  /** Recognizers with an empty needle: they see every message. */
  private readonly always: number = 0;
  private readonly chosen = new Map<number, readonly Recognizer[]>();
  private static readonly NONE: readonly Recognizer[] = Object.freeze([]);
  /**
   * What the scan chose for recent message shapes (recognize/repeats.ts), when no needle can reach
   * into a piece the shape leaves out; else null. A broken node repeats a few lines with new stamps
   * all month (issue 16): a repeat is chosen for by one comparison of its tail, not a scan.
   */
  private readonly shapes: RepeatMemo<readonly Recognizer[]> | null = null;

  /** By the scout's set bits (low + high × 2³²): this scan's mask (see `selectScouted`). */
  private readonly masksOfSets = new Map<number, number>();

  constructor(private readonly recognizers: readonly Recognizer[], private readonly setOf: ReadonlyMap<Recognizer, number>) {
    if (recognizers.length > GROUP) {
      this.groups = [];
      for (let i = 0; i < recognizers.length; i += GROUP) this.groups.push(new NeedleScan(recognizers.slice(i, i + GROUP), setOf));
      return;
    }
    const needles = [...new Set(recognizers.flatMap((r) => r.needles))].filter((n) => n.length > 0);
    const maskOf = (needle: string) => {
      // Every recognizer with a needle inside this one: where this one occurs, those do too.
      let mask = 0;
      recognizers.forEach((r, i) => {
        if (r.needles.some((m) => m.length > 0 && needle.includes(m))) mask |= 1 << i;
      });
      return mask;
    };
    const scanned = needles.filter((n) => n.length >= MIN_SCANNED);
    const m = minOf(scanned.map((n) => n.length), MAX_WINDOW);
    this.window = m;
    if (scanned.length > 0) {
      this.shift = new Uint8Array(SLOTS).fill(m - 2);
      this.table = new Uint16Array(SLOTS);
    }
    for (const needle of needles) {
      const mask = maskOf(needle);
      if (needle.length < MIN_SCANNED) {
        this.short.push({ needle, mask });
        continue;
      }
      for (let j = 2; j < m; j++) {
        const at = slot(needle.charCodeAt(j - 2), needle.charCodeAt(j - 1), needle.charCodeAt(j));
        this.shift[at] = Math.min(this.shift[at]!, m - 1 - j);
      }
      const at = slot(needle.charCodeAt(m - 3), needle.charCodeAt(m - 2), needle.charCodeAt(m - 1));
      if (this.table[at] === 0) this.table[at] = this.buckets.push([]);
      this.buckets[this.table[at]! - 1]!.push({ needle, mask });
    }
    // An empty needle is in every message: such a recognizer sees every entry.
    this.always = recognizers.reduce((mask, r, i) => (r.needles.some((n) => n.length === 0) ? mask | (1 << i) : mask), 0);
    if (!needles.some(touchesStamp)) this.shapes = new RepeatMemo();
  }

  /** The shape the last `select` found (see NeedleDispatch.shape). */
  shape: object | null = null;

  /**
   * The recognizers whose needles occur in `message`, in their order. Do not change the array: the
   * same one is handed out again for the next message with the same recognizers.
   */
  select(message: string): readonly Recognizer[] {
    this.shape = null;
    if (this.groups !== null) return this.selectInGroups(this.groups, message);
    // The same characters, scanned in the flat line they were sliced from (parse/message-source.ts).
    const noted = lastMessageSource;
    return message === noted.message ? this.selectFrom(noted.line, noted.column) : this.selectFrom(message, 0);
  }

  /**
   * `select(line.slice(column))` when the scout found the sets `low`, `high` (bit i: set i, the
   * dispatch's recognizer i) with a needle in it, among those offered the identifier this scan is
   * for: the same answer and the same shape, with the scan's own mask made from those bits.
   */
  selectScouted(line: string, column: number, low: number, high: number): readonly Recognizer[] {
    this.shape = null;
    if (this.groups !== null) {
      const chosen: Recognizer[] = [];
      for (const group of this.groups) pushAll(chosen, group.selectScouted(line, column, low, high));
      return chosen;
    }
    const key = (low >>> 0) + high * 2 ** 32;
    let mask = this.masksOfSets.get(key);
    if (mask === undefined) {
      mask = 0;
      for (let i = 0; i < this.recognizers.length; i++) {
        const set = this.setOf.get(this.recognizers[i]!)!;
        if (((set < 32 ? low >>> set : high >>> (set - 32)) & 1) !== 0) mask |= 1 << i;
      }
      this.masksOfSets.set(key, mask);
    }
    // No recognizer chosen: no shape can be kept for the message either (only shapes that chose
    // one are), so the memo is not asked (most long lines of a journal are no event).
    if (mask === 0) return NeedleScan.NONE;
    return this.selectFrom(line, column, mask);
  }

  /**
   * `selectIn` (or, given, the mask it would find), or what it gave for a message of the same
   * shape (only shapes that chose some recognizer are kept).
   */
  private selectFrom(message: string, from: number, scouted?: number): readonly Recognizer[] {
    const shapes = message.length - from >= MEMO_MIN_LENGTH ? this.shapes : null;
    if (shapes !== null) {
      const known = shapes.getIn(message, from);
      if (known !== undefined) {
        this.shape = shapes.hit;
        return known;
      }
    }
    const chosen = scouted === undefined ? this.selectIn(message, from) : this.chosenOf(scouted);
    if (shapes !== null && chosen.length > 0) shapes.setIn(message, from, chosen);
    return chosen;
  }

  /** What `select(message.slice(from))` returns, without the slice. */
  private selectIn(message: string, from: number): readonly Recognizer[] {
    let mask = this.always;
    const n = message.length;
    const m = this.window;
    if (this.buckets.length > 0 && n - from >= m) {
      const shift = this.shift;
      const table = this.table;
      let i = from + m - 1;
      while (i < n) {
        const at = ((message.charCodeAt(i - 2) << 8) ^ (message.charCodeAt(i - 1) << 4) ^ message.charCodeAt(i)) & SLOTS_MASK;
        const step = shift[at]!;
        if (step !== 0) {
          i += step;
          continue;
        }
        const bucket = table[at]!;
        if (bucket !== 0) {
          const scanned = this.buckets[bucket - 1]!;
          const start = i - m + 1;
          for (let k = 0; k < scanned.length; k++) {
            const x = scanned[k]!;
            if (message.startsWith(x.needle, start)) mask |= x.mask;
          }
        }
        i++;
      }
    }
    const short = this.short;
    for (let k = 0; k < short.length; k++) {
      const x = short[k]!;
      if (message.indexOf(x.needle, from) !== -1) mask |= x.mask;
    }
    return this.chosenOf(mask);
  }

  /** The recognizers of the bits of `mask`, the same array for the same mask. */
  private chosenOf(mask: number): readonly Recognizer[] {
    if (mask === 0) return NeedleScan.NONE;
    let chosen = this.chosen.get(mask);
    if (chosen === undefined) {
      chosen = Object.freeze(this.recognizers.filter((_, i) => (mask & (1 << i)) !== 0));
      this.chosen.set(mask, chosen);
    }
    return chosen;
  }

  private selectInGroups(groups: readonly NeedleScan[], message: string): readonly Recognizer[] {
    const chosen: Recognizer[] = [];
    for (const group of groups) pushAll(chosen, group.select(message));
    return chosen;
  }
}
