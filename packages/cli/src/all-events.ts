import { closeSync, openSync, writeSync } from 'node:fs';
import type { TimelineEvent } from '@bootlens/core';

/** Bytes gathered before one write: the file is written as the journal is read, never held whole. */
const CHUNK = 1 << 20;

/**
 * `analyze --all-events FILE` (issue 16): every event bootlens recognized, each occurrence on its
 * own line of JSON (JSON Lines) with `boot` first, in input order, written while the journals are
 * read. The report itself stays bounded; this file is for those who want everything.
 */
export class AllEventsWriter {
  private readonly fd: number;
  private pending: string[] = [];
  private size = 0;
  count = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  readonly onEvent = (event: TimelineEvent, boot: string): void => {
    const line = `${JSON.stringify({ boot, ...event })}\n`;
    this.pending.push(line);
    this.size += line.length;
    this.count++;
    if (this.size >= CHUNK) this.flush();
  };

  private flush(): void {
    if (this.pending.length === 0) return;
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
