/**
 * What the scout found, handed from the chunk reader to the line splitter and from the splitter to
 * the short-mode reader (issue 16). Module state, like message-source.ts: the reader it is for runs
 * synchronously inside the splitter's call, and every answer depends only on the line's characters,
 * so a reader that checks the text it was given against `lineScout.text` (equal characters, equal
 * answers) can take the numbers.
 */
const NO_TABLE: Int32Array = new Int32Array(0);
const NO_STAMPS: Float64Array = new Float64Array(0);

/** The chunk `bytes` last handed out by the scouted file reader, with its scout table. */
export const chunkScout = {
  bytes: null as Uint8Array | null,
  table: NO_TABLE,
  stamps: NO_STAMPS,
  /** Lines listed in the table: the first `lines` newlines of the chunk, in order. */
  lines: 0,
  /** The needle sets the table's set bits refer to (the dispatch checks it is its own). */
  sets: null as object | null,
};

/** The line the splitter is handing on, when the scout read it: `text` null otherwise. */
export const lineScout = {
  text: null as string | null,
  table: NO_TABLE,
  stamps: NO_STAMPS,
  /** The line's index in its chunk's table (its record is at index × RECORD). */
  index: 0,
  sets: null as object | null,
  /** Lines a reader took from the scout's tables, over the process (for tests and BOOTLENS_SCOUT_STATS). */
  taken: 0,
};

/** The chunk reader hands out `bytes` with its table, or (all null) lets go of the last one. */
export function setChunkScout(bytes: Uint8Array | null, table: Int32Array | null, stamps: Float64Array | null, lines: number, sets: object | null): void {
  chunkScout.bytes = bytes;
  chunkScout.table = table ?? NO_TABLE;
  chunkScout.stamps = stamps ?? NO_STAMPS;
  chunkScout.lines = lines;
  chunkScout.sets = sets;
  lineScout.table = NO_TABLE;
  lineScout.stamps = NO_STAMPS;
}
