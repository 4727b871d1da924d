/**
 * Repeats made cheap (issue 16). A broken node logs the same failure every few seconds, and the lines
 * differ only in their stamps: k0s relays kubelet's klog line inside logrus,
 * `time="2024-11-20 09:27:43" level=info msg="E1120 09:27:43.520114    1158 reflector.go:158] … x509: …"`.
 * A recognizer whose result depends on the message alone (not on state, not on the entry's other
 * fields) can key what it found by `repeatKey(message)` and read a repeat with one lookup.
 *
 * `repeatKey` takes the stamps out: the value of a leading logrus `time="…"` when it holds only
 * digits and `-:.+TZ` and space (the key keeps `time=""`), and a klog header's date and time
 * (`E1120 09:27:43.520114` → `E0000 00:00:00.000000`) at the start of the message or right after
 * `time="…" level=WORD msg="`. Two messages with the same key differ only there, and the key is itself
 * such a message. Why that cannot change what a recognizer using it finds is that recognizer's to
 * show (see x509.ts); the shape rules here are what makes it easy to show: the pieces cut are at the
 * very start of the message or of logrus's `msg`, made of digits and separators only, and a klog
 * header stays a klog header (every digit stays a digit).
 */

import { lastMessageSource } from '../parse/message-source.js';
import { detached } from '../util/strings.js';

const KLOG_STAMP_LENGTH = 21; // E1120 09:27:43.520114
const KLOG_PLACEHOLDER = '0000 00:00:00.000000';
const TIME_OPEN = 'time="';

/** The message with its stamps replaced (see above); the message itself when it has none. */
export function repeatKey(message: string): string {
  const kind = locate(message, 0);
  const tail = message.slice(tailFrom);
  if (kind === KLOG_FIRST) return message[0] + KLOG_PLACEHOLDER + tail;
  if (kind === TIME_FIRST) return midTo > midFrom ? TIME_OPEN + message.slice(midFrom, midTo) + KLOG_PLACEHOLDER + tail : TIME_OPEN + tail;
  return message;
}

/** What `locate` found: no stamp, a klog header first, or logrus's `time="…"` first (maybe with a klog header in `msg`). */
const PLAIN = 0;
const KLOG_FIRST = 1;
const TIME_FIRST = 2;
type Kind = typeof PLAIN | typeof KLOG_FIRST | typeof TIME_FIRST;

// Where the message's pieces kept by repeatKey are, set by `locate` and read right after it (no object
// per message): the middle piece [midFrom, midTo) (a klog header's level letter, or what lies between
// the time value and the klog stamp: `" level=info msg="E`), and the tail from `tailFrom` to the end.
// The kind, the middle and the tail together make the key.
let midFrom = 0;
let midTo = 0;
let tailFrom = 0;

/** Finds the pieces of the message that starts at `from` in `s` and runs to its end. */
function locate(s: string, from: number): Kind {
  midFrom = midTo = tailFrom = from;
  if (klogStampAt(s, from)) {
    midTo = from + 1;
    tailFrom = from + KLOG_STAMP_LENGTH;
    return KLOG_FIRST;
  }
  const close = timeValueEnd(s, from);
  if (close === -1) return PLAIN;
  tailFrom = close;
  const msg = msgValueStart(s, close + 1);
  if (msg !== -1 && klogStampAt(s, msg)) {
    midFrom = close;
    midTo = msg + 1;
    tailFrom = msg + KLOG_STAMP_LENGTH;
  }
  return TIME_FIRST;
}

/** Index of the quote that closes a `time="…"` at `from` holding only stamp characters, or -1. */
function timeValueEnd(s: string, from: number): number {
  if (!hasAt(s, from, TIME_OPEN_CODES)) return -1;
  // Stamps are short: RFC 3339 with nanoseconds and a zone is 35 characters.
  const limit = Math.min(s.length, from + TIME_OPEN.length + 40);
  for (let i = from + TIME_OPEN.length; i < limit; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 /* " */) return i;
    if (!isStampChar(c)) return -1;
  }
  return -1;
}

/**
 * `s.startsWith(word, at)` for short words given as character codes (startsWith with a position is
 * slow in V8, and so is reading a constant string's characters in the loop: a third of `locate`).
 */
function hasAt(s: string, at: number, word: readonly number[]): boolean {
  if (s.length < at + word.length) return false;
  for (let k = 0; k < word.length; k++) if (s.charCodeAt(at + k) !== word[k]) return false;
  return true;
}

const codes = (word: string): readonly number[] => Array.from(word, (c) => c.charCodeAt(0));
const TIME_OPEN_CODES = codes(TIME_OPEN);
const LEVEL_CODES = codes(' level=');
const MSG_CODES = codes(' msg="');

/** By character code below 128: 1 for the characters of a stamp (digits, `-:.+TZ` and space). */
const STAMP_CHARS = new Uint8Array(128);
for (const c of '0123456789-:.+TZ ') STAMP_CHARS[c.charCodeAt(0)] = 1;

function isStampChar(c: number): boolean {
  return c < 128 && STAMP_CHARS[c] === 1;
}

/** After `time="…"` (at `at`): where the value of ` level=WORD msg="` starts, or -1. */
function msgValueStart(s: string, at: number): number {
  if (!hasAt(s, at, LEVEL_CODES)) return -1;
  let i = at + LEVEL_CODES.length;
  const word = i;
  while (i < s.length && isLowerLetter(s.charCodeAt(i))) i++;
  if (i === word || !hasAt(s, i, MSG_CODES)) return -1;
  return i + MSG_CODES.length;
}

function isLowerLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** True when a klog header's `[IWEF]MMDD hh:mm:ss.uuuuuu` starts at `i`. */
function klogStampAt(s: string, i: number): boolean {
  if (s.length < i + KLOG_STAMP_LENGTH || !isKlogLevel(s.charCodeAt(i))) return false;
  // The separators first: most text fails there.
  if (s.charCodeAt(i + 5) !== 32 || s.charCodeAt(i + 8) !== 58 || s.charCodeAt(i + 11) !== 58 || s.charCodeAt(i + 14) !== 46) return false;
  for (let k = 1; k < KLOG_STAMP_LENGTH; k++) {
    if (k === 5 || k === 8 || k === 11 || k === 14) continue;
    const c = s.charCodeAt(i + k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The header's shape after its level letter: `d` a digit, anything else itself (the separators klogStampAt tests at 5, 8, 11, 14). */
const KLOG_SHAPE = 'Xdddd dd:dd:dd.dddddd';

interface Slot<V> {
  kind: Kind;
  mid: string;
  tail: string;
  /** The whole message's length (what the length gate counts). */
  length: number;
  /** Where the middle piece starts, from the message's start. */
  midAt: number;
  value: V;
}

/** The length gate's size: lengths are counted modulo this. */
const GATE = 1024;

/**
 * Whether the message at `from` in `s`, of the slot's length and with its tail and middle piece, has
 * stamps where the slot's message had them: then `locate` finds in it the slot's kind and pieces (what
 * `locate` reads past the stamps lies in the middle piece and the tail, equal to the slot's).
 */
function stampsAt<V>(s: string, from: number, slot: Slot<V>): boolean {
  if (slot.kind === PLAIN) return true; // the tail is the whole message
  if (slot.kind === KLOG_FIRST) return klogStampAt(s, from);
  // TIME_FIRST: `time="`, stamp characters up to the quote that opens the middle piece or the tail.
  if (!hasAt(s, from, TIME_OPEN_CODES)) return false;
  const close = slot.mid.length > 0 ? from + slot.midAt : s.length - slot.tail.length;
  for (let i = from + TIME_OPEN.length; i < close; i++) if (!isStampChar(s.charCodeAt(i))) return false;
  // A klog header in `msg`: its level letter ends the middle piece.
  return slot.mid.length === 0 || klogStampAt(s, from + slot.midAt + slot.mid.length - 1);
}

/**
 * What a recognizer found for the last few message shapes, by repeatKey, at most `capacity` of them
 * (the oldest replaced first). A lookup builds no key: it compares the message's pieces with each
 * slot's (lengths first), so a miss costs a few comparisons of numbers and a hit one comparison of
 * the message's tail, with no hashing of long lines. A broken node's repeats come from a few shapes.
 * Like the dispatch, it reads the flat line a short-mode message was sliced from (parse/message-source.ts).
 *
 * A length gate comes first: how many slots hold a message of each length (modulo GATE). Repeats of
 * one shape have one length (their stamps have fixed widths), so a message whose length no slot has
 * is a miss after one array read, before any parsing; the dispatch asks for every message (issue 16).
 */
export class RepeatMemo<V> {
  private readonly slots: Array<Slot<V>> = [];
  private next = 0;
  private readonly lengths = new Uint8Array(GATE);
  /** The slot the last `getIn` found, else null: one object per shape while it is kept (the dispatch hands it on). */
  hit: object | null = null;

  constructor(private readonly capacity = 16) {}

  /** What was remembered for a message with the same repeatKey, else undefined. */
  get(message: string): V | undefined {
    const noted = lastMessageSource;
    return message === noted.message ? this.getIn(noted.line, noted.column) : this.getIn(message, 0);
  }

  /** What `get(s.slice(from))` returns, without the slice. */
  getIn(s: string, from: number): V | undefined {
    this.hit = null;
    const length = s.length - from;
    if (this.lengths[length % GATE] === 0) return undefined;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i]!;
      if (slot.length !== length) continue;
      // A message of the slot's shape has its pieces where the slot's message had them: the tail last,
      // the middle at the same place. Both compared natively first; then the stamps, at known places.
      const midAt = from + slot.midAt;
      if (s.slice(s.length - slot.tail.length) !== slot.tail || (slot.mid.length > 0 && s.slice(midAt, midAt + slot.mid.length) !== slot.mid)) continue;
      if (stampsAt(s, from, slot)) {
        this.hit = slot;
        return slot.value;
      }
    }
    return undefined;
  }

  /** Remembers `value` for messages with this message's repeatKey. */
  set(message: string, value: V): void {
    this.setIn(message, 0, value);
  }

  /** What `set(s.slice(from), value)` does, without the slice. */
  setIn(s: string, from: number, value: V): void {
    const kind = locate(s, from);
    const length = s.length - from;
    const slot: Slot<V> = { kind, mid: detached(s.slice(midFrom, midTo)), tail: detached(s.slice(tailFrom)), length, midAt: midFrom - from, value };
    this.lengths[length % GATE]!++;
    if (this.slots.length < this.capacity) {
      this.slots.push(slot);
      return;
    }
    this.lengths[this.slots[this.next]!.length % GATE]!--;
    this.slots[this.next] = slot;
    this.next = (this.next + 1) % this.capacity;
  }
}

/**
 * Whether `needle` can occur in a message so that it overlaps a piece repeatKey cuts. When no needle
 * of a set can, two messages with the same key hold the same needles (every occurrence lies in a
 * piece the key keeps, at the same place), so what a needle scan chose for one holds for the other.
 * Every way of laying the needle over each piece is tried, with the characters around the piece.
 */
export function touchesStamp(needle: string): boolean {
  return needle.length > 0 && (reachesTimeValue(needle) || overlapsKlogStamp(needle));
}

/**
 * A logrus time value: the message starts `time="`, then 0 to 40 stamp characters (digits and
 * `-:.+TZ` and space), then `"`. A needle reaches into it when it lies inside (all stamp characters),
 * starts inside and runs past the closing quote, or starts before: then what it has before the
 * opening quote ends `time=`, and after it come stamp characters to its end, or to a quote (it spans
 * the value; an empty one too, which a repeat may not have).
 */
function reachesTimeValue(needle: string): boolean {
  if (everyChar(needle, 0, needle.length, isStampChar)) return true;
  const quote = needle.indexOf('"');
  if (quote === -1) return false;
  if (quote > 0 && everyChar(needle, 0, quote, isStampChar)) return true;
  if (!TIME_OPEN.slice(0, -1).endsWith(needle.slice(0, quote))) return false;
  let j = quote + 1;
  while (j < needle.length && isStampChar(needle.charCodeAt(j))) j++;
  return j === needle.length ? j > quote + 1 : needle.charCodeAt(j) === 34 /* " */;
}

function everyChar(s: string, from: number, to: number, test: (c: number) => boolean): boolean {
  for (let i = from; i < to; i++) if (!test(s.charCodeAt(i))) return false;
  return true;
}

/** The digits and separators a klog stamp cuts: KLOG_SHAPE after its level letter. */
const KLOG_PIECE = KLOG_SHAPE.slice(1);

/** Whether the needle, laid with its character 0 at `at` of the piece (negative: before it), can match there. */
function overlapsKlogStamp(needle: string): boolean {
  const n = KLOG_PIECE.length;
  for (let at = 1 - needle.length; at < n; at++) {
    let fits = true;
    for (let j = Math.max(0, -at); fits && j < needle.length && at + j < n; j++) {
      const want = KLOG_PIECE.charCodeAt(at + j);
      const c = needle.charCodeAt(j);
      fits = want === 100 /* d */ ? c >= 48 && c <= 57 : c === want;
    }
    // The character before the piece is the level letter.
    const before = -at - 1;
    if (fits && before >= 0 && before < needle.length) fits = isKlogLevel(needle.charCodeAt(before));
    if (fits) return true;
  }
  return false;
}

function isKlogLevel(c: number): boolean {
  return c === 73 /* I */ || c === 87 /* W */ || c === 69 /* E */ || c === 70 /* F */;
}
