import { isUtf8 } from 'node:buffer';
import type { JournalEntry } from '../../model/entry.js';
import { latin1Slice, utf8Slice } from '../bytes.js';
import { entryFromTimes } from '../fields.js';
import { BlockPool, Blocks, type RandomAccess } from './access.js';
import { load, methodOf, ready, unpackSync, unpackXz, type Method, type Unpacked } from './decompress.js';
import {
  align8, ENTRY_BOOT_ID, ENTRY_ITEMS, ENTRY_MONOTONIC, ENTRY_REALTIME, ENTRY_SEQNUM, ENTRY_XOR_HASH,
  INCOMPATIBLE_LZ4, INCOMPATIBLE_XZ, INCOMPATIBLE_ZSTD, ObjectType, OBJECT_COMPRESSED, OBJECT_HEADER_SIZE, u64, type Header,
} from './layout.js';
import { boundsOf, dataEntryCount, dataPayloadStart, EntryArrayWalk, ENTRY_MIN, isDamage, itemSize, readObjectHead, type Bounds, type Damage } from './objects.js';

/** One entry read from a file, with what journalctl orders and deduplicates entries by. */
export interface EntryRecord {
  entry: JournalEntry;
  seqnum: number;
  realtime: number;
  monotonic: number;
  bootId: string;
  xorHi: number;
  xorLo: number;
}

/** What went wrong while reading a file, for a diagnostic (worded in report/diagnostics.ts). */
export type FileProblem =
  /** An entry that could not be read; the entries around it were. */
  | { kind: 'entry-skipped'; ordinal: number; offset: number; damage: Damage }
  /** Walking the objects stopped here; later entries were looked up through the entry arrays. */
  | { kind: 'scan-stopped'; damage: Damage; state: Header['state'] }
  /** The entry arrays could not be followed past this point either. */
  | { kind: 'index-stopped'; damage: Damage }
  /** The file ends before its last object: entries past the end are lost. */
  | { kind: 'truncated'; fileSize: number; tail: number; lost: number }
  /** The header counts more entries than the file gave. */
  | { kind: 'entries-missing'; expected: number; found: number }
  /** A field longer than the limit was left out of its entry. */
  | { kind: 'value-too-long'; ordinal: number; offset: number; size: number; limit: number };

export interface FileReaderOptions {
  path: string;
  /** Values longer than this many bytes (after decompression) are left out with a diagnostic. */
  maxValueBytes: number;
  onProblem(problem: FileProblem): void;
  /** The field cache, shared by the readers of a merge (else one of its own). */
  cache?: FieldCache;
  /** The block cache, shared by the readers of a merge (else one of its own). */
  pool?: BlockPool;
}

/** A data object's field, decoded once and kept when several entries share it. */
interface Field {
  key: string;
  value: string;
  /** Which entry property it fills (`SLOT_*`). */
  slot: number;
  invalidUtf8: boolean;
  /** >= 0: the value is longer than the limit (this many bytes) and is left out. */
  tooLong: number;
}

const SLOT_REST = 0;
const SLOT_HOSTNAME = 1;
const SLOT_IDENTIFIER = 2;
const SLOT_PID = 3;
const SLOT_PRIORITY = 4;
const SLOT_MESSAGE = 5;
/** Fields the entry object carries itself (journalctl -o export prints those from the entry, not the data). */
const SLOT_IGNORED = 6;

function slotOf(key: string): number {
  switch (key) {
    case '_HOSTNAME': return SLOT_HOSTNAME;
    case 'SYSLOG_IDENTIFIER': return SLOT_IDENTIFIER;
    case '_PID': return SLOT_PID;
    case 'PRIORITY': return SLOT_PRIORITY;
    case 'MESSAGE': return SLOT_MESSAGE;
    case '_BOOT_ID': case '__CURSOR': case '__REALTIME_TIMESTAMP': case '__MONOTONIC_TIMESTAMP': return SLOT_IGNORED;
    default: return SLOT_REST;
  }
}

const PENDING = 'pending' as const;
/** Values up to this long are kept in the field cache (shared fields are short: hostname, unit, comm). */
const CACHE_VALUE_CHARS = 2048;

/**
 * Reads the entries of one journal file in the order journalctl shows them, one `next()` at a time.
 *
 * It walks the objects from the header on (each object's size leads to the next, up to the header's
 * tail object), taking the entry objects; that order is the entry arrays' order for every file
 * systemd wrote, and it reaches entries whose array was never written (a file cut short, or copied
 * while journald wrote it). Where the walk meets an object that cannot be valid, it stops with one
 * diagnostic and takes the rest from the entry arrays, as journalctl would. Every entry's items are
 * checked before they are followed; an entry that cannot be read is skipped with its offset and why.
 */
export class JournalFileReader {
  readonly blocks: Blocks;
  readonly bounds: Bounds;
  /** Entries found (read or not), entries read, entries that could not be read or were missing. */
  found = 0;
  parsed = 0;
  skipped = 0;
  /** Entries with a value that is not UTF-8, and the first of them. */
  invalidUtf8 = 0;
  firstInvalidUtf8 = 0;

  private readonly compact: boolean;
  private readonly itemWidth: number;
  private readonly payloadStart: number;
  private readonly tail: number;
  private phase: 'scan' | 'index' | 'done' = 'scan';
  private pos: number;
  private stoppedAt = 0;
  private walk: EntryArrayWalk | null = null;
  private lastFromIndex = 0;
  private lostPastEnd = 0;
  private truncatedAt = -1;
  /** The entry being read (its offset), -1 between entries. */
  private current = -1;
  private ordinal = 0;
  private readonly cache: FieldCache;
  private readonly fileNumber: number;
  private items = new Float64Array(64);
  private fields: Field[] = [];
  /** Reused for the fields of data objects that only one entry links (by item index). */
  private readonly scratch: Field[] = [];
  /** Objects waiting for a decoder to load or for asynchronous decompression, and their results. */
  private jobs: Array<{ offset: number; method: Method; payload: Buffer }> = [];
  private readonly unpacked = new Map<number, Unpacked>();
  private bootHex = '';
  private readonly bootWords = new Int32Array(4);

  constructor(access: RandomAccess, readonly header: Header, private readonly options: FileReaderOptions) {
    this.blocks = new Blocks(access, options.pool ?? new BlockPool());
    this.bounds = boundsOf(header, access.size);
    this.compact = header.compact;
    this.itemWidth = itemSize(this.compact);
    this.payloadStart = dataPayloadStart(this.compact);
    this.pos = header.headerSize;
    const t = header.tailObjectOffset;
    // A tail the arena cannot hold: walk until the objects end instead.
    this.tail = t >= header.headerSize && t % 8 === 0 && t < header.headerSize + header.arenaSize ? t : this.bounds.limit;
    this.cache = options.cache ?? new FieldCache();
    this.fileNumber = this.cache.register();
  }

  /** The next entry, null at the end, or 'pending' when `settle()` must run first (a decoder to load, XZ to decode). */
  next(): EntryRecord | null | typeof PENDING {
    for (;;) {
      if (this.current < 0) {
        const offset = this.phase === 'scan' ? this.scanNext() : this.phase === 'index' ? this.indexNext() : -1;
        if (offset < 0) {
          if (this.phase !== 'done') continue;
          this.finish();
          return null;
        }
        this.current = offset;
        this.ordinal++;
        this.found++;
      }
      const r = this.readEntry(this.current);
      if (r === PENDING) return PENDING;
      const offset = this.current;
      this.current = -1;
      if (this.unpacked.size > 0) this.unpacked.clear();
      if (isDamage(r)) {
        this.skipped++;
        this.options.onProblem({ kind: 'entry-skipped', ordinal: this.ordinal, offset, damage: r });
        continue;
      }
      this.parsed++;
      return r;
    }
  }

  /** Loads the decoders and decompresses the objects the last `next()` waited for. */
  async settle(): Promise<void> {
    const jobs = this.jobs;
    this.jobs = [];
    for (const job of jobs) {
      if (job.method === 'xz') {
        this.unpacked.set(job.offset, await unpackXz(job.payload, this.options.maxValueBytes));
      } else {
        await load(job.method);
      }
    }
  }

  /** The offset of the next entry object along the objects, or -1 when the walk ends. */
  private scanNext(): number {
    const b = this.bounds;
    while (this.pos <= this.tail) {
      const offset = this.pos;
      const h = readObjectHead(this.blocks, b, offset, null, OBJECT_HEADER_SIZE);
      if (isDamage(h)) {
        this.stopScan(offset, h);
        return -1;
      }
      this.pos = offset + align8(h.size);
      if (h.type === ObjectType.Entry) return offset;
    }
    this.phase = 'done';
    return -1;
  }

  private stopScan(offset: number, damage: Damage): void {
    this.stoppedAt = offset;
    if (damage.what === 'past-end') {
      this.truncatedAt = offset;
    } else {
      this.options.onProblem({ kind: 'scan-stopped', damage, state: this.header.state });
    }
    // The rest from the entry arrays: entries after the point the walk reached.
    this.phase = 'index';
    this.walk = new EntryArrayWalk(this.blocks, this.bounds, this.compact, this.header.entryArrayOffset, this.header.nEntries);
  }

  /** The next entry offset past the point the walk stopped, from the entry arrays. */
  private indexNext(): number {
    for (;;) {
      const item = this.walk!.next();
      if (isDamage(item)) {
        // An array past the end of a file cut short is part of the one diagnostic about the cut.
        if (item.what === 'past-end') this.truncatedAt = Math.max(this.truncatedAt, 0);
        else this.options.onProblem({ kind: 'index-stopped', damage: item });
        this.phase = 'done';
        return -1;
      }
      if (item === 0) {
        this.phase = 'done';
        return -1;
      }
      if (item <= this.stoppedAt) continue;
      if (item <= this.lastFromIndex) {
        this.options.onProblem({ kind: 'index-stopped', damage: { what: 'array-order', offset: item, previous: this.lastFromIndex } });
        this.phase = 'done';
        return -1;
      }
      this.lastFromIndex = item;
      if (item + ENTRY_MIN > this.bounds.fileSize) {
        // Past the end of a file cut short: counted in one diagnostic, not one each.
        this.lostPastEnd++;
        this.found++;
        this.ordinal++;
        this.skipped++;
        continue;
      }
      return item;
    }
  }

  private finish(): void {
    // Entries the header counts but the file did not give: in the part cut off, or lost to damage.
    const missing = Math.max(0, this.header.nEntries - this.found);
    this.skipped += missing;
    if (this.truncatedAt >= 0 || this.lostPastEnd > 0) {
      this.options.onProblem({ kind: 'truncated', fileSize: this.bounds.fileSize, tail: this.header.tailObjectOffset, lost: this.lostPastEnd + missing });
    } else if (missing > 0) {
      this.options.onProblem({ kind: 'entries-missing', expected: this.header.nEntries, found: this.found });
    }
    this.found = this.parsed + this.skipped;
  }

  /** Reads the entry object at `offset` and the data objects it links. */
  private readEntry(offset: number): EntryRecord | Damage | typeof PENDING {
    const h = readObjectHead(this.blocks, this.bounds, offset, ObjectType.Entry, ENTRY_MIN);
    if (isDamage(h)) return h;
    const size = h.size;
    const n = Math.floor((size - ENTRY_ITEMS) / this.itemWidth);
    if ((size - ENTRY_ITEMS) % this.itemWidth !== 0) return { what: 'object-size', offset, size };
    const blocks = this.blocks;
    blocks.view(offset, size);
    const buf = blocks.buf;
    const at = blocks.at;
    const seqnum = u64(buf, at + ENTRY_SEQNUM);
    const realtime = u64(buf, at + ENTRY_REALTIME);
    const monotonic = u64(buf, at + ENTRY_MONOTONIC);
    const bootId = this.bootIdAt(buf, at + ENTRY_BOOT_ID);
    const xorLo = buf.readUInt32LE(at + ENTRY_XOR_HASH);
    const xorHi = buf.readUInt32LE(at + ENTRY_XOR_HASH + 4);
    if (this.items.length < n) this.items = new Float64Array(Math.max(n, this.items.length * 2));
    const items = this.items;
    if (this.compact) {
      for (let i = 0, p = at + ENTRY_ITEMS; i < n; i++, p += 4) items[i] = buf.readUInt32LE(p);
    } else {
      for (let i = 0, p = at + ENTRY_ITEMS; i < n; i++, p += 16) items[i] = u64(buf, p);
    }
    // The entry's bytes are no longer needed: reading data objects may reuse their block.
    // (`fields` is only ever grown: setting an array's length is a runtime call, 1.5 % of a run.)
    const fields = this.fields;
    let pending = false;
    for (let i = 0; i < n; i++) {
      const f = this.field(items[i]!, i);
      if (f === PENDING) {
        pending = true;
        continue;
      }
      if (isDamage(f)) return f;
      fields[i] = f;
    }
    if (pending) return PENDING;
    return this.build(fields, n, seqnum, realtime, monotonic, bootId, xorHi, xorLo);
  }

  private build(fields: Field[], n: number, seqnum: number, realtime: number, monotonic: number, bootId: string, xorHi: number, xorLo: number): EntryRecord {
    const rest: Record<string, string> = {};
    let hostname: string | undefined;
    let identifier: string | undefined;
    let pid: string | undefined;
    let priority: string | undefined;
    let message: string | undefined;
    let badUtf8 = false;
    for (let i = 0; i < n; i++) {
      const f = fields[i]!;
      if (f.tooLong >= 0) {
        this.options.onProblem({ kind: 'value-too-long', ordinal: this.ordinal, offset: this.items[i]!, size: f.tooLong, limit: this.options.maxValueBytes });
        continue;
      }
      if (f.invalidUtf8) badUtf8 = true;
      switch (f.slot) {
        case SLOT_REST: rest[f.key] = f.value; break;
        case SLOT_MESSAGE: message = f.value; break;
        case SLOT_HOSTNAME: hostname = f.value; break;
        case SLOT_IDENTIFIER: identifier = f.value; break;
        case SLOT_PID: pid = f.value; break;
        case SLOT_PRIORITY: priority = f.value; break;
        default: break;
      }
    }
    if (badUtf8 && this.invalidUtf8++ === 0) this.firstInvalidUtf8 = this.ordinal;
    const entry = entryFromTimes(realtime, monotonic, bootId, hostname, identifier, pid, priority, message, rest,
      { path: this.options.path, line: this.ordinal });
    return { entry, seqnum, realtime, monotonic, bootId, xorHi, xorLo };
  }

  /** The boot id as 32 hex digits, reusing the last string while entries share it. */
  private bootIdAt(buf: Buffer, at: number): string {
    const w = this.bootWords;
    const a = buf.readInt32LE(at);
    const b = buf.readInt32LE(at + 4);
    const c = buf.readInt32LE(at + 8);
    const d = buf.readInt32LE(at + 12);
    if (this.bootHex === '' || w[0] !== a || w[1] !== b || w[2] !== c || w[3] !== d) {
      w[0] = a;
      w[1] = b;
      w[2] = c;
      w[3] = d;
      this.bootHex = buf.toString('hex', at, at + 16);
    }
    return this.bootHex;
  }

  /** The field of the data object at `offset`: from the cache, or read, checked and decoded. */
  private field(offset: number, index: number): Field | Damage | typeof PENDING {
    const cached = this.cache.get(this.fileNumber, offset);
    if (cached !== undefined) return cached;
    const start = this.payloadStart;
    const h = readObjectHead(this.blocks, this.bounds, offset, ObjectType.Data, start);
    if (isDamage(h)) return h;
    const size = h.size;
    const compression = h.flags & OBJECT_COMPRESSED;
    const shared = dataEntryCount(this.blocks, offset) > 1;
    const length = size - start;
    let bytes: Buffer;
    let from: number;
    let end: number;
    if (compression !== 0) {
      const method = methodOf(compression);
      const flag = method === 'zstd' ? INCOMPATIBLE_ZSTD : method === 'lz4' ? INCOMPATIBLE_LZ4 : INCOMPATIBLE_XZ;
      if (method === null || (this.header.incompatibleFlags & flag) === 0) return { what: 'compression-flags', offset, flags: h.flags };
      let out = this.unpacked.get(offset);
      if (out === undefined) {
        if (!ready(method) || method === 'xz') {
          this.blocks.view(offset + start, length);
          this.jobs.push({ offset, method, payload: Buffer.from(this.blocks.buf.subarray(this.blocks.at, this.blocks.at + length)) });
          return PENDING;
        }
        this.blocks.view(offset + start, length);
        out = unpackSync(method, this.blocks.buf.subarray(this.blocks.at, this.blocks.at + length), this.options.maxValueBytes);
      }
      if (!Buffer.isBuffer(out)) {
        if (out.what === 'too-long') return tooLong(out.size);
        return { what: 'decompress', offset, method: out.method, detail: out.detail };
      }
      bytes = out;
      from = 0;
      end = out.length;
    } else {
      if (length > this.options.maxValueBytes) return tooLong(length);
      this.blocks.view(offset + start, length);
      bytes = this.blocks.buf;
      from = this.blocks.at;
      end = from + length;
    }
    const eq = bytes.indexOf(0x3d, from);
    if (eq === -1 || eq >= end) return { what: 'no-field-name', offset };
    const key = latin1Slice(bytes, from, eq);
    // One decoding: ASCII reads the same as UTF-8, and a one-byte string cannot hold U+FFFD, so
    // only a value with non-ASCII bytes is searched for it (and then checked with isUtf8).
    const value = utf8Slice(bytes, eq + 1, end);
    const invalidUtf8 = value.indexOf('\uFFFD') !== -1 && !isUtf8(bytes.subarray(eq + 1, end));
    const slot = slotOf(key);
    if (shared && value.length <= CACHE_VALUE_CHARS) {
      const f: Field = { key, value, slot, invalidUtf8, tooLong: -1 };
      this.cache.set(this.fileNumber, offset, f);
      return f;
    }
    // A field of this entry alone: filled into the entry's scratch field at this item's place.
    const scratch = this.scratch;
    while (scratch.length <= index) scratch.push({ key: '', value: '', slot: SLOT_REST, invalidUtf8: false, tooLong: -1 });
    const f = scratch[index]!;
    f.key = key;
    f.value = value;
    f.slot = slot;
    f.invalidUtf8 = invalidUtf8;
    f.tooLong = -1;
    return f;
  }
}

/**
 * The fields of shared data objects by their file and offset, for all the readers of a merge: an
 * open-addressing table over Int32Arrays (offset / 8 + 1, 0 is empty; the reader's number),
 * probed linearly. A `Map` keyed by offset cost 5.8 % of a run (`FindOrderedHashMapEntry`: some
 * 20 look-ups per entry). Emptied whole when it holds `max` fields. One table for all files: a
 * table per file with a share of the size (65536 / files) was emptied so often that the fields
 * were read again and again from all over the file (21.8 GB read for the 571 MB of nine files).
 * Offsets past what an int32 can name (files over 16 GiB) are not cached.
 */
export class FieldCache {
  private readonly keys: Int32Array;
  private readonly files: Int32Array;
  private readonly values: Array<Field | undefined>;
  private readonly mask: number;
  private size = 0;
  private readers = 0;

  constructor(private readonly max = 65536) {
    let capacity = 16;
    while (capacity < max * 2) capacity *= 2;
    this.keys = new Int32Array(capacity);
    this.files = new Int32Array(capacity);
    this.values = new Array<Field | undefined>(capacity).fill(undefined);
    this.mask = capacity - 1;
  }

  /** A number for a reader's file. */
  register(): number {
    return this.readers++;
  }

  get(file: number, offset: number): Field | undefined {
    if (offset >= CACHE_OFFSET_LIMIT || offset % 8 !== 0) return undefined;
    const key = offset / 8 + 1;
    const keys = this.keys;
    for (let i = Math.imul(key + file, 0x9e3779b1) & this.mask; ; i = (i + 1) & this.mask) {
      const k = keys[i]!;
      if (k === key && this.files[i] === file) return this.values[i];
      if (k === 0) return undefined;
    }
  }

  set(file: number, offset: number, field: Field): void {
    if (offset >= CACHE_OFFSET_LIMIT) return;
    if (this.size >= this.max) {
      this.keys.fill(0);
      this.values.fill(undefined);
      this.size = 0;
    }
    const key = offset / 8 + 1;
    const keys = this.keys;
    let i = Math.imul(key + file, 0x9e3779b1) & this.mask;
    while (keys[i] !== 0 && (keys[i] !== key || this.files[i] !== file)) i = (i + 1) & this.mask;
    if (keys[i] === 0) this.size++;
    keys[i] = key;
    this.files[i] = file;
    this.values[i] = field;
  }
}

/** Offsets below this, divided by 8, fit an int32 key with room for the +1. */
const CACHE_OFFSET_LIMIT = (2 ** 31 - 2) * 8;

/** A value left out of its entry for its length (reported once the entry is built). */
function tooLong(size: number): Field {
  return { key: '', value: '', slot: SLOT_IGNORED, invalidUtf8: false, tooLong: size };
}
