// A CommonJS consumer: require('@bootlens/core') on Node 20, which has no require(esm) by default.
const { analyze, bootEvents, InputError, readEntries, renderText, RULES } = require('@bootlens/core');

async function main(path) {
  const report = await analyze([path]);
  const rules = report.boots.flatMap((boot) => boot.findings.map((finding) => finding.rule));
  if (!rules.every((id) => RULES.some((rule) => rule.id === id))) throw new Error('a finding of an unknown rule');
  let entries = 0;
  for await (const _ of readEntries([path])) entries++;
  let events = 0;
  for await (const _ of bootEvents([path])) events++;
  const failed = await analyze([{ path: 'notes.txt', content: 'not a journal\n' }]).then(() => null, (error) => error);
  if (!(failed instanceof InputError)) throw new Error('no InputError');
  console.log(`resolved: ${require.resolve('@bootlens/core')}`);
  console.log(JSON.stringify({ rules, entries, events, text: renderText(report) }));
}

main(process.argv[2]).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
