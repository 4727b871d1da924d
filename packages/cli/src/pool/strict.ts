import { InputError } from '@bootlens/core';
import type { OptionValues } from '../command.js';
import { checkStrict } from '../options.js';
import type { FileResult } from './pool.js';

/** `--strict` over per-file results: a report with skipped lines becomes an unreadable file. */
export function strictResults(values: OptionValues, results: FileResult[]): FileResult[] {
  return results.map((r) => {
    if (!r.ok) return r;
    try {
      checkStrict(values, r.report);
      return r;
    } catch (error) {
      if (error instanceof InputError) return { path: r.path, ok: false, inputError: true, message: `${r.path}: ${error.message}` };
      throw error;
    }
  });
}
