import test from 'ava';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  entriesOf, HAVE_REMOTE, journalctlExport, largeFieldsExport, remoteJournal, SCENARIOS, SOURCES, tempDir, variantName, VARIANTS, withoutSource, writeTemp,
} from './helpers.js';

// journalctl is the oracle (issue 17): for every file, the entries bootlens reads from the binary
// journal equal those it reads from `journalctl --file F -o export` of the same file: every field
// and value (binary ones too), realtime, monotonic and boot id, in the same order. The files are
// made by the real systemd-journal-remote from each sample's export source, in each layout
// (regular/compact × Jenkins/keyed hash); this systemd compresses fields of 512 bytes and more with zstd.

const maybe = HAVE_REMOTE ? test : test.skip;

async function sameAsJournalctl(t: import('ava').ExecutionContext, file: string) {
  const binary = await entriesOf(file);
  const oracle = await entriesOf('oracle.export', journalctlExport(file));
  t.is(binary.result.summary.format, 'journal-file');
  t.is(binary.entries.length, oracle.entries.length);
  t.deepEqual(binary.entries.map(withoutSource), oracle.entries.map(withoutSource));
  // An entry is named by its place in the file, as journalctl --file F shows them.
  t.deepEqual(binary.entries.map((e) => e.source.line), binary.entries.map((_, i) => i + 1));
  // The same diagnostics (invalid-utf8 for a binary value that is not UTF-8), nothing else.
  t.deepEqual(binary.result.diagnostics.map((d) => d.code), oracle.result.diagnostics.map((d) => d.code));
  const s = binary.result.summary;
  t.deepEqual([s.lines, s.parsed, s.skipped, s.entries], [oracle.entries.length, oracle.entries.length, 0, oracle.entries.length]);
}

for (const variant of VARIANTS) {
  maybe(`every sample scenario read from its journal file equals journalctl's export (${variantName(variant)})`, async (t) => {
    const tmp = tempDir();
    try {
      for (const scenario of SCENARIOS) {
        const file = remoteJournal(join(SOURCES, `${scenario}.export`), join(tmp.dir, `${scenario}.journal`), variant);
        await sameAsJournalctl(t, file);
      }
    } finally {
      tmp.done();
    }
  });

  maybe(`large (zstd-compressed), binary and repeated fields equal journalctl's export (${variantName(variant)})`, async (t) => {
    const tmp = tempDir();
    try {
      const source = writeTemp(tmp.dir, 'large.export', largeFieldsExport());
      const file = remoteJournal(source, join(tmp.dir, 'large.journal'), variant);
      await sameAsJournalctl(t, file);
      const { entries } = await entriesOf(file);
      t.true(entries.some((e) => e.message.length > 4000), 'a compressed MESSAGE is read whole');
      t.is(entries[0]!.fields['EXTRA'], 'two', 'a repeated field keeps its last value, as with export');
      t.true(entries[0]!.fields['BLOB']!.startsWith('line one 0\nline two\uFFFD'));
    } finally {
      tmp.done();
    }
  });
}

maybe('a gzipped journal file, and one given as bytes, read like the file itself', async (t) => {
  const tmp = tempDir();
  try {
    const file = remoteJournal(join(SOURCES, 'k0s-reboot-race.export'), join(tmp.dir, 'x.journal'), VARIANTS[3]!);
    const plain = await entriesOf(file);
    const gz = writeTemp(tmp.dir, 'x.journal.gz', gzipSync(await import('node:fs').then((fs) => fs.readFileSync(file))));
    const fromGz = await entriesOf(gz);
    t.deepEqual(fromGz.entries.map(withoutSource), plain.entries.map(withoutSource));
    t.is(fromGz.result.summary.entries, 132);
    const fromBytes = await entriesOf('bytes.journal', await import('node:fs').then((fs) => fs.readFileSync(file)));
    t.deepEqual(fromBytes.entries.map(withoutSource), plain.entries.map(withoutSource));
  } finally {
    tmp.done();
  }
});
