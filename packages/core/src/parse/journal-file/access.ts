import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Bytes that can be read at any position: a file (positioned reads) or a buffer already in memory. */
export interface RandomAccess {
  readonly size: number;
  /** Reads up to `length` bytes at `position` into `target` at `offset`; returns how many were read. */
  read(target: Buffer, offset: number, length: number, position: number): number;
  close(): void;
}

export function fileAccess(path: string): RandomAccess {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    return {
      size,
      read: (target, offset, length, position) => readSync(fd, target, offset, length, position),
      close: () => closeSync(fd),
    };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

export function bufferAccess(bytes: Buffer): RandomAccess {
  return {
    size: bytes.length,
    read(target, offset, length, position) {
      const end = Math.min(bytes.length, position + length);
      return end > position ? bytes.copy(target, offset, position, end) : 0;
    },
    close() {},
  };
}

/**
 * Positioned reads through a few cached blocks (no whole-file buffer). `view(position, length)`
 * makes `length` bytes at `position` readable at `this.buf[this.at …]`: a view of a cached block, or,
 * for bytes that straddle blocks, a copy in a scratch buffer. A view is valid until the next call;
 * the caller checks that the range lies inside the file before asking.
 */
export class Blocks {
  buf: Buffer = Buffer.alloc(0);
  at = 0;
  /** Bytes read from the file so far (for progress). */
  bytesRead = 0;
  private readonly starts: number[] = [];
  private readonly blocks: Buffer[] = [];
  private readonly lengths: number[] = [];
  private clock = 0;
  private readonly used: number[] = [];
  private scratch = Buffer.alloc(4096);

  constructor(private readonly access: RandomAccess, private readonly blockSize = 256 * 1024, private readonly slots = 8) {}

  view(position: number, length: number): void {
    const block = Math.floor(position / this.blockSize) * this.blockSize;
    if (position + length <= block + this.blockSize) {
      const slot = this.slotFor(block);
      this.buf = this.blocks[slot]!;
      this.at = position - block;
      return;
    }
    if (this.scratch.length < length) this.scratch = Buffer.allocUnsafe(Math.max(length, this.scratch.length * 2));
    let done = 0;
    while (done < length) {
      const p = position + done;
      const b = Math.floor(p / this.blockSize) * this.blockSize;
      const slot = this.slotFor(b);
      const n = Math.min(length - done, b + this.blockSize - p);
      this.blocks[slot]!.copy(this.scratch, done, p - b, p - b + n);
      done += n;
    }
    this.buf = this.scratch;
    this.at = 0;
  }

  private slotFor(block: number): number {
    const starts = this.starts;
    for (let i = 0; i < starts.length; i++) {
      if (starts[i] === block) {
        this.used[i] = ++this.clock;
        return i;
      }
    }
    let slot = starts.length;
    if (slot < this.slots) {
      this.blocks.push(Buffer.allocUnsafeSlow(this.blockSize));
      starts.push(-1);
      this.lengths.push(0);
      this.used.push(0);
    } else {
      slot = 0;
      for (let i = 1; i < starts.length; i++) if (this.used[i]! < this.used[slot]!) slot = i;
    }
    const buf = this.blocks[slot]!;
    const want = Math.min(this.blockSize, this.access.size - block);
    let got = 0;
    while (got < want) {
      const n = this.access.read(buf, got, want - got, block + got);
      if (n <= 0) break;
      got += n;
    }
    // A file that shrank under us reads as zeros past its end: objects there are then invalid.
    if (got < this.blockSize) buf.fill(0, got);
    this.bytesRead += got;
    starts[slot] = block;
    this.lengths[slot] = got;
    this.used[slot] = ++this.clock;
    return slot;
  }
}
