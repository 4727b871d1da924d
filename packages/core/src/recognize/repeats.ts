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
  if (!hasAt(s, from, TIME_OPEN)) return -1;
  // Stamps are short: RFC 3339 with nanoseconds and a zone is 35 characters.
  const limit = Math.min(s.length, from + TIME_OPEN.length + 40);
  for (let i = from + TIME_OPEN.length; i < limit; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 /* " */) return i;
    if (!isStampChar(c)) return -1;
  }
  return -1;
}

/** `s.startsWith(word, at)` for short words, by character (startsWith with a position is slow in V8). */
function hasAt(s: string, at: number, word: string): boolean {
  if (s.length < at + word.length) return false;
  for (let k = 0; k < word.length; k++) if (s.charCodeAt(at + k) !== word.charCodeAt(k)) return false;
  return true;
}

function isStampChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 45 /* - */ || c === 58 /* : */ || c === 46 /* . */ || c === 43 /* + */ || c === 84 /* T */ ||
    c === 90 /* Z */ || c === 32;
}

/** After `time="…"` (at `at`): where the value of ` level=WORD msg="` starts, or -1. */
function msgValueStart(s: string, at: number): number {
  if (!hasAt(s, at, ' level=')) return -1;
  let i = at + ' level='.length;
  const word = i;
  while (i < s.length && isLowerLetter(s.charCodeAt(i))) i++;
  if (i === word || !hasAt(s, i, ' msg="')) return -1;
  return i + ' msg="'.length;
}

function isLowerLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** True when a klog header's `[IWEF]MMDD hh:mm:ss.uuuuuu` starts at `i`. */
function klogStampAt(s: string, i: number): boolean {
  if (s.length < i + KLOG_STAMP_LENGTH) return false;
  const level = s.charCodeAt(i);
  if (level !== 73 /* I */ && level !== 87 /* W */ && level !== 69 /* E */ && level !== 70 /* F */) return false;
  for (let k = 1; k < KLOG_STAMP_LENGTH; k++) {
    const c = s.charCodeAt(i + k);
    const want = KLOG_SHAPE.charCodeAt(k);
    if (want === 100 /* d */ ? c < 48 || c > 57 : c !== want) return false;
  }
  return true;
}

/** The header's shape after its level letter: `d` a digit, anything else itself. */
const KLOG_SHAPE = 'Xdddd dd:dd:dd.dddddd';

interface Slot<V> {
  kind: Kind;
  mid: string;
  tail: string;
  value: V;
}

/**
 * What a recognizer found for the last few message shapes, by repeatKey, at most `capacity` of them
 * (the oldest replaced first). A lookup builds no key: it compares the message's pieces with each
 * slot's (lengths first), so a miss costs a few comparisons of numbers and a hit one comparison of
 * the message's tail, with no hashing of long lines. A broken node's repeats come from a few shapes.
 * Like the dispatch, it reads the flat line a short-mode message was sliced from (parse/message-source.ts).
 */
export class RepeatMemo<V> {
  private readonly slots: Array<Slot<V>> = [];
  private next = 0;

  constructor(private readonly capacity = 16) {}

  /** What was remembered for a message with the same repeatKey, else undefined. */
  get(message: string): V | undefined {
    const noted = lastMessageSource;
    const s = message === noted.message ? noted.line : message;
    const kind = locate(s, s === message ? 0 : noted.column);
    const tailLength = s.length - tailFrom;
    const midLength = midTo - midFrom;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i]!;
      if (slot.kind !== kind || slot.tail.length !== tailLength || slot.mid.length !== midLength) continue;
      if (s.slice(tailFrom) === slot.tail && s.slice(midFrom, midTo) === slot.mid) return slot.value;
    }
    return undefined;
  }

  /** Remembers `value` for messages with this message's repeatKey. */
  set(message: string, value: V): void {
    const kind = locate(message, 0);
    const slot: Slot<V> = { kind, mid: message.slice(midFrom, midTo), tail: message.slice(tailFrom), value };
    if (this.slots.length < this.capacity) {
      this.slots.push(slot);
      return;
    }
    this.slots[this.next] = slot;
    this.next = (this.next + 1) % this.capacity;
  }
}
