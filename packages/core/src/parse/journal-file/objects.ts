import type { Blocks } from './access.js';
import { DATA_N_ENTRIES, DATA_PAYLOAD, DATA_PAYLOAD_COMPACT, ENTRY_ARRAY_ITEMS, ENTRY_ARRAY_NEXT, ENTRY_ITEMS, ObjectType, OBJECT_HEADER_SIZE, u64, type Header } from './layout.js';

/**
 * Why an object could not be followed: each reader below checks an offset against the file and the
 * header's arena before it reads there, and says what was wrong instead of reading on.
 */
export type Damage =
  | { what: 'offset'; offset: number; limit: number }
  | { what: 'misaligned'; offset: number }
  | { what: 'past-end'; offset: number; fileSize: number }
  | { what: 'object-type'; offset: number; type: number; expected: ObjectType | null }
  | { what: 'object-size'; offset: number; size: number }
  | { what: 'compression-flags'; offset: number; flags: number }
  | { what: 'no-field-name'; offset: number }
  | { what: 'decompress'; offset: number; method: string; detail: string }
  | { what: 'array-order'; offset: number; previous: number };

export function isDamage(x: unknown): x is Damage {
  return typeof x === 'object' && x !== null && 'what' in x;
}

/** Where objects may lie: after the header, before the end of the arena and of the file. */
export interface Bounds {
  headerSize: number;
  /** min(file size, header size + arena size). */
  limit: number;
  fileSize: number;
}

export function boundsOf(header: Header, fileSize: number): Bounds {
  return { headerSize: header.headerSize, limit: Math.min(fileSize, header.headerSize + header.arenaSize), fileSize };
}

/** An object header at `offset`, checked: its type, its size (at least `min`), and that it lies in bounds. */
export interface ObjectHead {
  type: number;
  flags: number;
  size: number;
}

const head: ObjectHead = { type: 0, flags: 0, size: 0 };

/**
 * Reads the object header at `offset` after checking the offset; checks the object's type (unless
 * `expected` is null), its size against `min`, and that the whole object lies in bounds. The
 * returned header is reused by the next call.
 */
export function readObjectHead(blocks: Blocks, b: Bounds, offset: number, expected: ObjectType | null, min: number): ObjectHead | Damage {
  if (offset % 8 !== 0) return { what: 'misaligned', offset };
  if (offset < b.headerSize || offset + OBJECT_HEADER_SIZE > b.limit) {
    return offset + OBJECT_HEADER_SIZE > b.fileSize && offset < 2 ** 53 ? { what: 'past-end', offset, fileSize: b.fileSize } : { what: 'offset', offset, limit: b.limit };
  }
  blocks.view(offset, OBJECT_HEADER_SIZE);
  const buf = blocks.buf;
  const at = blocks.at;
  const type = buf[at]!;
  const size = u64(buf, at + 8);
  if (expected !== null ? type !== expected : type === ObjectType.Unused || type > ObjectType.Tag) return { what: 'object-type', offset, type, expected };
  if (size < min) return { what: 'object-size', offset, size };
  if (offset + size > b.limit) return offset + size > b.fileSize ? { what: 'past-end', offset, fileSize: b.fileSize } : { what: 'object-size', offset, size };
  head.type = type;
  head.flags = buf[at + 1]!;
  head.size = size;
  return head;
}

export const dataPayloadStart = (compact: boolean): number => (compact ? DATA_PAYLOAD_COMPACT : DATA_PAYLOAD);

/** How many entries link a data object (read after readObjectHead succeeded on it). */
export function dataEntryCount(blocks: Blocks, offset: number): number {
  blocks.view(offset + DATA_N_ENTRIES, 8);
  return u64(blocks.buf, blocks.at);
}

/** The minimum size of an entry object, and the size of one item. */
export const ENTRY_MIN = ENTRY_ITEMS;
export const itemSize = (compact: boolean): number => (compact ? 4 : 16);

/**
 * The items of an entry array, one after another along the chain that starts at `first`, in the
 * order they were written (journalctl's order). Arrays must lie ever further into the file, so a
 * chain that loops back is a Damage, not a hang; at most `max` items are read.
 */
export class EntryArrayWalk {
  private array = 0;
  private index = 0;
  private count = 0;
  private read = 0;
  private previous = 0;

  constructor(private readonly blocks: Blocks, private readonly b: Bounds, private readonly compact: boolean, first: number, private readonly max: number) {
    this.array = first;
    this.index = 0;
    this.count = -1;
  }

  /** The next entry offset, 0 at the end of the chain, or why the chain cannot be followed further. */
  next(): number | Damage {
    const width = this.compact ? 4 : 8;
    for (;;) {
      if (this.read >= this.max || this.array === 0) return 0;
      if (this.count < 0) {
        if (this.array <= this.previous) return { what: 'array-order', offset: this.array, previous: this.previous };
        const h = readObjectHead(this.blocks, this.b, this.array, ObjectType.EntryArray, ENTRY_ARRAY_ITEMS);
        if (isDamage(h)) return h;
        this.count = Math.floor((h.size - ENTRY_ARRAY_ITEMS) / width);
        this.index = 0;
      }
      if (this.index < this.count) {
        const at = this.array + ENTRY_ARRAY_ITEMS + this.index * width;
        this.blocks.view(at, width);
        const item = width === 4 ? this.blocks.buf.readUInt32LE(this.blocks.at) : u64(this.blocks.buf, this.blocks.at);
        this.index++;
        if (item === 0) return 0; // the unused rest of the last array
        this.read++;
        return item;
      }
      this.blocks.view(this.array + ENTRY_ARRAY_NEXT, 8);
      const next = u64(this.blocks.buf, this.blocks.at);
      this.previous = this.array;
      this.array = next;
      this.count = -1;
    }
  }
}
