import { OBJECT_LZ4, OBJECT_XZ, OBJECT_ZSTD } from './layout.js';

/**
 * Decompression of data objects, with decoders from npm loaded on first use (a journal without
 * compressed objects loads none). Chosen by measurement (commit message of this file): zstd through
 * @bokuweb/zstd-wasm (WebAssembly; fzstd, pure JS, was 10-40 times slower per object, zstddec as fast
 * but 130 ms to start), LZ4 through lz4js (pure JS; systemd's LZ4 payload is a u64 size then one LZ4
 * block), XZ through xz-decompress (WebAssembly xz-embedded; the only one without native code, and
 * asynchronous, so XZ objects are decoded between entries: see JournalFileReader.settle).
 */
export type Method = 'xz' | 'lz4' | 'zstd';

export function methodOf(flags: number): Method | null {
  return flags === OBJECT_ZSTD ? 'zstd' : flags === OBJECT_LZ4 ? 'lz4' : flags === OBJECT_XZ ? 'xz' : null;
}

/** Why a payload could not be decompressed, or that it is larger than the limit. */
export type Unpacked = Buffer | { what: 'decompress'; method: Method; detail: string } | { what: 'too-long'; size: number };

interface Zstd { decompress(buf: Uint8Array, opts?: { defaultHeapSize: number }): Uint8Array }
interface Lz4 { decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number }
interface Xz { XzReadableStream: new (stream: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array> }

let zstd: Zstd | null = null;
let lz4: Lz4 | null = null;
let xz: Xz | null = null;

/** Whether `method` can be decoded synchronously now (its decoder is loaded and synchronous). */
export function ready(method: Method): boolean {
  return method === 'zstd' ? zstd !== null : method === 'lz4' ? lz4 !== null : false;
}

/** Loads the decoder of `method`. */
export async function load(method: Method): Promise<void> {
  if (method === 'zstd' && !zstd) {
    const m = (await import('@bokuweb/zstd-wasm')) as unknown as Zstd & { init(): Promise<void>; default?: Zstd & { init(): Promise<void> } };
    const mod = typeof m.init === 'function' ? m : m.default!;
    await mod.init();
    zstd = mod;
  } else if (method === 'lz4' && !lz4) {
    const m = (await import('lz4js')) as unknown as Lz4 & { default?: Lz4 };
    lz4 = typeof m.decompressBlock === 'function' ? m : m.default!;
  } else if (method === 'xz' && !xz) {
    const m = (await import('xz-decompress')) as unknown as Xz & { default?: Xz };
    xz = typeof m.XzReadableStream === 'function' ? m : m.default!;
  }
}

const failed = (method: Method, error: unknown): Unpacked =>
  ({ what: 'decompress', method, detail: error instanceof Error ? error.message : String(error) });

/**
 * The content size a zstd frame header states, -1 when it states none, or null when the bytes are
 * not a zstd frame (RFC 8878 3.1.1: magic, frame header descriptor, window, dictionary id, size).
 */
export function zstdContentSize(b: Buffer): number | null {
  if (b.length < 6 || b.readUInt32LE(0) !== 0xfd2fb528) return null;
  const fhd = b[4]!;
  const single = (fhd >> 5) & 1;
  const fcsFlag = fhd >> 6;
  let p = 5 + (single ? 0 : 1) + [0, 1, 2, 4][fhd & 3]!;
  const size = fcsFlag === 0 ? (single ? 1 : 0) : [1, 2, 4, 8][fcsFlag]!;
  if (size === 0) return -1;
  if (b.length < p + size) return null;
  if (size === 1) return b[p]!;
  if (size === 2) return b.readUInt16LE(p) + 256;
  if (size === 4) return b.readUInt32LE(p);
  const hi = b.readUInt32LE(p + 4);
  p = b.readUInt32LE(p);
  return hi >= 0x20_0000 ? Number.MAX_SAFE_INTEGER : hi * 0x1_0000_0000 + p;
}

/** Decompresses with a loaded synchronous decoder (`ready(method)`); output above `limit` bytes is refused. */
export function unpackSync(method: Method, payload: Buffer, limit: number): Unpacked {
  if (method === 'zstd') {
    const size = zstdContentSize(payload);
    if (size === null) return failed(method, 'not a zstd frame');
    if (size > limit) return { what: 'too-long', size };
    try {
      const out = zstd!.decompress(payload, { defaultHeapSize: limit });
      if (size >= 0 && out.length !== size) return failed(method, `${out.length} bytes, the frame says ${size}`);
      return Buffer.from(out.buffer, out.byteOffset, out.length);
    } catch (error) {
      return failed(method, error);
    }
  }
  // lz4: systemd writes the size (u64) and then one LZ4 block (compress.c).
  if (payload.length < 9) return failed(method, 'shorter than its size header');
  const hi = payload.readUInt32LE(4);
  const size = hi >= 0x20_0000 ? Number.MAX_SAFE_INTEGER : hi * 0x1_0000_0000 + payload.readUInt32LE(0);
  if (size > limit) return { what: 'too-long', size };
  const out = Buffer.allocUnsafe(size);
  try {
    const n = lz4!.decompressBlock(payload, out, 8, payload.length - 8, 0);
    return n === size ? out : failed(method, `${n} bytes, the header says ${size}`);
  } catch (error) {
    return failed(method, error);
  }
}

/** XZ, which only decodes asynchronously; output above `limit` bytes is refused. */
export async function unpackXz(payload: Buffer, limit: number): Promise<Unpacked> {
  await load('xz');
  const input = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(payload));
      controller.close();
    },
  });
  const parts: Buffer[] = [];
  let size = 0;
  try {
    const reader = new xz!.XzReadableStream(input).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        return { what: 'too-long', size };
      }
      parts.push(Buffer.from(value));
    }
  } catch (error) {
    return failed('xz', error);
  }
  return Buffer.concat(parts, size);
}
