import { statSync } from 'node:fs';
import { inert } from '@bootlens/core';
import type { Io } from './command.js';

/** Inputs smaller than this finish before a person could read a progress line. */
export const PROGRESS_FROM_BYTES = 8 * 1024 * 1024;
const EVERY_MS = 200;

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}

function sizeOf(path: string): number | null {
  if (path === '-') return null;
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

export interface ProgressReporter {
  onProgress(progress: { path: string; bytesRead: number }): void;
  /** Clears the progress line before the report is printed. */
  done(): void;
}

/**
 * A one-line progress indicator on stderr for large inputs, redrawn at most every 200 ms. Only on a
 * terminal: piped or redirected stderr gets nothing, so logs and CI output stay clean.
 */
export function progressReporter(io: Io, paths: readonly string[], from = PROGRESS_FROM_BYTES, now = () => Date.now()): ProgressReporter | null {
  if (!io.stderr.isTTY) return null;
  const sizes = new Map(paths.map((p) => [p, sizeOf(p)] as const));
  if (![...sizes.values()].some((size) => size === null || size >= from)) return null;
  let last = -Infinity;
  let drawn = false;
  return {
    onProgress({ path, bytesRead }) {
      const t = now();
      if (t - last < EVERY_MS) return;
      last = t;
      const size = sizes.get(path) ?? null;
      const of = size === null ? '' : ` of ${megabytes(size)} (${Math.min(100, Math.floor((bytesRead / Math.max(size, 1)) * 100))}%)`;
      io.stderr.write(`\r\x1b[Kreading ${inert(path)}: ${megabytes(bytesRead)}${of}`);
      drawn = true;
    },
    done() {
      if (drawn) io.stderr.write('\r\x1b[K');
    },
  };
}
