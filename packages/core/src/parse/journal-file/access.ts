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
 * The cached blocks of the files of one merge, least recently used first out. One pool for all
 * files: a merge reads mostly one file at a time (journalctl's order follows the files' seqnum
 * ranges), so that file gets every slot, while memory stays `slots × blockSize` however many files
 * there are. (Two slots per file, as there were when a merge had more than four files, made the
 * data objects an entry links re-read their 256 KiB blocks over and over: 21.8 GB read for the
 * 571 MB of a 1,000,000-entry directory of nine files.)
 */
export class BlockPool {
  readonly owners: Array<Blocks | null> = [];
  readonly starts: number[] = [];
  readonly buffers: Buffer[] = [];
  private readonly used: number[] = [];
  private clock = 0;

  constructor(readonly blockSize = 256 * 1024, readonly slots = 8) {}

  /** The slot holding `owner`'s block at `block` (a multiple of blockSize), read in if needed. */
  slotFor(owner: Blocks, block: number): number {
    const starts = this.starts;
    const owners = this.owners;
    for (let i = 0; i < starts.length; i++) {
      if (starts[i] === block && owners[i] === owner) {
        this.used[i] = ++this.clock;
        return i;
      }
    }
    let slot = starts.length;
    if (slot < this.slots) {
      this.buffers.push(Buffer.allocUnsafeSlow(this.blockSize));
      starts.push(-1);
      owners.push(null);
      this.used.push(0);
    } else {
      slot = 0;
      for (let i = 1; i < starts.length; i++) if (this.used[i]! < this.used[slot]!) slot = i;
    }
    const buf = this.buffers[slot]!;
    const want = Math.min(this.blockSize, owner.access.size - block);
    let got = 0;
    while (got < want) {
      const n = owner.access.read(buf, got, want - got, block + got);
      if (n <= 0) break;
      got += n;
    }
    // A file that shrank under us reads as zeros past its end: objects there are then invalid.
    if (got < this.blockSize) buf.fill(0, got);
    owner.bytesRead += got;
    starts[slot] = block;
    owners[slot] = owner;
    this.used[slot] = ++this.clock;
    return slot;
  }
}

/**
 * Positioned reads of one file through the blocks of a pool (no whole-file buffer). `view(position,
 * length)` makes `length` bytes at `position` readable at `this.buf[this.at …]`: a view of a cached
 * block, or, for bytes that straddle blocks, a copy in a scratch buffer. A view is valid until the
 * next call (on any file of the pool); the caller checks that the range lies inside the file before
 * asking.
 */
export class Blocks {
  buf: Buffer = Buffer.alloc(0);
  at = 0;
  /** Bytes read from the file so far (for progress). */
  bytesRead = 0;
  private scratch = Buffer.alloc(4096);
  private readonly blockSize: number;
  /** The block of the last view and its slot, checked first. */
  private lastBlock = -1;
  private lastSlot = 0;

  constructor(readonly access: RandomAccess, private readonly pool: BlockPool = new BlockPool()) {
    this.blockSize = pool.blockSize;
  }

  view(position: number, length: number): void {
    const size = this.blockSize;
    const block = Math.floor(position / size) * size;
    if (position + length <= block + size) {
      const slot = this.slot(block);
      this.buf = this.pool.buffers[slot]!;
      this.at = position - block;
      return;
    }
    if (this.scratch.length < length) this.scratch = Buffer.allocUnsafe(Math.max(length, this.scratch.length * 2));
    let done = 0;
    while (done < length) {
      const p = position + done;
      const b = Math.floor(p / size) * size;
      const slot = this.slot(b);
      const n = Math.min(length - done, b + size - p);
      this.pool.buffers[slot]!.copy(this.scratch, done, p - b, p - b + n);
      done += n;
    }
    this.buf = this.scratch;
    this.at = 0;
  }

  private slot(block: number): number {
    const pool = this.pool;
    const last = this.lastSlot;
    if (block === this.lastBlock && pool.starts[last] === block && pool.owners[last] === this) return last;
    const slot = pool.slotFor(this, block);
    this.lastBlock = block;
    this.lastSlot = slot;
    return slot;
  }
}
