import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { journalHeaderMessage } from '../../report/diagnostics.js';
import { InputError } from '../errors.js';
import { bufferAccess, fileAccess, type RandomAccess } from './access.js';
import { HEADER_READ_BYTES, isHeaderProblem, readHeader, SIGNATURE, type Header } from './layout.js';

const GZIP = Buffer.from([0x1f, 0x8b]);

export const isJournalHead = (head: Uint8Array): boolean => head.length >= 8 && SIGNATURE.equals(head.subarray(0, 8));

/** An opened journal file: its bytes, its header, and what to remove when done (a spooled copy). */
export interface OpenJournal {
  path: string;
  access: RandomAccess;
  header: Header;
  close(): void;
}

/** The first bytes of a file (fewer when it is shorter). */
export function headOf(path: string, bytes = HEADER_READ_BYTES): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    let got = 0;
    while (got < bytes) {
      const n = readSync(fd, buf, got, bytes - got, got);
      if (n <= 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** Whether a file holds a journal file: plain (`LPKSHHRH`), or gzipped with that magic once gunzipped. */
export function journalKind(path: string): 'plain' | 'gzip' | null {
  const head = headOf(path, 4096);
  if (isJournalHead(head)) return 'plain';
  if (head.length >= 2 && head.subarray(0, 2).equals(GZIP)) {
    try {
      // Enough of the stream to see the magic; a partial stream is fine with a sync flush.
      return isJournalHead(gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH })) ? 'gzip' : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** Reads and checks the header; a file that cannot be read at all is an InputError. */
export function headerOf(path: string, access: RandomAccess): Header {
  const head = Buffer.alloc(Math.min(HEADER_READ_BYTES, access.size));
  let got = 0;
  while (got < head.length) {
    const n = access.read(head, got, head.length - got, got);
    if (n <= 0) break;
    got += n;
  }
  const header = readHeader(head.subarray(0, got), access.size);
  if (isHeaderProblem(header)) throw new InputError('binary-journal', path, journalHeaderMessage(path, header));
  return header;
}

/** Opens a plain journal file for positioned reads. */
export function openJournalFile(path: string, maxInputBytes: number): OpenJournal {
  const access = fileAccess(path);
  try {
    if (access.size > maxInputBytes) throw tooLarge(path, maxInputBytes);
    return { path, access, header: headerOf(path, access), close: () => access.close() };
  } catch (error) {
    access.close();
    throw error;
  }
}

/** Opens journal bytes already in memory. */
export function openJournalBuffer(path: string, bytes: Buffer): OpenJournal {
  const access = bufferAccess(bytes);
  return { path, access, header: headerOf(path, access), close() {} };
}

export function tooLarge(path: string, maxInputBytes: number): InputError {
  return new InputError('too-large', path, `${path}: more than ${maxInputBytes} bytes; ` +
    'read a smaller part of the journal (journalctl -b, --since) or raise --max-input-bytes');
}

/**
 * Journal bytes that cannot be read at positions (gunzipped, or a stream such as standard input):
 * written to a temporary file first, then read like any journal file. The chunks come from
 * input.ts's reading, which applies --max-input-bytes and the gzip ratio limit, so the copy is
 * bounded by them; memory stays bounded, unlike a copy in a buffer (a journal file is often 128 MiB).
 * The header is checked on the first chunk, so a file damaged beyond reading fails before the copy.
 */
export async function spoolJournal(path: string, head: Buffer, rest: AsyncIterator<Buffer>): Promise<OpenJournal> {
  const early = readHeader(head.subarray(0, HEADER_READ_BYTES), Number.MAX_SAFE_INTEGER);
  if (isHeaderProblem(early) && early.what !== 'short') throw new InputError('binary-journal', path, journalHeaderMessage(path, early));
  // The gzip ratio limit is lifted for journal files (input.ts): what is copied is bounded by the
  // size the header states (a journal file is exactly its header and arena) and --max-input-bytes.
  const stated = isHeaderProblem(early) ? Number.POSITIVE_INFINITY : early.headerSize + early.arenaSize;
  const dir = mkdtempSync(join(tmpdir(), 'bootlens-journal-'));
  const file = join(dir, 'copy.journal');
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const fd = openSync(file, 'w');
    try {
      let written = writeSync(fd, head.subarray(0, Math.min(head.length, stated)));
      while (written < stated) {
        const next = await rest.next();
        if (next.done) break;
        written += writeSync(fd, next.value.subarray(0, Math.min(next.value.length, stated - written)));
      }
      await rest.return?.(undefined);
    } finally {
      closeSync(fd);
    }
    const access = fileAccess(file);
    try {
      const header = headerOf(path, access);
      return { path, access, header, close: () => { access.close(); remove(); } };
    } catch (error) {
      access.close();
      throw error;
    }
  } catch (error) {
    remove();
    throw error;
  }
}

export const isRegularFile = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isFile() === true;
