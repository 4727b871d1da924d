// A TypeScript CommonJS consumer (.cts, compiled to require): types from @bootlens/core's index.d.cts.
import { analyze, bootEvents, InputError, readEntries, renderText, Report, RULES, type BootEvent, type JournalEntry } from '@bootlens/core';

async function main(path: string): Promise<void> {
  const report: Report = Report.parse(await analyze([path]));
  const rules = report.boots.flatMap((boot) => boot.findings.map((finding) => finding.rule));
  if (!rules.every((id) => RULES.some((rule) => rule.id === id))) throw new Error('a finding of an unknown rule');
  let entries = 0;
  for await (const entry of readEntries([path])) if ((entry satisfies JournalEntry).message !== undefined) entries++;
  let events = 0;
  for await (const item of bootEvents([path])) if ((item satisfies BootEvent).event.kind) events++;
  const failed = await analyze([{ path: 'notes.txt', content: 'not a journal\n' }]).then(() => null, (error: unknown) => error);
  if (!(failed instanceof InputError)) throw new Error('no InputError');
  console.log(JSON.stringify({ rules, entries, events, text: renderText(report) }));
}

main(process.argv[2]!).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
