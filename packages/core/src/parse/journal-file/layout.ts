/**
 * The Journal File Format's layout (systemd.io/JOURNAL_FILE_FORMAT, src/libsystemd/sd-journal/
 * journal-def.h): offsets of the header's fields and of each object's, the flags, and the header
 * reader. Everything is little-endian; objects start at multiples of 8.
 */

export const SIGNATURE = Buffer.from('LPKSHHRH');

/** Incompatible flags (header). A file with any other bit set is refused. */
export const INCOMPATIBLE_XZ = 1;
export const INCOMPATIBLE_LZ4 = 2;
export const INCOMPATIBLE_KEYED_HASH = 4;
export const INCOMPATIBLE_ZSTD = 8;
export const INCOMPATIBLE_COMPACT = 16;
export const INCOMPATIBLE_KNOWN = 31;

/** Object flags: how a data object's payload is compressed. */
export const OBJECT_XZ = 1;
export const OBJECT_LZ4 = 2;
export const OBJECT_ZSTD = 4;
export const OBJECT_COMPRESSED = 7;

export const enum ObjectType {
  Unused = 0,
  Data = 1,
  Field = 2,
  Entry = 3,
  DataHashTable = 4,
  FieldHashTable = 5,
  EntryArray = 6,
  Tag = 7,
}

/** ObjectHeader: type (u8), flags (u8), 6 reserved bytes, size (u64, header included). */
export const OBJECT_HEADER_SIZE = 16;
/** DataObject: hash, next_hash_offset, next_field_offset, entry_offset, entry_array_offset, n_entries; then the payload (compact: two u32 first). */
export const DATA_N_ENTRIES = 56;
export const DATA_PAYLOAD = 64;
export const DATA_PAYLOAD_COMPACT = 72;
/** EntryObject: seqnum, realtime, monotonic, boot_id (16 bytes), xor_hash; then the items (regular: offset + hash, 16 bytes; compact: u32 offset). */
export const ENTRY_SEQNUM = 16;
export const ENTRY_REALTIME = 24;
export const ENTRY_MONOTONIC = 32;
export const ENTRY_BOOT_ID = 40;
export const ENTRY_XOR_HASH = 56;
export const ENTRY_ITEMS = 64;
/** EntryArrayObject: next_entry_array_offset, then the items (regular u64, compact u32). */
export const ENTRY_ARRAY_NEXT = 16;
export const ENTRY_ARRAY_ITEMS = 24;

/** The smallest header systemd wrote (v187 and before end at n_data: `HEADER_SIZE_MIN` in journal-file.c). */
export const HEADER_SIZE_MIN = 208;
/** Enough bytes for the largest header (v254+: 272) and a little to spare. */
export const HEADER_READ_BYTES = 512;

export type FileState = 'offline' | 'online' | 'archived' | 'unknown';

/** What the header says, for the fields every header size has (later ones are read when present). */
export interface Header {
  compatibleFlags: number;
  incompatibleFlags: number;
  state: FileState;
  fileId: string;
  machineId: string;
  seqnumId: string;
  headerSize: number;
  arenaSize: number;
  tailObjectOffset: number;
  nObjects: number;
  nEntries: number;
  entryArrayOffset: number;
  compact: boolean;
}

/** A u64 as a number: exact up to 2^53, which covers every offset, size and time a real file holds. */
export function u64(buf: Buffer, at: number): number {
  return buf.readUInt32LE(at + 4) * 0x1_0000_0000 + buf.readUInt32LE(at);
}

export const align8 = (n: number): number => Math.ceil(n / 8) * 8;

/** Why a header cannot be read (worded in report/diagnostics.ts). */
export type HeaderProblem =
  | { what: 'short'; size: number }
  | { what: 'signature' }
  | { what: 'unknown-flags'; flags: number }
  | { what: 'header-size'; headerSize: number; fileSize: number };

/**
 * Reads the header from the file's first bytes (`HEADER_READ_BYTES`, or the whole file when it is
 * smaller). Returns a problem when the file cannot be read at all: it is not a journal file, it uses
 * incompatible flags this reader does not know, or its header size is impossible.
 */
export function readHeader(head: Buffer, fileSize: number): Header | HeaderProblem {
  if (head.length < HEADER_SIZE_MIN) return { what: 'short', size: head.length };
  if (!head.subarray(0, 8).equals(SIGNATURE)) return { what: 'signature' };
  const incompatibleFlags = head.readUInt32LE(12);
  if ((incompatibleFlags & ~INCOMPATIBLE_KNOWN) !== 0) return { what: 'unknown-flags', flags: incompatibleFlags };
  const headerSize = u64(head, 88);
  if (headerSize < HEADER_SIZE_MIN || headerSize % 8 !== 0 || headerSize > fileSize) return { what: 'header-size', headerSize, fileSize };
  const state = head[16];
  return {
    compatibleFlags: head.readUInt32LE(8),
    incompatibleFlags,
    state: state === 0 ? 'offline' : state === 1 ? 'online' : state === 2 ? 'archived' : 'unknown',
    fileId: head.toString('hex', 24, 40),
    machineId: head.toString('hex', 40, 56),
    seqnumId: head.toString('hex', 72, 88),
    headerSize,
    arenaSize: u64(head, 96),
    tailObjectOffset: u64(head, 136),
    nObjects: u64(head, 144),
    nEntries: u64(head, 152),
    entryArrayOffset: u64(head, 176),
    compact: (incompatibleFlags & INCOMPATIBLE_COMPACT) !== 0,
  };
}

export function isHeaderProblem(h: Header | HeaderProblem): h is HeaderProblem {
  return 'what' in h;
}
