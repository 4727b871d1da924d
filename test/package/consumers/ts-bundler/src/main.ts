// A TypeScript consumer with moduleResolution bundler: the same program as ts-nodenext.
import { analyze, bootEvents, InputError, readEntries, renderText, Report, RULES, type BootEvent, type JournalEntry, type Rule } from '@bootlens/core';

const path = process.argv[2]!;
const report: Report = Report.parse(await analyze([path]));
const rules: string[] = report.boots.flatMap((boot) => boot.findings.map((finding) => finding.rule));
const known: readonly Rule[] = RULES;
if (!rules.every((id) => known.some((rule) => rule.id === id))) throw new Error('a finding of an unknown rule');

let entries = 0;
for await (const entry of readEntries([path])) if ((entry satisfies JournalEntry).message !== undefined) entries++;
let events = 0;
for await (const item of bootEvents([path], { boot: 0 })) if ((item satisfies BootEvent).event.kind) events++;

try {
  await analyze([{ path: 'notes.txt', content: 'not a journal\n' }]);
  throw new Error('no InputError');
} catch (error) {
  if (!(error instanceof InputError) || error.code !== 'unknown-format') throw error;
}
console.log(JSON.stringify({ rules, entries, events, text: renderText(report) }));
