import { parentPort } from 'node:worker_threads';
import { analyze, InputError, type AnalyzeOptions } from '@bootlens/core';
import type { PoolRequest, PoolResponse } from './protocol.js';

/**
 * One pool worker: analyzes one file at a time and posts back its report (structured-cloned), so
 * the entries and timeline of a journal live only here and only while it is being read.
 */
parentPort!.on('message', (request: PoolRequest) => {
  void (async () => {
    let response: PoolResponse;
    try {
      const report = await analyze([request.path], request.options as AnalyzeOptions);
      response = { id: request.id, ok: true, report };
    } catch (error) {
      response = {
        id: request.id,
        ok: false,
        inputError: error instanceof InputError,
        message: error instanceof Error ? error.message : String(error),
      };
    }
    parentPort!.postMessage(response);
  })();
});
