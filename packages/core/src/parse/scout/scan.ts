/**
 * What the scout (issue 16) works out for each line of a chunk, in a worker thread, before the main
 * thread reads the line: where the line ends; for a line in journalctl's `short-iso` or
 * `short-iso-precise` shape, its stamp and where its host, identifier, pid and message are (what
 * `isoFast` and `readSyslogTail` give, parse/short-iso.ts and parse/short-common.ts); and which
 * needle sets have a needle in the message (what the needle dispatch's scan gives,
 * recognize/dispatch.ts). The main thread then takes these numbers instead of working them out.
 *
 * `createScout` runs in the worker as text (worker.ts stringifies it), so it uses nothing from
 * outside its own body (types aside): no imports, no module constants. Its answers must be exactly those of the
 * string readers on the same line; test/scout.test.ts checks them against those readers on every
 * line of the samples and the corpus, and on lines changed character by character. It only reads
 * lines of ASCII chunks, where a byte and a character are the same number.
 */

import type { isoMicros } from '../iso-micros.js';

/** One set of needles and the identifiers it is for (a recognizer's `needles`, `identifiers`, `identifierPrefixes`). */
export interface NeedleSet {
  needles: readonly string[];
  identifiers?: readonly string[] | undefined;
  identifierPrefixes?: readonly string[] | undefined;
}

/** Int32 fields per line in a scout table; a line's stamp is in a Float64Array at the line's index. */
export const RECORD = 9;
/** Field offsets in a record (positions are from the line's first byte). */
export const FIELD = {
  /** Where the line's newline is, in the chunk. */
  newline: 0,
  /** KIND bits. */
  kind: 1,
  /** Where the stamp ends and the host (or, without one, the identifier) starts. */
  stampEnd: 2,
  identifierAt: 3,
  identifierEnd: 4,
  messageAt: 5,
  /** The pid, or -1 for none. */
  pid: 6,
  /** Which needle sets (bit i: set i) have a needle in the message: sets 0–31, then 32–63. */
  setsLow: 7,
  setsHigh: 8,
} as const;
export const KIND = {
  /** An ISO stamp and `host ident[pid]: ` were read. */
  syslog: 1,
  /** setsLow and setsHigh hold the sets found, among those offered the identifier as it was read. */
  sets: 2,
  /** The line before in the table was read too, and had a host of the same bytes. */
  sameHost: 4,
  /** The line before in the table was read too, and had an identifier of the same bytes. */
  sameIdentifier: 8,
} as const;

export interface Scout {
  /**
   * Fills `table` (RECORD ints per line) and `stamps` for the lines of `bytes` that end in a
   * newline, at most `maxLines`; returns how many it filled (0 for a chunk that is not all ASCII).
   * The chunk's first bytes are read as a line even when they end a line the chunk before began:
   * the splitter only takes the record of a line that starts where the chunk does.
   */
  chunk(bytes: Uint8Array, table: Int32Array, stamps: Float64Array, maxLines: number): number;
}

/** What the worker has natively (node:buffer): a chunk that is all ASCII, the next newline from an offset (-1: none). */
export interface ScoutNatives {
  ascii(bytes: Uint8Array): boolean;
  newline(bytes: Uint8Array, from: number): number;
}

/** `micros` is parse/iso-micros.ts's `isoMicros`, handed in so that the worker runs the same function. */
export function createScout(sets: readonly NeedleSet[], natives: ScoutNatives, micros: typeof isoMicros): Scout {
  // Everything below is in this body on purpose (see the file's comment).
  const F_NEWLINE = 0, F_KIND = 1, F_STAMP_END = 2, F_IDENT_AT = 3, F_IDENT_END = 4, F_MESSAGE_AT = 5, F_PID = 6, F_LOW = 7, F_HIGH = 8;
  const WIDTH = 9;
  const K_SYSLOG = 1, K_SETS = 2, K_SAME_HOST = 4, K_SAME_IDENTIFIER = 8;
  // The needle scan's parameters, as recognize/dispatch.ts's NeedleScan has them.
  const SLOTS_MASK = 4095, MIN_SCANNED = 5, MAX_WINDOW = 32;
  const withSets = sets.length <= 62;

  interface Needle { bytes: Uint8Array; low: number; high: number }
  interface Scan { window: number; shift: Uint8Array; table: Uint16Array; buckets: Needle[][]; short: Needle[]; alwaysLow: number; alwaysHigh: number }

  /** The bytes of an ASCII needle. */
  const codes = (s: string): Uint8Array => {
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  };
  // recognize/recognizer.ts's `offers`, which the worker cannot import (test/scout.test.ts checks the sets against it).
  const offered = (set: NeedleSet, identifier: string): boolean => {
    if (set.identifiers === undefined && set.identifierPrefixes === undefined) return true;
    return (set.identifiers?.includes(identifier) ?? false) || (set.identifierPrefixes?.some((p) => identifier.startsWith(p)) ?? false);
  };
  const scanOf = (identifier: string): Scan => {
    const byNeedle = new Map<string, { low: number; high: number }>();
    let alwaysLow = 0, alwaysHigh = 0;
    sets.forEach((set, i) => {
      if (!offered(set, identifier)) return;
      const low = i < 32 ? 1 << i : 0, high = i < 32 ? 0 : 1 << (i - 32);
      for (const needle of set.needles) {
        // A needle with a character beyond ASCII is in no line the scout reads.
        if (/[^\x00-\x7f]/.test(needle)) continue;
        if (needle.length === 0) { alwaysLow |= low; alwaysHigh |= high; continue; }
        const bits = byNeedle.get(needle) ?? { low: 0, high: 0 };
        bits.low |= low; bits.high |= high;
        byNeedle.set(needle, bits);
      }
    });
    const scanned = [...byNeedle.keys()].filter((n) => n.length >= MIN_SCANNED);
    let window = MAX_WINDOW;
    for (const n of scanned) window = Math.min(window, n.length);
    const scan: Scan = { window, shift: new Uint8Array(SLOTS_MASK + 1).fill(window - 2), table: new Uint16Array(SLOTS_MASK + 1), buckets: [], short: [], alwaysLow, alwaysHigh };
    for (const [needle, bits] of byNeedle) {
      const entry = { bytes: codes(needle), low: bits.low, high: bits.high };
      if (needle.length < MIN_SCANNED) { scan.short.push(entry); continue; }
      const b = entry.bytes;
      for (let j = 2; j < window; j++) {
        const at = ((b[j - 2]! << 8) ^ (b[j - 1]! << 4) ^ b[j]!) & SLOTS_MASK;
        scan.shift[at] = Math.min(scan.shift[at]!, window - 1 - j);
      }
      const at = ((b[window - 3]! << 8) ^ (b[window - 2]! << 4) ^ b[window - 1]!) & SLOTS_MASK;
      if (scan.table[at] === 0) scan.table[at] = scan.buckets.push([]);
      scan.buckets[scan.table[at]! - 1]!.push(entry);
    }
    return scan;
  };
  const scans = new Map<string, Scan>();
  let lastIdentifier = '';
  let lastScan: Scan | null = null;

  /** Whether `needle` is at `at` in `b`, within `end`. */
  const isAt = (b: Uint8Array, at: number, end: number, needle: Uint8Array): boolean => {
    if (at + needle.length > end) return false;
    for (let k = 0; k < needle.length; k++) if (b[at + k] !== needle[k]) return false;
    return true;
  };
  let foundLow = 0, foundHigh = 0;
  /** The sets with a needle in b[from, end), into foundLow and foundHigh. */
  const find = (scan: Scan, b: Uint8Array, from: number, end: number): void => {
    let low = scan.alwaysLow, high = scan.alwaysHigh;
    const m = scan.window;
    if (scan.buckets.length > 0 && end - from >= m) {
      const shift = scan.shift;
      for (let i = from + m - 1; i < end;) {
        const at = ((b[i - 2]! << 8) ^ (b[i - 1]! << 4) ^ b[i]!) & SLOTS_MASK;
        const step = shift[at]!;
        if (step !== 0) { i += step; continue; }
        const bucket = scan.table[at]!;
        if (bucket !== 0) {
          const needles = scan.buckets[bucket - 1]!;
          for (let k = 0; k < needles.length; k++) {
            const x = needles[k]!;
            if (isAt(b, i - m + 1, end, x.bytes)) { low |= x.low; high |= x.high; }
          }
        }
        i++;
      }
    }
    for (const x of scan.short) {
      const first = x.bytes[0]!;
      for (let at = from; at + x.bytes.length <= end; at++) {
        if (b[at] === first && isAt(b, at, end, x.bytes)) { low |= x.low; high |= x.high; break; }
      }
    }
    foundLow = low; foundHigh = high;
  };

  // What isoFast leaves: the day of the last stamp and its Date.UTC, the stamp and where it ended.
  const lastDay = { key: -1, ms: 0 };
  let stampUs = 0, stampEnd = 0;
  /** isoFast on b[s, e): true with stampUs and stampEnd (from s) set, or false where isoFast gives null. */
  /** The digit at b[s + i] (i from 0 to n), else a number that makes any field it is in negative. */
  const digitAt = (b: Uint8Array, s: number, n: number, i: number): number => {
    const d = i < n ? b[s + i]! - 0x30 : -1;
    return d >= 0 && d <= 9 ? d : -1000000;
  };
  const iso = (b: Uint8Array, s: number, e: number): boolean => {
    const n = e - s;
    if (n < 25 || b[s + 4] !== 0x2d || b[s + 7] !== 0x2d || b[s + 10] !== 0x54 || b[s + 13] !== 0x3a || b[s + 16] !== 0x3a) return false;
    const year = digitAt(b, s, n, 0) * 1000 + digitAt(b, s, n, 1) * 100 + digitAt(b, s, n, 2) * 10 + digitAt(b, s, n, 3);
    const month = digitAt(b, s, n, 5) * 10 + digitAt(b, s, n, 6);
    const day = digitAt(b, s, n, 8) * 10 + digitAt(b, s, n, 9);
    const hour = digitAt(b, s, n, 11) * 10 + digitAt(b, s, n, 12);
    const minute = digitAt(b, s, n, 14) * 10 + digitAt(b, s, n, 15);
    const second = digitAt(b, s, n, 17) * 10 + digitAt(b, s, n, 18);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return false;
    let p = 19;
    let us = 0;
    if (b[s + p] === 0x2e) {
      let k = 0;
      for (p++; ; p++, k++) {
        const d = digitAt(b, s, n, p);
        if (d < 0) break;
        if (k === 6) return false;
        us = us * 10 + d;
      }
      if (k === 0) return false;
      for (; k < 6; k++) us *= 10;
    }
    const sign = p < n ? b[s + p] : -1;
    if ((sign !== 0x2b && sign !== 0x2d) || p + 5 >= n || b[s + p + 5] !== 0x20) return false;
    const zh = digitAt(b, s, n, p + 1) * 10 + digitAt(b, s, n, p + 2);
    const zm = digitAt(b, s, n, p + 3) * 10 + digitAt(b, s, n, p + 4);
    if (zh < 0 || zm < 0) return false;
    stampUs = micros(year, month, day, hour, minute, second, us, (sign === 0x2d ? -1 : 1) * (zh * 60 + zm), lastDay);
    stampEnd = p + 6;
    return true;
  };

  // What readSyslogTail leaves (positions from the line's start), as scanIdent's module state does there.
  let identAt = 0, identEnd = 0, identPid = -1, messageAt = 0;
  const space = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d);
  /** scanIdent on b[s, e) at `at` (from s); false also where the pid does not fit an Int32 (the reader is left to read it). */
  const ident = (b: Uint8Array, s: number, e: number, at: number): boolean => {
    const n = e - s;
    if (at >= n) return false;
    const c0 = b[s + at]!;
    if (c0 === 0x5b || c0 === 0x3a || space(c0)) return false;
    let p = at + 1;
    let c = 0;
    for (; p < n; p++) {
      c = b[s + p]!;
      if (c === 0x5b || c === 0x3a) break;
    }
    if (p >= n) return false;
    const end = p;
    let pid = -1;
    if (c === 0x5b) {
      let q = p + 1;
      pid = 0;
      for (; q < n; q++) {
        const d = b[s + q]!;
        if (d < 0x30 || d > 0x39) break;
        pid = pid * 10 + (d - 0x30);
      }
      if (q === p + 1 || q + 1 >= n || b[s + q] !== 0x5d || b[s + q + 1] !== 0x3a) return false;
      if (q - p - 1 > 9) return false;
      p = q + 1;
    }
    if (p + 1 === n) messageAt = n;
    else if (b[s + p + 1] === 0x20) messageAt = p + 2;
    else return false;
    identAt = at; identEnd = end; identPid = pid;
    return true;
  };
  /** readSyslogTail on b[s, e) from `at`. */
  const tail = (b: Uint8Array, s: number, e: number, at: number): boolean => {
    const n = e - s;
    let h = at;
    for (; h < n; h++) {
      const c = b[s + h]!;
      if (c === 0x5b || c === 0x3a || space(c)) break;
    }
    if (h > at && h < n && b[s + h] === 0x20 && ident(b, s, e, h + 1)) return true;
    return ident(b, s, e, at);
  };

  /** The scan for the identifier b[from, to), or null for one too long to look up. */
  const scanFor = (b: Uint8Array, from: number, to: number): Scan | null => {
    if (to - from > 256) return null;
    if (lastScan !== null && to - from === lastIdentifier.length) {
      let same = true;
      for (let i = from; i < to && same; i++) same = b[i] === lastIdentifier.charCodeAt(i - from);
      if (same) return lastScan;
    }
    let identifier = '';
    for (let i = from; i < to; i++) identifier += String.fromCharCode(b[i]!);
    let scan = scans.get(identifier);
    if (scan === undefined) {
      scan = scanOf(identifier);
      // Identifiers that carry a number (`session-12.scope`) would grow the map without end.
      if (scans.size < 4096) scans.set(identifier, scan);
    }
    lastIdentifier = identifier;
    lastScan = scan;
    return scan;
  };

  return {
    chunk(b, table, stamps, maxLines) {
      if (!natives.ascii(b)) return 0;
      let lines = 0;
      let start = 0;
      // The host and identifier of the line before, when it was read: where they are in the chunk (host: -1 for none).
      let hostFrom = -1, hostTo = -1, identFrom = -1, identTo = -1;
      const same = (from: number, to: number, otherFrom: number, otherTo: number): boolean => {
        if (otherFrom < 0 || to - from !== otherTo - otherFrom) return false;
        for (let i = 0; i < to - from; i++) if (b[from + i] !== b[otherFrom + i]) return false;
        return true;
      };
      while (lines < maxLines) {
        const nl = natives.newline(b, start);
        if (nl === -1) break;
        const r = lines * WIDTH;
        table[r + F_NEWLINE] = nl;
        table[r + F_KIND] = 0;
        const e = nl > start && b[nl - 1] === 0x0d ? nl - 1 : nl;
        if (iso(b, start, e) && tail(b, start, e, stampEnd)) {
          let kind = K_SYSLOG;
          const host = identAt > stampEnd;
          if (host && same(start + stampEnd, start + identAt - 1, hostFrom, hostTo)) kind |= K_SAME_HOST;
          if (same(start + identAt, start + identEnd, identFrom, identTo)) kind |= K_SAME_IDENTIFIER;
          hostFrom = host ? start + stampEnd : -1; hostTo = host ? start + identAt - 1 : -1;
          identFrom = start + identAt; identTo = start + identEnd;
          table[r + F_KIND] = kind;
          table[r + F_STAMP_END] = stampEnd;
          table[r + F_IDENT_AT] = identAt;
          table[r + F_IDENT_END] = identEnd;
          table[r + F_MESSAGE_AT] = messageAt;
          table[r + F_PID] = identPid;
          stamps[lines] = stampUs;
          const scan = withSets ? scanFor(b, start + identAt, start + identEnd) : null;
          if (scan !== null) {
            find(scan, b, start + messageAt, e);
            table[r + F_KIND] = kind | K_SETS;
            table[r + F_LOW] = foundLow;
            table[r + F_HIGH] = foundHigh;
          }
        } else {
          hostFrom = hostTo = identFrom = identTo = -1;
        }
        lines++;
        start = nl + 1;
      }
      return lines;
    },
  };
}
