/**
 * Decoding part of a Buffer without `toString`'s argument checks and encoding lookup, which cost as
 * much as the decoding itself for the short values of export fields (issue 9: 19% of an export
 * run). Node's Buffer has had `utf8Slice`/`latin1Slice` since its first versions; where a runtime
 * lacks them, `toString` does the same.
 */
type Slicing = Buffer & { utf8Slice?(start: number, end: number): string; latin1Slice?(start: number, end: number): string };

const proto = Buffer.prototype as Slicing;

export const utf8Slice: (buf: Buffer, start: number, end: number) => string = typeof proto.utf8Slice === 'function'
  ? (buf, start, end) => (buf as Slicing).utf8Slice!(start, end)
  : (buf, start, end) => buf.toString('utf8', start, end);

export const latin1Slice: (buf: Buffer, start: number, end: number) => string = typeof proto.latin1Slice === 'function'
  ? (buf, start, end) => (buf as Slicing).latin1Slice!(start, end)
  : (buf, start, end) => buf.toString('latin1', start, end);

/**
 * A copy of bytes that must outlive the chunk they are in: a file's chunks are read into buffers
 * that are reused once the next chunk is asked for (`fileChunks` in input.ts).
 */
export function copyBytes(bytes: Buffer): Buffer {
  const copy = Buffer.allocUnsafe(bytes.length);
  bytes.copy(copy);
  return copy;
}
