import test from 'ava';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entriesOf, HAVE_JOURNALCTL, journalctlExport, journalctlVerify, largeFieldsExport, SOURCES, tempDir, withoutSource, writeTemp } from './helpers.js';
import { jenkins64, parseExport, writeJournal, type WriterOptions } from './writer.js';

// XZ and LZ4 journal files come from the test-only writer (systemd 252 compresses with zstd only).
// Each layout is checked by journalctl itself: --verify accepts the file, and what journalctl
// exports from it is what bootlens reads. Where journalctl is missing, the entries are held against
// the export source the file was written from.

const HAVE_XZ = spawnSync('sh', ['-c', 'command -v xz']).status === 0;

const LAYOUTS: Array<[string, WriterOptions]> = [
  ['xz, v219 header (240 bytes)', { compression: 'xz', headerSize: 240 }],
  ['xz, v246 header (256 bytes)', { compression: 'xz', headerSize: 256 }],
  ['lz4, v252 header (264 bytes)', { compression: 'lz4', headerSize: 264 }],
  ['lz4, compact, v254 header (272 bytes)', { compression: 'lz4', compact: true, headerSize: 272 }],
  ['xz, compact, archived', { compression: 'xz', compact: true, headerSize: 264, state: 2 }],
  ['uncompressed, online (dirty)', { compression: 'none', headerSize: 272, state: 1 }],
];

test('jenkins64 is lookup3 hashlittle2 as systemd uses it', (t) => {
  // Bob Jenkins' published test values of hashlittle2 (lookup3.c driver5): "" -> deadbeef deadbeef,
  // "Four score and seven years ago" with seeds 0 -> c = 0x17770551, b = 0xce7226e6.
  t.is(jenkins64(Buffer.from('')), 0xdeadbeefdeadbeefn);
  t.is(jenkins64(Buffer.from('Four score and seven years ago')), 0x17770551ce7226e6n);
});

for (const [name, options] of LAYOUTS) {
  const run = options.compression === 'xz' && !HAVE_XZ ? test.skip : test;
  run(`writer: ${name}: bootlens reads every scenario as journalctl does`, async (t) => {
    const tmp = tempDir();
    try {
      for (const scenario of ['dhclient-race', 'k0s-reboot-race', 'multi-boot']) {
        const source = readFileSync(join(SOURCES, `${scenario}.export`));
        const file = writeTemp(tmp.dir, `${scenario}.journal`, writeJournal(parseExport(source), options));
        const binary = await entriesOf(file);
        t.deepEqual(binary.result.diagnostics, [], scenario);
        if (HAVE_JOURNALCTL) {
          const verify = journalctlVerify(file);
          t.true(verify.ok, `${scenario}: ${verify.output}`);
          const oracle = await entriesOf('oracle.export', journalctlExport(file));
          t.deepEqual(binary.entries.map(withoutSource), oracle.entries.map(withoutSource), scenario);
        }
        const fromSource = await entriesOf('source.export', source);
        t.deepEqual(binary.entries.map(withoutSource), fromSource.entries.map(withoutSource), scenario);
      }
    } finally {
      tmp.done();
    }
  });
}

for (const compression of ['xz', 'lz4'] as const) {
  const run = compression === 'xz' && !HAVE_XZ ? test.skip : test;
  run(`writer: large ${compression}-compressed and binary fields read whole`, async (t) => {
    const tmp = tempDir();
    try {
      const source = largeFieldsExport();
      const file = writeTemp(tmp.dir, 'large.journal', writeJournal(parseExport(source), { compression, compact: compression === 'lz4', threshold: 512 }));
      const binary = await entriesOf(file);
      const fromSource = await entriesOf('source.export', source);
      t.deepEqual(binary.entries.map(withoutSource), fromSource.entries.map(withoutSource));
      t.true(binary.entries.some((e) => e.message.length > 4000));
      if (HAVE_JOURNALCTL) {
        t.true(journalctlVerify(file).ok);
        const oracle = await entriesOf('oracle.export', journalctlExport(file));
        t.deepEqual(binary.entries.map(withoutSource), oracle.entries.map(withoutSource));
      }
      // A value longer than --max-line-bytes is left out of its entry, with a diagnostic; the entry stays.
      const small = await import('@bootlens/core/internal').then(({ readInput }) => {
        const entries: unknown[] = [];
        return readInput({ path: file }, { entry: (e) => entries.push(e), bootMarker() {} }, { maxLineBytes: 3000 }).then((r) => ({ r, entries }));
      });
      t.is(small.entries.length, 40);
      t.true(small.r.diagnostics.some((d) => d.code === 'journal-value-too-long' && /more than the limit of 3000/.test(d.message)));
    } finally {
      tmp.done();
    }
  });
}
