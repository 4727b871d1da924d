import { fractionUs, shortModeReader, stampParser } from './short-common.js';
import type { LineReaderFactory } from './reader.js';

// `[    2.812345] ` (short-monotonic, `[%5llu.%06llu]`) and `[    2.812345 <    0.000123>] `
// (short-delta; the first entry of a boot has blanks instead of the delta, and the delta ends in
// `*` when journalctl fell back to wall-clock time across boots). Monotonic time only: no wall
// clock, no year, no zone. The delta is redundant with the monotonic stamps and is not kept.
const MONOTONIC_STAMP = /\[ *(\d+)\.(\d{1,6})\] /y;
const DELTA_STAMP = /\[ *(\d+)\.(\d{1,6})(?: <[ \d.]+\*?>| +)\] /y;

export const MONOTONIC_LINE = /^\[ *\d+\.\d{6}\] \S/;
export const DELTA_LINE = /^\[ *\d+\.\d{6}(?: <[ \d.]+\*?>| +)\] \S/;

const monotonic = (m: RegExpExecArray) => ({ realtimeUs: null, monotonicUs: Number(m[1]) * 1_000_000 + fractionUs(m[2]) });

/**
 * `-o short-monotonic`. Note systemd 256 printed wrong stamps here (systemd#34250); json, export and
 * verbose carry `__MONOTONIC_TIMESTAMP` itself.
 */
export const shortMonotonicReader: LineReaderFactory = (options) =>
  shortModeReader({ format: 'short-monotonic', stamp: stampParser(MONOTONIC_STAMP, 'a timestamp like [    2.812345]', monotonic) }, options);

/** `-o short-delta`. */
export const shortDeltaReader: LineReaderFactory = (options) =>
  shortModeReader({ format: 'short-delta', stamp: stampParser(DELTA_STAMP, 'a timestamp like [    2.812345 <    0.000123>]', monotonic) }, options);
