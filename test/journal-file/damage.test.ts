import test from 'ava';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type JournalEntry } from '@bootlens/core';
import { invariantProblems } from '../robustness/helpers.js';
import { entriesOf, SOURCES, withoutSource } from './helpers.js';
import { parseExport, writeJournal, type WriterOptions } from './writer.js';

// Damaged journal files (issue 17): a file cut short, or with bits flipped, yields every entry that
// can be read, with a diagnostic naming the offset and why for what cannot; never a crash, never a
// hang (ava's timeout), and the counts add up. Files from the test-only writer: small, the same on
// every machine, and laid out as journald lays them (data before the entry that links it, entry
// arrays after).

const source = readFileSync(join(SOURCES, 'k0s-reboot-race.export'));
const LAYOUTS: Array<[string, WriterOptions]> = [
  ['regular', { compression: 'none', headerSize: 240 }],
  ['compact lz4', { compression: 'lz4', compact: true, headerSize: 272 }],
];

/** Offsets and sizes of a file's objects, walking them as the format lays them out. */
function objects(file: Buffer): Array<{ offset: number; type: number; size: number }> {
  const out = [];
  const tail = Number(file.readBigUInt64LE(136));
  for (let p = Number(file.readBigUInt64LE(88)); p <= tail;) {
    const size = Number(file.readBigUInt64LE(p + 8));
    out.push({ offset: p, type: file[p]!, size });
    p += Math.ceil(size / 8) * 8;
  }
  return out;
}

async function read(bytes: Buffer, path = 'damaged.journal') {
  try {
    return await entriesOf(path, bytes);
  } catch (error) {
    // A damaged header (or signature: then it is no journal file at all) is the documented error.
    if (error instanceof InputError && (error.code === 'binary-journal' || error.code === 'unknown-format')) return null;
    throw error;
  }
}

for (const [name, options] of LAYOUTS) {
  const file = writeJournal(parseExport(source), options);

  test(`${name}: cut at every object boundary, every entry before the cut is read`, async (t) => {
    const whole = (await entriesOf('whole.journal', file)).entries.map(withoutSource);
    t.is(whole.length, 132);
    const objs = objects(file);
    const cuts = [...objs.map((o) => o.offset), ...objs.map((o) => o.offset + 12), file.length - 4];
    for (const cut of cuts) {
      const r = await read(file.subarray(0, cut));
      if (r === null) {
        t.true(cut < 240, `only a file cut inside its header is unreadable (cut at ${cut})`);
        continue;
      }
      const complete = objs.filter((o) => o.type === 3 && o.offset + o.size <= cut).length;
      t.deepEqual(r.entries.map(withoutSource), whole.slice(0, complete), `cut at ${cut}`);
      const s = r.result.summary;
      t.is(s.lines, s.parsed + s.skipped);
      t.is(s.lines, 132, 'every entry the header counts is counted, read or lost');
      const damage = r.result.diagnostics.filter((d) => d.code.startsWith('journal-'));
      const last = objs[objs.length - 1]!;
      if (cut >= last.offset + last.size) {
        t.deepEqual(damage, [], 'only the padding after the last object was cut');
        continue;
      }
      t.is(damage.length, 1, `one diagnostic for the cut at ${cut}: ${JSON.stringify(damage)}`);
      t.regex(damage[0]!.message, /cut short: it ends at byte \d+/);
    }
  });

  test(`${name}: bits flipped anywhere never crash or hang, and counts add up`, async (t) => {
    const whole = (await entriesOf('whole.journal', file)).entries;
    const key = (e: JournalEntry) => `${e.monotonicUs} ${e.bootId}`;
    const known = new Set(whole.map(key));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(file.length - 1), fc.nat(7)), { minLength: 1, maxLength: 4 }), async (flips) => {
        const bytes = Buffer.from(file);
        for (const [at, bit] of flips) bytes[at]! ^= 1 << bit;
        const r = await read(bytes);
        if (r === null) return;
        const s = r.result.summary;
        if (s.lines !== s.parsed + s.skipped) throw new Error(`counts: ${JSON.stringify(s)}`);
        if (r.entries.length > whole.length) throw new Error(`more entries than written: ${r.entries.length}`);
        // Entries are read in the file's order and named by their place in it.
        for (let i = 1; i < r.entries.length; i++) {
          if (r.entries[i]!.source.line <= r.entries[i - 1]!.source.line) throw new Error('entries out of order');
        }
        // A flip that spares the entries leaves them all readable.
        if (r.entries.length < whole.length && r.result.diagnostics.length === 0) throw new Error('entries lost without a diagnostic');
        // Most entries read are ones that were written (a flip inside a timestamp changes one).
        if (r.entries.filter((e) => !known.has(key(e))).length > flips.length) throw new Error('entries that were never written');
      }),
      { seed: 17, numRuns: 300 },
    );
    t.pass();
  });

  test(`${name}: the whole pipeline holds its invariants on flipped files`, async (t) => {
    await fc.assert(
      fc.asyncProperty(fc.nat(file.length - 1), fc.nat(7), async (at, bit) => {
        const bytes = Buffer.from(file);
        bytes[at]! ^= 1 << bit;
        const problems = await invariantProblems(bytes);
        if (problems.length > 0) throw new Error(problems.join('; '));
      }),
      { seed: 1717, numRuns: 40 },
    );
    t.pass();
  });
}

test('a loop in the entry arrays ends with a diagnostic, not a hang', async (t) => {
  const file = writeJournal(parseExport(source), { compression: 'none', headerSize: 240 });
  const objs = objects(file);
  const main = Number(file.readBigUInt64LE(176));
  // The main entry array points back to itself, and an object in the middle is broken, so that the
  // entries after it can only be found through the arrays.
  file.writeBigUInt64LE(BigInt(main), main + 16);
  const middle = objs[Math.floor(objs.length / 2)]!;
  file[middle.offset] = 0x63;
  const r = await entriesOf('loop.journal', file);
  t.true(r.entries.length > 60 && r.entries.length <= 132);
  t.true(r.result.diagnostics.some((d) => d.code === 'journal-scan-stopped' && /no valid type \(99\)/.test(d.message)));
  t.is(r.result.summary.lines, r.result.summary.parsed + r.result.summary.skipped);
});

test('unknown incompatible flags: one clear line', async (t) => {
  const file = writeJournal(parseExport(source), { compression: 'none', headerSize: 272 });
  file.writeUInt32LE(file.readUInt32LE(12) | 64, 12);
  const error = await t.throwsAsync(() => entriesOf('future.journal', file), { instanceOf: InputError });
  t.is(error!.code, 'binary-journal');
  t.regex(error!.message, /^future\.journal: a binary journal file with incompatible flags bootlens does not know \(0x40; known: XZ, LZ4, KEYED-HASH, ZSTD, COMPACT\)/);
  t.notRegex(error!.message, /\n/);
});

test('a dirty (online) file whose last entry was being written: the entries before it are read', async (t) => {
  const file = writeJournal(parseExport(source), { compression: 'none', headerSize: 272, state: 1 });
  const objs = objects(file).filter((o) => o.type === 3);
  const last = objs[objs.length - 1]!;
  // journald had allocated the entry but not written its items yet: they are zeros.
  file.fill(0, last.offset + 64, last.offset + last.size);
  const r = await entriesOf('system.journal', file);
  t.is(r.entries.length, 131);
  t.deepEqual(r.result.diagnostics.map((d) => [d.code, d.line]), [['journal-entry-skipped', 132]]);
  t.regex(r.result.diagnostics[0]!.message, /entry at 0x[0-9a-f]+ cannot be read: offset 0x0 lies outside the objects/);
});
