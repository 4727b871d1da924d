import type { Diagnostic } from '../../model/diagnostic.js';
import { diagnosticsCappedMessage, duplicateEntriesMessage, emptyInputMessage, invalidUtf8Message, journalProblemMessage } from '../../report/diagnostics.js';
import type { EntrySink } from '../reader.js';
import { BlockPool } from './access.js';
import type { ReadResult } from '../input.js';
import { FieldCache, JournalFileReader, type EntryRecord, type FileProblem } from './file-reader.js';
import type { OpenJournal } from './open.js';

export interface MergeOptions {
  maxLineBytes: number;
  maxDiagnostics: number;
  onProgress?: (path: string, bytesRead: number) => void;
  /** Called after each entry handed on; when it returns a promise, reading waits for it (a stream's reader is behind). */
  pace?: () => Promise<void> | undefined;
}

/** One file of a merge: its reader, its head entry, and what is said about it. */
interface Source {
  file: OpenJournal;
  reader: JournalFileReader;
  head: EntryRecord | null;
  seqnumId: string;
  entries: number;
  duplicates: number;
  diagnostics: Diagnostic[];
  unlisted: number;
}

/**
 * journalctl's order of two entries of different files (sd-journal's journal_file_compare_locations):
 * by seqnum within one seqnum id, else by monotonic time within one boot, else by realtime, then by
 * the xor hash of their data. 0: the same entry (one was copied into both files).
 */
function compare(a: EntryRecord, aSeqnumId: string, b: EntryRecord, bSeqnumId: string): number {
  if (aSeqnumId === bSeqnumId && a.seqnum !== b.seqnum) return a.seqnum < b.seqnum ? -1 : 1;
  if (a.bootId === b.bootId && a.monotonic !== b.monotonic) return a.monotonic < b.monotonic ? -1 : 1;
  if (a.realtime !== b.realtime) return a.realtime < b.realtime ? -1 : 1;
  if (a.xorHi !== b.xorHi) return a.xorHi < b.xorHi ? -1 : 1;
  if (a.xorLo !== b.xorLo) return a.xorLo < b.xorLo ? -1 : 1;
  return 0;
}

const before = (a: Source, b: Source): boolean => compare(a.head!, a.seqnumId, b.head!, b.seqnumId) < 0;

/** A binary heap of the sources by their head entries. */
class Heap {
  readonly items: Source[] = [];
  push(s: Source): void {
    const items = this.items;
    items.push(s);
    for (let i = items.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }
  pop(): Source | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && before(items[l]!, items[m]!)) m = l;
        if (r < items.length && before(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top;
  }
}

/** Entries between yields to the event loop (a progress line, a worker's messages). */
const YIELD_EVERY = 8192;

/**
 * Reads journal files into `sink` as one stream in journalctl's order: a k-way merge over one
 * reader per file, holding one entry per file. An entry that is in two files (a copy) is handed
 * on once. Returns one result per file, in the order given; the readers are closed.
 */
export async function mergeJournalFiles(files: readonly OpenJournal[], sink: EntrySink, options: MergeOptions): Promise<ReadResult[]> {
  const k = files.length;
  // One block cache (access.ts: 2 MiB for one file, 4 MiB for several) and one field cache for all files.
  const pool = new BlockPool(256 * 1024, k > 1 ? 16 : 8);
  const cache = new FieldCache();
  const sources: Source[] = files.map((file) => {
    const source: Source = { file, reader: null!, head: null, seqnumId: file.header.seqnumId, entries: 0, duplicates: 0, diagnostics: [], unlisted: 0 };
    source.reader = new JournalFileReader(file.access, file.header, {
      path: file.path,
      maxValueBytes: options.maxLineBytes,
      // Memory for all files together stays about that of one.
      cache,
      pool,
      onProblem: (problem) => report(source, problem, options.maxDiagnostics),
    });
    return source;
  });
  try {
    const heap = new Heap();
    for (const s of sources) if (await advance(s)) heap.push(s);
    let last: EntryRecord | null = null;
    let lastSeqnumId = '';
    let n = 0;
    for (let s = heap.pop(); s !== undefined; s = heap.pop()) {
      const record = s.head!;
      if (last !== null && k > 1 && compare(record, s.seqnumId, last, lastSeqnumId) === 0) {
        s.duplicates++;
      } else {
        s.entries++;
        sink.entry(record.entry);
        last = record;
        lastSeqnumId = s.seqnumId;
        const wait = options.pace?.();
        if (wait) await wait;
      }
      if (await advance(s)) heap.push(s);
      if (++n % YIELD_EVERY === 0) {
        if (options.onProgress) for (const x of sources) options.onProgress(x.file.path, x.reader.blocks.bytesRead);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return sources.map((s) => resultOf(s));
  } finally {
    for (const s of sources) s.file.close();
  }
}

/** Moves a source to its next entry; false at its end. */
async function advance(s: Source): Promise<boolean> {
  for (;;) {
    const r = s.reader.next();
    if (r === 'pending') {
      await s.reader.settle();
      continue;
    }
    s.head = r;
    return r !== null;
  }
}

function report(s: Source, problem: FileProblem, max: number): void {
  if (s.diagnostics.length >= max) {
    s.unlisted++;
    return;
  }
  const line = problem.kind === 'entry-skipped' || problem.kind === 'value-too-long' ? problem.ordinal : 0;
  s.diagnostics.push({ path: s.file.path, line, code: `journal-${problem.kind}`, message: journalProblemMessage(problem) });
}

function resultOf(s: Source): ReadResult {
  const r = s.reader;
  const path = s.file.path;
  const diagnostics = s.diagnostics;
  if (r.invalidUtf8 > 0) diagnostics.push({ path, line: r.firstInvalidUtf8, code: 'invalid-utf8', message: invalidUtf8Message(r.invalidUtf8) });
  if (s.duplicates > 0) diagnostics.push({ path, line: 0, code: 'duplicate-entries', message: duplicateEntriesMessage(s.duplicates) });
  if (s.unlisted > 0) diagnostics.push({ path, line: 0, code: 'diagnostics-capped', message: diagnosticsCappedMessage(s.unlisted) });
  if (s.entries === 0 && s.duplicates === 0) diagnostics.push({ path, line: 0, code: 'no-entries', message: emptyInputMessage() });
  return {
    summary: { path, format: 'journal-file', lines: r.parsed + r.skipped, parsed: r.parsed, entries: s.entries, skipped: r.skipped },
    diagnostics,
  };
}
