import { isAscii, isUtf8 } from 'node:buffer';
import { copyBytes, latin1Slice, utf8Slice } from './bytes.js';
import { FIELD, RECORD } from './scout/scan.js';
import { chunkScout, lineScout } from './scout/state.js';

/** Where a line from `start` to `end` (its newline excluded) ends without a CR before the newline. */
const withoutCr = (buf: Buffer, start: number, end: number): number => (end > start && buf[end - 1] === 0x0d ? end - 1 : end);

/**
 * Splits a byte stream into lines without holding more than one line in memory. Any of `\n`,
 * `\r\n` ends a line; a final line without an ending still counts. Lines longer than `maxLineBytes`
 * are not decoded: they are reported through `onLongLine` and the reader moves on. A chunk handed
 * to `push` is only read during the call: the bytes of a line it ends in the middle of are copied.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private overlong = false;
  private lineNo = 0;
  /**
   * False while handing on a line from a chunk without an ESC byte: such a line holds no terminal
   * escape, so the caller can skip looking for one (round 5: one memchr per 1 MiB instead of one
   * per line).
   */
  lineMayHoldEscape = true;
  /** Lines holding bytes that are not UTF-8 (decoded with U+FFFD in their place), and the first of them. */
  invalidUtf8Lines = 0;
  firstInvalidUtf8Line = 0;

  constructor(
    private readonly onLine: (text: string, lineNo: number) => void,
    private readonly onLongLine: (lineNo: number, bytes: number, head: string) => void,
    private readonly maxLineBytes = 1024 * 1024,
  ) {}

  get linesRead(): number {
    return this.lineNo;
  }

  push(chunk: Buffer): void {
    let start = 0;
    // A chunk of ASCII only (one SIMD check): its lines read the same as latin1, a plain copy, and
    // none can hold invalid UTF-8 (round 5: V8's UTF-8 decoder was ~3 % of a short-mode run).
    const ascii = isAscii(chunk);
    const escapes = chunk.indexOf(0x1b) !== -1;
    // The scout's table of this chunk (parse/scout/): its first `scouted` newlines, and what it read of their lines.
    const scouted = chunkScout.bytes === chunk ? chunkScout.lines : 0;
    const table = chunkScout.table;
    const scout = lineScout;
    scout.text = null;
    // The same for every line of this chunk (no other splitter runs during this call).
    scout.table = table;
    scout.stamps = chunkScout.stamps;
    scout.sets = chunkScout.sets;
    for (let k = 0; ; k++) {
      const nl = k < scouted ? table[k * RECORD + FIELD.newline]! : chunk.indexOf(0x0a, start);
      if (nl === -1) break;
      if (this.pendingBytes === 0 && !this.overlong && nl - start <= this.maxLineBytes) {
        // The whole line is in this chunk (nearly every line): decode it in place (issue 9).
        this.lineNo++;
        this.lineMayHoldEscape = escapes;
        if (ascii) {
          // ASCII reads the same as latin1 (a plain copy) and cannot be invalid UTF-8.
          const text = latin1Slice(chunk, start, withoutCr(chunk, start, nl));
          if (k < scouted) {
            scout.text = text;
            scout.index = k;
          }
          this.onLine(text, this.lineNo);
          scout.text = null;
        } else {
          this.decode(chunk, start, nl);
        }
      } else {
        this.take(chunk, start, nl);
        this.lineMayHoldEscape = true;
        this.emit();
      }
      start = nl + 1;
    }
    if (start < chunk.length) this.take(chunk, start, chunk.length);
  }

  end(): void {
    this.lineMayHoldEscape = true;
    if (this.pendingBytes > 0 || this.overlong) this.emit();
  }

  private take(chunk: Buffer, start: number, end: number): void {
    if (end <= start) return;
    if (this.overlong) {
      this.pendingBytes += end - start;
      return;
    }
    // A copy: the chunk's buffer may be reused for the next read (input.ts, fileChunks).
    this.pending.push(copyBytes(chunk.subarray(start, end)));
    this.pendingBytes += end - start;
    if (this.pendingBytes > this.maxLineBytes) {
      // Keep the head for the diagnostic, drop the rest: a 2 GB line must not become a 2 GB string.
      this.pending = [Buffer.concat(this.pending).subarray(0, 120)];
      this.overlong = true;
    }
  }

  private emit(): void {
    this.lineNo++;
    const parts = this.pending;
    const bytes = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    if (this.overlong) {
      this.overlong = false;
      this.onLongLine(this.lineNo, bytes, (parts[0] ?? Buffer.alloc(0)).toString('utf8'));
      return;
    }
    const buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    this.decode(buf, 0, buf.length);
  }

  /** Hands on line `lineNo`: the bytes from `start` to `end` (its newline excluded), CR stripped. */
  private decode(buf: Buffer, start: number, lineEnd: number): void {
    const end = withoutCr(buf, start, lineEnd);
    const text = utf8Slice(buf, start, end);
    // U+FFFD in the text is either a replaced invalid sequence or a real U+FFFD: the bytes tell.
    if (text.indexOf('\uFFFD') !== -1 && !isUtf8(buf.subarray(start, end))) {
      if (this.invalidUtf8Lines++ === 0) this.firstInvalidUtf8Line = this.lineNo;
    }
    this.onLine(text, this.lineNo);
  }
}
