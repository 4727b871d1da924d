import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { analyze, InputError, type AnalyzeOptions, type Report } from '@bootlens/core';
import type { PoolRequest, PoolResponse } from './protocol.js';

export type FileResult =
  | { path: string; ok: true; report: Report }
  | { path: string; ok: false; inputError: boolean; message: string };

export interface PoolOptions {
  /** Workers to start (default `os.availableParallelism()`, never more than there are files); 0 analyzes in this thread. */
  jobs?: number;
  analyze?: Omit<AnalyzeOptions, 'rules'>;
}

/** Defined (as `true`) only in the bundled CLI, `dist/bootlens.bundle.cjs` (see `scripts/bundle.mjs`). */
declare const BOOTLENS_BUNDLE: boolean | undefined;

/**
 * The worker's entry: `dist/pool/worker.js` when compiled (what the CLI runs; from the bundle, one
 * folder above `pool/`), `worker.ts` next to this module under tsx.
 */
function workerUrl(): URL {
  if (typeof BOOTLENS_BUNDLE !== 'undefined' && BOOTLENS_BUNDLE) return new URL('./pool/worker.js', import.meta.url);
  return new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
}

async function inThread(path: string, options: PoolOptions['analyze']): Promise<FileResult> {
  try {
    return { path, ok: true, report: await analyze([path], options ?? {}) };
  } catch (error) {
    return { path, ok: false, inputError: error instanceof InputError, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Analyzes each file on its own (one report per file) on a small pool of worker threads: each
 * worker reads one file at a time and posts back only the report, so memory is bounded by the
 * largest file per worker, not by the number of files. Results come back in the order of `paths`.
 */
export async function analyzeEach(paths: readonly string[], options: PoolOptions = {}): Promise<FileResult[]> {
  const jobs = Math.min(options.jobs ?? availableParallelism(), paths.length);
  const results: FileResult[] = new Array(paths.length);
  if (jobs <= 1 || paths.length <= 1) {
    for (const [i, path] of paths.entries()) results[i] = await inThread(path, options.analyze);
    return results;
  }
  let next = 0;
  const run = (): Promise<void> => new Promise((resolve) => {
    let worker: Worker;
    let current: number | null = null;
    const start = () => {
      worker = new Worker(workerUrl());
      worker.on('message', (response: PoolResponse) => {
        const path = paths[response.id]!;
        results[response.id] = response.ok
          ? { path, ok: true, report: response.report }
          : { path, ok: false, inputError: response.inputError, message: response.message };
        current = null;
        feed();
      });
      worker.on('error', (error) => {
        // A worker that died (out of memory, a crash) fails its file; a fresh one takes the rest.
        if (current !== null) results[current] = { path: paths[current]!, ok: false, inputError: false, message: `${paths[current]}: worker failed: ${error.message}` };
        current = null;
        void worker.terminate();
        if (next < paths.length) start(); else resolve();
      });
      feed();
    };
    const feed = () => {
      if (next >= paths.length) {
        void worker.terminate().then(() => resolve());
        return;
      }
      current = next++;
      const request: PoolRequest = { id: current, path: paths[current]!, options: options.analyze ?? {} };
      worker.postMessage(request);
    };
    start();
  });
  await Promise.all(Array.from({ length: jobs }, run));
  return results;
}
