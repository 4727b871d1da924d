import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { ReadResult } from '../input.js';
import { bytesOf, type InputSource } from '../open.js';
import type { EntrySink } from '../reader.js';
import { mergeJournalFiles } from './merge.js';
import { isRegularFile, journalKind, openJournalBuffer, openJournalFile, spoolJournal, type OpenJournal } from './open.js';

export { isJournalHead, journalKind } from './open.js';

/**
 * Binary journal files (the Journal File Format, `/var/log/journal/<machine-id>/*.journal`), read
 * natively: header, objects and entry arrays through positioned reads (file-reader.ts), several
 * files merged into journalctl's order (merge.ts). Entries are attributed to `path:N`, N the
 * entry's place in its file (1-based), the order `journalctl --file F` shows them in; the input's
 * `lines`, `parsed` and `skipped` count entries.
 */
export interface JournalFileOptions {
  maxLineBytes: number;
  maxInputBytes: number;
  maxDiagnostics: number;
  onProgress?: (path: string, bytesRead: number) => void;
  /** Called after each entry handed on; when it returns a promise, reading waits for it (a stream's reader is behind). */
  pace?: () => Promise<void> | undefined;
}

/**
 * Every journal file under `dir`, found by content (the `LPKSHHRH` magic, gzipped too), in its
 * subdirectories too: `system.journal`, `system@….journal~`, `user-1000.journal`, whatever they are
 * named. Hidden entries are skipped. Sorted by path.
 */
export function findJournalFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    if (depth > 16) return;
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const path = join(d, entry.name);
      const stat = entry.isSymbolicLink() ? statSync(path, { throwIfNoEntry: false }) : entry;
      if (!stat) continue;
      if (stat.isDirectory()) walk(path, depth + 1);
      else if (stat.isFile() && journalKindSafe(path) !== null) out.push(path);
    }
  };
  walk(dir, 0);
  return out;
}

function journalKindSafe(path: string): 'plain' | 'gzip' | null {
  try {
    return journalKind(path);
  } catch {
    return null; // unreadable: not ours to report when searching
  }
}

/**
 * The journal files an input names: the files of a directory (an InputError when it holds none),
 * a journal file itself (plain or gzipped), or null for anything else (read as journalctl output).
 */
export function journalFilesOf(path: string): string[] | null {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return null;
  if (stat.isDirectory()) {
    const found = findJournalFiles(path);
    if (found.length === 0) throw new InputError('unreadable', path, `${path}: is a directory with no journal files in it (*.journal, found by content)`);
    return found;
  }
  return stat.isFile() && journalKindSafe(path) !== null ? [path] : null;
}

async function open(path: string, options: JournalFileOptions): Promise<OpenJournal> {
  if (journalKind(path) === 'plain') return openJournalFile(path, options.maxInputBytes);
  const chunks = bytesOf({ path }, options.maxInputBytes, undefined, { gzipRatio: Number.POSITIVE_INFINITY });
  const first = await chunks.next();
  if (first.done) throw new InputError('unreadable', path, `${path}: empty once gunzipped`);
  return spoolJournal(path, Buffer.from(first.value), chunks);
}

/** Reads journal files (plain or gzipped) merged into one stream of entries, as journalctl would show them together. */
export async function readJournalFiles(paths: readonly string[], sink: EntrySink, options: JournalFileOptions): Promise<ReadResult[]> {
  const opened: OpenJournal[] = [];
  try {
    for (const path of new Set(paths)) opened.push(await open(path, options));
  } catch (error) {
    for (const o of opened) o.close();
    throw error;
  }
  return mergeJournalFiles(opened, sink, options);
}

/**
 * input.ts's way in: an input whose first bytes are a journal file's. `head` is the first chunk
 * (after gunzip), `rest` the remaining chunks. A plain file on disk is read where it is; anything
 * else (gzipped, standard input, a library caller's stream) is copied to a temporary file first,
 * and bytes handed over in memory are read there.
 */
export async function readJournalInput(source: InputSource, head: Buffer, rest: AsyncGenerator<Buffer>, sink: EntrySink, options: JournalFileOptions): Promise<ReadResult> {
  const { path, content } = source;
  let file: OpenJournal;
  if (content === undefined && isRegularFile(path) && journalKind(path) === 'plain') {
    await rest.return(undefined);
    file = openJournalFile(path, options.maxInputBytes);
  } else if (content instanceof Uint8Array && head.length === content.length) {
    // Bytes handed over in memory, not gzipped: `head` is all of them.
    await rest.return(undefined);
    file = openJournalBuffer(path, head);
  } else {
    file = await spoolJournal(path, Buffer.from(head), rest);
  }
  const [result] = await mergeJournalFiles([file], sink, options);
  return result!;
}
