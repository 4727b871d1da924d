import { fractionUs, shortModeReader, stampParser } from './short-common.js';
import type { LineReaderFactory } from './reader.js';

// `1732094822.812345 ` : seconds since the epoch, UTC by definition, so no year or zone to guess.
const UNIX_STAMP = /(\d{1,12})\.(\d{1,6}) /y;
export const UNIX_LINE = /^\d{9,12}\.\d{6} \S/;

/** `-o short-unix`. */
export const shortUnixReader: LineReaderFactory = (options) =>
  shortModeReader({
    format: 'short-unix',
    stamp: stampParser(UNIX_STAMP, 'a timestamp like 1732094822.812345', (m) => ({
      realtimeUs: Number(m[1]) * 1_000_000 + fractionUs(m[2]),
      monotonicUs: null,
    })),
  }, options);
