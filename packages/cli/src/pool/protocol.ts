import type { AnalyzeOptions, Report } from '@bootlens/core';

/** What the pool sends a worker: one file to analyze. */
export interface PoolRequest {
  id: number;
  path: string;
  /** Serializable analyze options (no `rules`: functions do not cross threads). */
  options: Omit<AnalyzeOptions, 'rules'>;
}

/** What a worker sends back: the report, or why there is none. */
export type PoolResponse =
  | { id: number; ok: true; report: Report }
  | { id: number; ok: false; inputError: boolean; message: string };
