import test from 'ava';
import { BlockPool, Blocks, bufferAccess } from '../../packages/core/src/parse/journal-file/access.js';
import { FieldCache } from '../../packages/core/src/parse/journal-file/file-reader.js';

// The caches one merge of journal files shares among its readers (issue 17: one block pool and one
// field cache for all files, so that a directory of files reads as fast as one file). What they
// must never do is hand one file's bytes or fields to another.

const field = (value: string) => ({ key: 'K', value, slot: 0, invalidUtf8: false, tooLong: -1 });

test('the field cache keeps the same offset of two files apart', (t) => {
  const cache = new FieldCache(64);
  const a = cache.register();
  const b = cache.register();
  t.not(a, b);
  cache.set(a, 1024, field('from a'));
  t.is(cache.get(b, 1024), undefined);
  cache.set(b, 1024, field('from b'));
  t.is(cache.get(a, 1024)?.value, 'from a');
  t.is(cache.get(b, 1024)?.value, 'from b');
  cache.set(a, 1024, field('a again'));
  t.is(cache.get(a, 1024)?.value, 'a again');
  t.is(cache.get(a, 1025), undefined, 'a misaligned offset is never a hit');
  t.is(cache.get(a, 2 ** 40), undefined, 'offsets past an int32 key are not cached');
});

test('the field cache holds at most its size, then starts again, and finds everything it holds', (t) => {
  const cache = new FieldCache(100);
  const f = cache.register();
  for (let i = 0; i < 100; i++) cache.set(f, 4096 + i * 8, field(String(i)));
  for (let i = 0; i < 100; i++) t.is(cache.get(f, 4096 + i * 8)?.value, String(i));
  cache.set(f, 8, field('the 101st'));
  t.is(cache.get(f, 8)?.value, 'the 101st');
  t.is(cache.get(f, 4096), undefined, 'emptied when full');
});

test('files sharing a block pool each read their own bytes, even through one slot', (t) => {
  const size = 64;
  const pool = new BlockPool(size, 1);
  const one = Buffer.alloc(300, 1);
  const two = Buffer.alloc(300, 2);
  for (let i = 0; i < 300; i++) two[i] = i & 0xff;
  const a = new Blocks(bufferAccess(one), pool);
  const b = new Blocks(bufferAccess(two), pool);
  for (const position of [0, 70, 130, 10, 250]) {
    a.view(position, 8);
    t.deepEqual([...a.buf.subarray(a.at, a.at + 8)], [...one.subarray(position, position + 8)]);
    b.view(position, 8);
    t.deepEqual([...b.buf.subarray(b.at, b.at + 8)], [...two.subarray(position, position + 8)]);
    // Back to the first file: its block was evicted by the other's.
    a.view(position + 1, 4);
    t.deepEqual([...a.buf.subarray(a.at, a.at + 4)], [...one.subarray(position + 1, position + 5)]);
  }
  // Bytes straddling blocks, and past the end of a file (zeros).
  b.view(60, 10);
  t.deepEqual([...b.buf.subarray(b.at, b.at + 10)], [...two.subarray(60, 70)]);
  b.view(290, 10);
  t.deepEqual([...b.buf.subarray(b.at, b.at + 10)], [...two.subarray(290, 300)]);
});
