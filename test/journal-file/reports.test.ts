import test from 'ava';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, findJournalFiles, readJournalFiles, type JournalEntry, type Report } from '@bootlens/core/internal';
import { ROOT } from '../helpers/cli.js';
import { entriesOf, HAVE_REMOTE, remoteJournal, SCENARIOS, SOURCES, tempDir, VARIANTS, withoutSource } from './helpers.js';

// Every sample scenario read from its binary journal gives the same report as from its export
// rendering (issue 17): the same boots, events and findings, evidence pointing at the same entries
// (the export names an entry by its first line, the journal file by its place in the file).

const maybe = HAVE_REMOTE ? test : test.skip;

/** The report with every source line of the export mapped to the entry's ordinal. */
function byOrdinal(report: Report, exportText: string): string {
  const ordinal = new Map<number, number>();
  let n = 0;
  let inEntry = false;
  exportText.split('\n').forEach((line, i) => {
    if (line === '') inEntry = false;
    else if (!inEntry) {
      inEntry = true;
      ordinal.set(i + 1, ++n);
    }
  });
  return JSON.stringify(report.boots, (key, value) => {
    if (key === 'path') return undefined;
    if (key === 'line' && typeof value === 'number') return ordinal.get(value) ?? value;
    return value;
  });
}

const stripPaths = (report: Report) => JSON.stringify(report.boots, (key, value) => (key === 'path' ? undefined : value));

maybe('every sample scenario: the same report from its journal file as from its export rendering', async (t) => {
  const tmp = tempDir();
  try {
    for (const scenario of SCENARIOS) {
      const file = remoteJournal(join(SOURCES, `${scenario}.export`), join(tmp.dir, `${scenario}.journal`), VARIANTS[3]!);
      const exportPath = join(ROOT, 'samples/journals', `${scenario}.export`);
      const fromExport = await analyze([exportPath]);
      const fromJournal = await analyze([file]);
      t.is(fromJournal.boots.length, fromExport.boots.length, scenario);
      t.true(fromJournal.boots.reduce((n, b) => n + b.findings.length, 0) === fromExport.boots.reduce((n, b) => n + b.findings.length, 0), scenario);
      t.is(stripPaths(fromJournal), byOrdinal(fromExport, readFileSync(exportPath, 'utf8')), scenario);
    }
  } finally {
    tmp.done();
  }
});

test('the committed race sample reads as its export rendering does', async (t) => {
  const exportPath = join(ROOT, 'samples/journals/k0s-reboot-race.export');
  const fromJournal = await analyze([join(ROOT, 'samples/journals/k0s-reboot-race.journal')]);
  t.deepEqual(fromJournal.inputs.map((i) => [i.format, i.lines, i.parsed, i.entries, i.skipped]), [['journal-file', 132, 132, 132, 0]]);
  t.is(stripPaths(fromJournal), byOrdinal(await analyze([exportPath]), readFileSync(exportPath, 'utf8')));
});

maybe('a directory of journal files: merged in journalctl order, copies read once, as journalctl -D shows it', async (t) => {
  const tmp = tempDir();
  try {
    // A machine's journal directory: a boot split over an archived and an active file, another
    // boot in a user journal, and an identical copy of one file (read once).
    const dir = join(tmp.dir, 'var/log/journal/3d1219c7c4c5404aaa1f6d2a48adfda4');
    mkdirSync(dir, { recursive: true });
    // journal-remote writes only *.journal: archived as journald does, by renaming.
    renameSync(remoteJournal(join(SOURCES, 'multi-boot.export'), join(dir, 'archived.journal'), VARIANTS[3]!), join(dir, 'system@0000000000000000-0000000000000001.journal~'));
    remoteJournal(join(SOURCES, 'k0s-healthy.export'), join(dir, 'system.journal'), VARIANTS[2]!);
    remoteJournal(join(SOURCES, 'bind-race.export'), join(dir, 'user-1000.journal'), VARIANTS[0]!);
    copyFileSync(join(dir, 'system.journal'), join(dir, 'copy.journal'));
    const report = await analyze([join(tmp.dir, 'var/log/journal')]);
    t.is(report.inputs.length, 4);
    t.true(report.inputs.every((i) => i.format === 'journal-file' && i.lines === i.parsed + i.skipped));
    t.true(report.diagnostics.some((d) => d.code === 'duplicate-entries'));
    // The order of journalctl --directory on the same files.
    const oracle = await entriesOf('oracle.export', execFileSync('journalctl', ['-D', dir, '-o', 'export', '--no-pager'], { maxBuffer: 1 << 28 }));
    const merged: JournalEntry[] = [];
    await readJournalFiles(findJournalFiles(dir), { entry: (e) => merged.push(e), bootMarker() {} }, { maxLineBytes: 1 << 20, maxInputBytes: 2 ** 32, maxDiagnostics: 100 });
    t.deepEqual(merged.map(withoutSource), oracle.entries.map(withoutSource));
    t.is(report.boots.reduce((n, b) => n + b.entries, 0), oracle.entries.length);
  } finally {
    tmp.done();
  }
});

