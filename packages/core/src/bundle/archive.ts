import { createReadStream, lstatSync, openSync, readSync, closeSync, readdirSync, realpathSync, statSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { Readable, type Transform } from 'node:stream';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';

// CommonJS decoders, loaded when an archive of their kind is read.
const requireHere = createRequire(import.meta.url);

/** The limits of reading an untrusted bundle (issue 18); each one hit is a diagnostic, the rest still read. */
export interface BundleLimits {
  /** Entries (files, directories, links) read; later ones are counted, not read. */
  maxEntries: number;
  /** Bytes of all members once expanded; reading stops there. */
  maxTotalBytes: number;
  /** A member larger than this is listed as too large and not read. */
  maxFileBytes: number;
  /** Expanded ÷ stored bytes of a compressed archive, judged once 64 MiB were expanded. */
  maxRatio: number;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 2 * 1024 ** 3,
  maxFileBytes: 512 * 1024 ** 2,
  maxRatio: 200,
};
const RATIO_AFTER = 64 * 1024 ** 2;

export type Container = 'directory' | 'tar' | 'tar.gz' | 'tar.xz' | 'tar.bz2' | 'zip';

/** One member of a bundle: its bytes, or why it was not read. */
export interface Member {
  name: string;
  size: number;
  data: Buffer | null;
  /** Why `data` is null: `too-large`, `unsafe-name`, `symlink`, `not-regular`, `limit`, `unreadable`. */
  reason?: string;
}

/** Something a limit or a broken archive stopped: code and what to say (bundle/wording.ts words it). */
export interface BundleProblem {
  code: 'bundle-entry-limit' | 'bundle-size-limit' | 'bundle-ratio-limit' | 'bundle-truncated' | 'bundle-unsafe-name' | 'bundle-symlink-outside' | 'bundle-file-too-large';
  name: string;
  detail: string;
}

export interface MemberSink {
  /** Awaited before the next member is read: whoever keeps a member's bytes decides as it arrives. */
  member(m: Member): void | Promise<void>;
  problem(p: BundleProblem): void;
}

class LimitError extends Error {
  constructor(readonly problem: BundleProblem) {
    super(problem.detail);
  }
}

/** The container of `path` by its first bytes (and a gzip's inner bytes), or null when it is no bundle. */
export function containerOf(path: string): Container | null {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return null;
  if (stat.isDirectory()) return 'directory';
  if (!stat.isFile()) return null;
  const head = Buffer.alloc(512);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, 512, 0);
  } finally {
    closeSync(fd);
  }
  const b = head.subarray(0, n);
  if (b.length >= 4 && b.readUInt32LE(0) === 0x04034b50) return 'zip';
  if (isTarHeader(b)) return 'tar';
  if (b[0] === 0xfd && b.subarray(1, 6).toString('latin1') === '7zXZ\0') return /\.(?:tar\.xz|txz)$/i.test(path) ? 'tar.xz' : null;
  if (b.subarray(0, 3).toString('latin1') === 'BZh') return /\.(?:tar\.bz2|tbz2?)$/i.test(path) ? 'tar.bz2' : null;
  if (b[0] === 0x1f && b[1] === 0x8b) return /\.(?:tar\.gz|tgz)$/i.test(path) || gzipHoldsTar(path) ? 'tar.gz' : null;
  return null;
}

function isTarHeader(b: Buffer): boolean {
  return b.length >= 262 && b.subarray(257, 262).toString('latin1') === 'ustar';
}

/** A gzip whose first 512 expanded bytes are a tar header (a .tar.gz named otherwise). */
function gzipHoldsTar(path: string): boolean {
  try {
    // The first 4 KiB of the file (deflate expands them to at most ~4 MiB), expanded as far as they go.
    const fd = openSync(path, 'r');
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    return isTarHeader(gunzipSync(head.subarray(0, n), { finishFlush: zlibConstants.Z_SYNC_FLUSH }));
  } catch {
    return false;
  }
}

/**
 * A member's name as a safe relative path, or null: absolute names, `..` segments and NUL bytes
 * are refused (nothing is ever written, but a name that climbs out of the bundle is not trusted).
 */
export function safeName(raw: string): string | null {
  if (raw.includes('\0') || raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) return null;
  const parts = raw.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) return null;
  return parts.join('/');
}

/** Counts entries and bytes against the limits; throws LimitError when reading must stop. */
class Budget {
  entries = 0;
  total = 0;
  stored = 0;
  constructor(readonly limits: BundleLimits, readonly sink: MemberSink) {}

  /** False once the entry limit is reached (the entry is counted, not read). */
  entry(name: string): boolean {
    this.entries++;
    if (this.entries === this.limits.maxEntries + 1) {
      this.sink.problem({ code: 'bundle-entry-limit', name, detail: `more than ${this.limits.maxEntries} entries` });
    }
    return this.entries <= this.limits.maxEntries;
  }

  expanded(bytes: number, compressed: boolean): void {
    this.total += bytes;
    if (this.total > this.limits.maxTotalBytes) {
      throw new LimitError({ code: 'bundle-size-limit', name: '', detail: `more than ${this.limits.maxTotalBytes} bytes once expanded` });
    }
    if (compressed && this.total > RATIO_AFTER && this.total > this.stored * this.limits.maxRatio) {
      throw new LimitError({ code: 'bundle-ratio-limit', name: '', detail: `expands more than ${this.limits.maxRatio} times (${this.stored} bytes to over ${this.total})` });
    }
  }
}

/** Reads a member's chunks into one buffer, up to the file limit (past it: drained, not kept). */
async function take(chunks: AsyncIterable<Buffer | Uint8Array>, size: number, budget: Budget, compressed: boolean): Promise<Buffer | null> {
  const keep = size <= budget.limits.maxFileBytes;
  const parts: Buffer[] = [];
  for await (const chunk of chunks) {
    budget.expanded(chunk.length, compressed);
    if (keep) parts.push(Buffer.from(chunk));
  }
  return keep ? Buffer.concat(parts) : null;
}

/** The archive's bytes as stored, counted for the compression ratio as they pass. */
function counted(budget: Budget, path: string): Readable {
  const file = createReadStream(path);
  return Readable.from((async function* () {
    try {
      for await (const chunk of file) {
        budget.stored += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    } finally {
      file.destroy();
    }
  })(), { objectMode: false });
}

function decompressor(container: Container): Transform | null {
  if (container === 'tar.gz') return createGunzip();
  if (container === 'tar.bz2') return (requireHere('unbzip2-stream') as () => Transform)();
  return null;
}

async function xzStream(source: Readable): Promise<Readable> {
  type XzCtor = new (s: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>;
  const m = (await import('xz-decompress')) as unknown as { XzReadableStream: XzCtor; default?: { XzReadableStream: XzCtor } };
  const Xz = typeof m.XzReadableStream === 'function' ? m.XzReadableStream : m.default!.XzReadableStream;
  // xz-decompress reads plain Uint8Arrays from a web stream (Readable.toWeb's pooled Buffers fail it).
  const chunks = source[Symbol.asyncIterator]();
  const input = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(new Uint8Array(next.value as Buffer));
    },
    async cancel() {
      source.destroy();
    },
  });
  const reader = new Xz(input).getReader();
  return Readable.from((async function* () {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  })());
}

async function readTar(path: string, container: Container, budget: Budget, sink: MemberSink): Promise<void> {
  const tarStream = requireHere('tar-stream') as typeof import('tar-stream');
  const extract = tarStream.extract();
  const file = counted(budget, path);
  let bytes: Readable = file;
  if (container === 'tar.xz') bytes = await xzStream(file);
  else {
    const d = decompressor(container);
    if (d) bytes = file.pipe(d);
  }
  const compressed = container !== 'tar';
  bytes.on('error', (error) => extract.destroy(error));
  file.on('error', (error) => extract.destroy(error));
  bytes.pipe(extract);
  try {
    for await (const entry of extract) {
      const h = entry.header;
      const raw = h.name;
      if (!budget.entry(raw)) {
        entry.resume();
        continue;
      }
      const name = safeName(raw);
      if (name === null) {
        sink.problem({ code: 'bundle-unsafe-name', name: raw, detail: 'an absolute name or one with `..`' });
        await sink.member({ name: raw, size: h.size ?? 0, data: null, reason: 'unsafe-name' });
        entry.resume();
        continue;
      }
      if (h.type !== 'file' && h.type !== 'contiguous-file') {
        if (h.type === 'symlink' || h.type === 'link') await sink.member({ name, size: 0, data: null, reason: 'symlink' });
        entry.resume();
        continue;
      }
      const size = h.size ?? 0;
      const data = await take(entry as AsyncIterable<Buffer>, size, budget, compressed);
      if (data === null) sink.problem({ code: 'bundle-file-too-large', name, detail: `${size} bytes` });
      await sink.member({ name, size, data, ...(data === null ? { reason: 'too-large' } : {}) });
    }
  } catch (error) {
    throw error instanceof LimitError ? error : new LimitError({ code: 'bundle-truncated', name: '', detail: (error as Error).message });
  } finally {
    // Stopped early (a limit): nothing keeps reading behind us.
    extract.destroy();
    bytes.destroy();
    file.destroy();
  }
}

interface FflateFile {
  name: string;
  size: number;
  originalSize: number;
  ondata: (error: Error | null, data: Uint8Array, final: boolean) => void;
  start(): void;
  terminate(): void;
}

/** A zip read as it streams (local headers; fflate's Unzip), never seeking, never writing. */
async function readZip(path: string, budget: Budget, sink: MemberSink): Promise<void> {
  const { Unzip, UnzipInflate } = requireHere('fflate') as typeof import('fflate');
  let limit: LimitError | null = null;
  let open = 0;
  // fflate calls back synchronously: members wait here until the sink has taken them.
  const pending: Member[] = [];
  const unzip = new Unzip((f) => {
    const file = f as unknown as FflateFile;
    if (limit) return;
    if (!budget.entry(file.name)) return;
    const name = safeName(file.name);
    if (name === null) {
      sink.problem({ code: 'bundle-unsafe-name', name: file.name, detail: 'an absolute name or one with `..`' });
      pending.push({ name: file.name, size: file.originalSize ?? 0, data: null, reason: 'unsafe-name' });
      return;
    }
    if (name === '' || file.name.endsWith('/')) return;
    const parts: Buffer[] = [];
    let total = 0;
    const declared = file.originalSize ?? 0;
    open++;
    file.ondata = (error, data, final) => {
      if (limit) return;
      if (error) {
        open--;
        limit = new LimitError({ code: 'bundle-truncated', name, detail: error.message });
        return;
      }
      total += data.length;
      try {
        budget.expanded(data.length, true);
      } catch (e) {
        limit = e as LimitError;
        file.terminate();
        return;
      }
      if (total <= budget.limits.maxFileBytes) parts.push(Buffer.from(data));
      if (!final) return;
      open--;
      const kept = total <= budget.limits.maxFileBytes;
      if (!kept) sink.problem({ code: 'bundle-file-too-large', name, detail: `${total} bytes` });
      pending.push({ name, size: total || declared, data: kept ? Buffer.concat(parts) : null, ...(kept ? {} : { reason: 'too-large' }) });
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const stream = createReadStream(path);
  try {
    for await (const chunk of stream) {
      budget.stored += (chunk as Buffer).length;
      unzip.push(chunk as Buffer, false);
      for (const m of pending.splice(0)) await sink.member(m);
      if (limit) break;
    }
    if (!limit) unzip.push(new Uint8Array(0), true);
    for (const m of pending.splice(0)) await sink.member(m);
  } catch (error) {
    limit = new LimitError({ code: 'bundle-truncated', name: '', detail: (error as Error).message });
  } finally {
    stream.destroy();
  }
  if (!limit && open > 0) limit = new LimitError({ code: 'bundle-truncated', name: '', detail: 'the archive ends inside a member' });
  if (limit) throw limit;
}

/** A directory walked in name order; symlinks followed only where they stay inside it. */
async function readDirectory(root: string, budget: Budget, sink: MemberSink): Promise<void> {
  const real = realpathSync(root);
  const seen = new Set<string>([real]);
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > 32) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      const name = relative(root, path).split(sep).join('/');
      if (!budget.entry(name)) return;
      let target = path;
      if (entry.isSymbolicLink()) {
        let resolved: string;
        try {
          resolved = realpathSync(path);
        } catch {
          await sink.member({ name, size: 0, data: null, reason: 'symlink' });
          continue;
        }
        if (resolved !== real && !resolved.startsWith(real + sep)) {
          sink.problem({ code: 'bundle-symlink-outside', name, detail: 'points outside the bundle' });
          await sink.member({ name, size: 0, data: null, reason: 'symlink' });
          continue;
        }
        target = resolved;
      }
      const stat = lstatSync(target);
      if (stat.isDirectory()) {
        if (seen.has(target)) continue;
        seen.add(target);
        await walk(path, depth + 1);
      } else if (!stat.isFile()) {
        await sink.member({ name, size: 0, data: null, reason: 'not-regular' });
      } else if (stat.size > budget.limits.maxFileBytes) {
        sink.problem({ code: 'bundle-file-too-large', name, detail: `${stat.size} bytes` });
        await sink.member({ name, size: stat.size, data: null, reason: 'too-large' });
      } else {
        let data: Buffer;
        try {
          data = readFileSync(target);
        } catch {
          await sink.member({ name, size: stat.size, data: null, reason: 'unreadable' });
          continue;
        }
        budget.expanded(data.length, false);
        await sink.member({ name, size: data.length, data });
      }
    }
  };
  await walk(root, 0);
}

/**
 * Every member of a bundle (a directory, or a tar / tar.gz / tar.xz / tar.bz2 / zip archive
 * streamed without unpacking), handed to `sink` as it is read. Limits stop reading with a problem;
 * what was read before stays.
 */
export async function readMembers(path: string, container: Container, limits: BundleLimits, sink: MemberSink): Promise<{ entries: number }> {
  const budget = new Budget(limits, sink);
  try {
    if (container === 'directory') await readDirectory(path, budget, sink);
    else if (container === 'zip') await readZip(path, budget, sink);
    else await readTar(path, container, budget, sink);
  } catch (error) {
    if (error instanceof LimitError) sink.problem(error.problem);
    else throw error;
  }
  return { entries: budget.entries };
}
