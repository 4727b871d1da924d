// A plain ESM JavaScript consumer of @bootlens/core.
import { analyze, bootEvents, InputError, readEntries, renderText, RULES } from '@bootlens/core';

const path = process.argv[2];
const report = await analyze([path]);
const rules = report.boots.flatMap((boot) => boot.findings.map((finding) => finding.rule));
if (!rules.every((id) => RULES.some((rule) => rule.id === id))) throw new Error('a finding of an unknown rule');
let entries = 0;
for await (const _ of readEntries([path])) entries++;
let events = 0;
for await (const _ of bootEvents([path])) events++;
const failed = await analyze([{ path: 'notes.txt', content: 'not a journal\n' }]).then(() => null, (error) => error);
if (!(failed instanceof InputError)) throw new Error('no InputError');
console.log(JSON.stringify({ rules, entries, events, text: renderText(report) }));
