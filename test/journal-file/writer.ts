import { spawnSync } from 'node:child_process';
import { compressBlock, compressBound } from 'lz4js';

// A small test-only writer of journal files (issue 17), never shipped: systemd 252 writes only zstd,
// so the XZ- and LZ4-compressed files the reader is tested on come from here. It lays a file out
// whole (hash tables, then per entry its new data and field objects and the entry, then the entry
// arrays) and fills in every link journalctl --verify checks; the tests run --verify on each output
// and compare journalctl's export of it with what bootlens reads. Jenkins hashing only (no
// KEYED-HASH): the keyed layouts come from systemd-journal-remote.

export interface WriterEntry {
  realtime: bigint;
  monotonic: bigint;
  bootId: Buffer;
  /** `FIELD=value` payloads, in any order. */
  fields: Buffer[];
}

export interface WriterOptions {
  compression: 'xz' | 'lz4' | 'none';
  compact?: boolean;
  /** 240 (v219), 256, 264 (v252) or 272 (v254); compact needs 264 or more. */
  headerSize?: 240 | 256 | 264 | 272;
  /** Payloads of at least this many bytes are compressed (systemd: 512; smaller here to test more). */
  threshold?: number;
  state?: 0 | 1 | 2;
}

/** Entries of a Journal Export Format stream (text and binary fields), for the writer. */
export function parseExport(bytes: Buffer): WriterEntry[] {
  const out: WriterEntry[] = [];
  let fields: Buffer[] = [];
  let realtime = 0n;
  let monotonic = 0n;
  let bootId = Buffer.alloc(16);
  for (let p = 0; p < bytes.length;) {
    const nl = bytes.indexOf(0x0a, p);
    const end = nl === -1 ? bytes.length : nl;
    if (end === p) {
      if (fields.length > 0) out.push({ realtime, monotonic, bootId, fields });
      fields = [];
      p = end + 1;
      continue;
    }
    const eq = bytes.indexOf(0x3d, p);
    let field: Buffer;
    if (eq !== -1 && eq < end) {
      field = bytes.subarray(p, end);
      p = end + 1;
    } else {
      const len = Number(bytes.readBigUInt64LE(end + 1));
      field = Buffer.concat([bytes.subarray(p, end), Buffer.from('='), bytes.subarray(end + 9, end + 9 + len)]);
      p = end + 9 + len + 1;
    }
    const s = field.toString('latin1');
    if (s.startsWith('__REALTIME_TIMESTAMP=')) realtime = BigInt(s.slice(21));
    else if (s.startsWith('__MONOTONIC_TIMESTAMP=')) monotonic = BigInt(s.slice(22));
    else if (s.startsWith('_BOOT_ID=')) {
      bootId = Buffer.from(s.slice(9), 'hex');
      fields.push(field);
    } else if (!s.startsWith('__')) fields.push(field);
  }
  if (fields.length > 0) out.push({ realtime, monotonic, bootId, fields });
  return out;
}

// --- Jenkins lookup3 hashlittle2, as systemd's jenkins_hash64 (c << 32 | b, both seeds 0) ---
const rot = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

export function jenkins64(data: Buffer): bigint {
  let length = data.length;
  let a = (0xdeadbeef + length) >>> 0;
  let b = a;
  let c = a;
  let k = 0;
  const at = (i: number) => data[k + i]!;
  while (length > 12) {
    a = (a + (at(0) | (at(1) << 8) | (at(2) << 16) | (at(3) << 24))) >>> 0;
    b = (b + (at(4) | (at(5) << 8) | (at(6) << 16) | (at(7) << 24))) >>> 0;
    c = (c + (at(8) | (at(9) << 8) | (at(10) << 16) | (at(11) << 24))) >>> 0;
    a = (a - c) >>> 0; a = (a ^ rot(c, 4)) >>> 0; c = (c + b) >>> 0;
    b = (b - a) >>> 0; b = (b ^ rot(a, 6)) >>> 0; a = (a + c) >>> 0;
    c = (c - b) >>> 0; c = (c ^ rot(b, 8)) >>> 0; b = (b + a) >>> 0;
    a = (a - c) >>> 0; a = (a ^ rot(c, 16)) >>> 0; c = (c + b) >>> 0;
    b = (b - a) >>> 0; b = (b ^ rot(a, 19)) >>> 0; a = (a + c) >>> 0;
    c = (c - b) >>> 0; c = (c ^ rot(b, 4)) >>> 0; b = (b + a) >>> 0;
    length -= 12;
    k += 12;
  }
  if (length === 0) return (BigInt(c) << 32n) | BigInt(b);
  /* eslint-disable no-fallthrough */
  switch (length) {
    case 12: c = (c + (at(11) << 24)) >>> 0;
    case 11: c = (c + (at(10) << 16)) >>> 0;
    case 10: c = (c + (at(9) << 8)) >>> 0;
    case 9: c = (c + at(8)) >>> 0;
    case 8: b = (b + (at(7) << 24)) >>> 0;
    case 7: b = (b + (at(6) << 16)) >>> 0;
    case 6: b = (b + (at(5) << 8)) >>> 0;
    case 5: b = (b + at(4)) >>> 0;
    case 4: a = (a + (at(3) << 24)) >>> 0;
    case 3: a = (a + (at(2) << 16)) >>> 0;
    case 2: a = (a + (at(1) << 8)) >>> 0;
    case 1: a = (a + at(0)) >>> 0;
  }
  c = (c ^ b) >>> 0; c = (c - rot(b, 14)) >>> 0;
  a = (a ^ c) >>> 0; a = (a - rot(c, 11)) >>> 0;
  b = (b ^ a) >>> 0; b = (b - rot(a, 25)) >>> 0;
  c = (c ^ b) >>> 0; c = (c - rot(b, 16)) >>> 0;
  a = (a ^ c) >>> 0; a = (a - rot(c, 4)) >>> 0;
  b = (b ^ a) >>> 0; b = (b - rot(a, 14)) >>> 0;
  c = (c ^ b) >>> 0; c = (c - rot(b, 24)) >>> 0;
  return (BigInt(c) << 32n) | BigInt(b);
}

function compress(method: 'xz' | 'lz4', payload: Buffer): Buffer {
  if (method === 'xz') {
    const r = spawnSync('xz', ['--format=xz', '--check=none', '-c', '-6'], { input: payload });
    if (r.status !== 0) throw new Error(`xz failed: ${r.stderr}`);
    return r.stdout;
  }
  const dst = Buffer.alloc(compressBound(payload.length));
  const n = compressBlock(payload, dst, 0, payload.length, new Uint32Array(1 << 16));
  if (n === 0) return payload; // lz4js found nothing to compress: stored as it is
  const out = Buffer.alloc(8 + n);
  out.writeBigUInt64LE(BigInt(payload.length), 0);
  dst.copy(out, 8, 0, n);
  return out;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

interface DataObj { offset: number; hash: bigint; payload: Buffer; field: FieldObj; entries: number[]; nextField: number; nextHash: number; arrayOffset: number }
interface FieldObj { offset: number; hash: bigint; name: Buffer; head: number; nextHash: number }

/** A whole journal file holding `entries` (in order: their seqnums are 1, 2, …). */
export function writeJournal(entries: WriterEntry[], options: WriterOptions): Buffer {
  const compact = options.compact ?? false;
  const headerSize = options.headerSize ?? (compact ? 264 : 240);
  // xz runs as a process per object: fewer of them in xz files.
  const threshold = options.threshold ?? (options.compression === 'xz' ? 256 : 64);
  const dataBuckets = 233;
  const fieldBuckets = 31;
  const chunks: Array<{ offset: number; bytes: Buffer }> = [];
  let pos = headerSize;
  let nObjects = 0;
  const place = (bytes: Buffer): number => {
    const offset = pos;
    chunks.push({ offset, bytes });
    pos = align8(pos + bytes.length);
    nObjects++;
    return offset;
  };
  const objectHeader = (type: number, flags: number, size: number) => {
    const b = Buffer.alloc(size);
    b[0] = type;
    b[1] = flags;
    b.writeBigUInt64LE(BigInt(size), 8);
    return b;
  };
  const dataTable = objectHeader(4, 0, 16 + dataBuckets * 16);
  const dataTableOffset = place(dataTable);
  const fieldTable = objectHeader(5, 0, 16 + fieldBuckets * 16);
  const fieldTableOffset = place(fieldTable);
  const datas = new Map<string, DataObj>();
  const fieldsByName = new Map<string, FieldObj>();
  const dataObjects: DataObj[] = [];
  const fieldObjects: FieldObj[] = [];
  const entryOffsets: number[] = [];
  const entryBuffers: Array<{ buf: Buffer; items: DataObj[] }> = [];
  const dataPayload = compact ? 72 : 64;
  const tables = { data: new Map<number, DataObj[]>(), field: new Map<number, FieldObj[]>() };
  const method = options.compression;
  let seqnum = 0;

  for (const e of entries) {
    const items: DataObj[] = [];
    let xor = 0n;
    for (const payload of e.fields) {
      const key = payload.toString('latin1');
      let d = datas.get(key);
      if (!d) {
        const hash = jenkins64(payload);
        const stored = method !== 'none' && payload.length >= threshold ? compress(method, payload) : payload;
        const packed = stored !== payload && stored.length < payload.length;
        const obj = objectHeader(1, packed ? (method === 'xz' ? 1 : 2) : 0, dataPayload + (packed ? stored : payload).length);
        (packed ? stored : payload).copy(obj, dataPayload);
        const name = payload.subarray(0, payload.indexOf(0x3d));
        const offset = place(obj);
        let f = fieldsByName.get(name.toString('latin1'));
        if (!f) {
          const fobj = objectHeader(2, 0, 40 + name.length);
          name.copy(fobj, 40);
          f = { offset: place(fobj), hash: jenkins64(name), name, head: 0, nextHash: 0 };
          fieldsByName.set(name.toString('latin1'), f);
          fieldObjects.push(f);
          const bucket = Number(f.hash % BigInt(fieldBuckets));
          (tables.field.get(bucket) ?? tables.field.set(bucket, []).get(bucket)!).push(f);
        }
        d = { offset, hash, payload: obj, field: f, entries: [], nextField: f.head, nextHash: 0, arrayOffset: 0 };
        f.head = offset; // journald prepends new data to its field's list
        datas.set(key, d);
        dataObjects.push(d);
        const bucket = Number(hash % BigInt(dataBuckets));
        (tables.data.get(bucket) ?? tables.data.set(bucket, []).get(bucket)!).push(d);
      }
      if (!items.includes(d)) {
        items.push(d);
        xor ^= d.hash;
      }
    }
    items.sort((x, y) => x.offset - y.offset);
    const width = compact ? 4 : 16;
    const buf = objectHeader(3, 0, 64 + items.length * width);
    buf.writeBigUInt64LE(BigInt(++seqnum), 16);
    buf.writeBigUInt64LE(e.realtime, 24);
    buf.writeBigUInt64LE(e.monotonic, 32);
    e.bootId.copy(buf, 40);
    buf.writeBigUInt64LE(xor, 56);
    items.forEach((d, i) => {
      if (compact) buf.writeUInt32LE(d.offset, 64 + i * 4);
      else {
        buf.writeBigUInt64LE(BigInt(d.offset), 64 + i * 16);
        buf.writeBigUInt64LE(d.hash, 64 + i * 16 + 8);
      }
    });
    const offset = place(buf);
    entryOffsets.push(offset);
    entryBuffers.push({ buf, items });
    for (const d of items) d.entries.push(offset);
  }

  // Entry arrays: one for all entries, one per data object linked by more than one entry.
  const arrayOf = (offsets: number[]): { offset: number; bytes: Buffer } => {
    const width = compact ? 4 : 8;
    const b = objectHeader(6, 0, 24 + offsets.length * width);
    offsets.forEach((o, i) => (compact ? b.writeUInt32LE(o, 24 + i * 4) : b.writeBigUInt64LE(BigInt(o), 24 + i * 8)));
    return { offset: place(b), bytes: b };
  };
  let nArrays = 0;
  const main = entryOffsets.length > 0 ? arrayOf(entryOffsets) : null;
  if (main) nArrays++;
  for (const d of dataObjects) {
    if (d.entries.length > 1) {
      d.arrayOffset = arrayOf(d.entries.slice(1)).offset;
      nArrays++;
    }
  }

  // Links: data objects (hash chains, field lists, entries), fields, hash tables.
  let dataDepth = 0;
  for (const [bucket, list] of tables.data) {
    list.forEach((d, i) => { d.nextHash = list[i + 1]?.offset ?? 0; });
    dataTable.writeBigUInt64LE(BigInt(list[0]!.offset), 16 + bucket * 16);
    dataTable.writeBigUInt64LE(BigInt(list[list.length - 1]!.offset), 16 + bucket * 16 + 8);
    dataDepth = Math.max(dataDepth, list.length - 1);
  }
  let fieldDepth = 0;
  for (const [bucket, list] of tables.field) {
    list.forEach((f, i) => { f.nextHash = list[i + 1]?.offset ?? 0; });
    fieldTable.writeBigUInt64LE(BigInt(list[0]!.offset), 16 + bucket * 16);
    fieldTable.writeBigUInt64LE(BigInt(list[list.length - 1]!.offset), 16 + bucket * 16 + 8);
    fieldDepth = Math.max(fieldDepth, list.length - 1);
  }
  for (const d of dataObjects) {
    const b = d.payload;
    b.writeBigUInt64LE(d.hash, 16);
    b.writeBigUInt64LE(BigInt(d.nextHash), 24);
    b.writeBigUInt64LE(BigInt(d.nextField), 32);
    b.writeBigUInt64LE(BigInt(d.entries[0] ?? 0), 40);
    b.writeBigUInt64LE(BigInt(d.arrayOffset), 48);
    b.writeBigUInt64LE(BigInt(d.entries.length), 56);
    if (compact && d.arrayOffset !== 0) {
      b.writeUInt32LE(d.arrayOffset, 64);
      b.writeUInt32LE(d.entries.length - 1, 68);
    }
  }
  const byOffset = new Map(chunks.map((c) => [c.offset, c.bytes]));
  for (const f of fieldObjects) {
    const b = byOffset.get(f.offset)!;
    b.writeBigUInt64LE(f.hash, 16);
    b.writeBigUInt64LE(BigInt(f.nextHash), 24);
    b.writeBigUInt64LE(BigInt(f.head), 32);
  }

  const size = pos;
  const file = Buffer.alloc(size);
  for (const c of chunks) c.bytes.copy(file, c.offset);
  const h = file;
  h.write('LPKSHHRH', 0, 'latin1');
  h.writeUInt32LE(0, 8);
  h.writeUInt32LE((method === 'xz' ? 1 : method === 'lz4' ? 2 : 0) | (compact ? 16 : 0), 12);
  h[16] = options.state ?? 0;
  const fileId = Buffer.from('b007ee5f11e0000000000000000000' + (method === 'xz' ? '01' : '02'), 'hex');
  fileId.copy(h, 24);
  Buffer.from('3d1219c7c4c5404aaa1f6d2a48adfda4', 'hex').copy(h, 40);
  const last = entries[entries.length - 1];
  (last?.bootId ?? Buffer.alloc(16)).copy(h, 56);
  fileId.copy(h, 72);
  h.writeBigUInt64LE(BigInt(headerSize), 88);
  h.writeBigUInt64LE(BigInt(size - headerSize), 96);
  h.writeBigUInt64LE(BigInt(dataTableOffset + 16), 104);
  h.writeBigUInt64LE(BigInt(dataBuckets * 16), 112);
  h.writeBigUInt64LE(BigInt(fieldTableOffset + 16), 120);
  h.writeBigUInt64LE(BigInt(fieldBuckets * 16), 128);
  h.writeBigUInt64LE(BigInt(chunks[chunks.length - 1]!.offset), 136);
  h.writeBigUInt64LE(BigInt(nObjects), 144);
  h.writeBigUInt64LE(BigInt(entries.length), 152);
  h.writeBigUInt64LE(BigInt(entries.length), 160);
  h.writeBigUInt64LE(BigInt(entries.length > 0 ? 1 : 0), 168);
  h.writeBigUInt64LE(BigInt(main?.offset ?? 0), 176);
  h.writeBigUInt64LE(entries[0]?.realtime ?? 0n, 184);
  h.writeBigUInt64LE(last?.realtime ?? 0n, 192);
  h.writeBigUInt64LE(last?.monotonic ?? 0n, 200);
  h.writeBigUInt64LE(BigInt(dataObjects.length), 208);
  h.writeBigUInt64LE(BigInt(fieldObjects.length), 216);
  h.writeBigUInt64LE(0n, 224);
  h.writeBigUInt64LE(BigInt(nArrays), 232);
  if (headerSize >= 256) {
    h.writeBigUInt64LE(BigInt(dataDepth), 240);
    h.writeBigUInt64LE(BigInt(fieldDepth), 248);
  }
  if (headerSize >= 264 && main) {
    h.writeUInt32LE(main.offset, 256);
    h.writeUInt32LE(entries.length, 260);
  }
  if (headerSize >= 272) h.writeBigUInt64LE(BigInt(entryOffsets[entryOffsets.length - 1] ?? 0), 264);
  return file;
}
