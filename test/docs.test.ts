import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { RULES } from '@bootlens/core';
import { WORDINGS } from '../packages/core/src/report/wording/index.js';

for (const rule of RULES) {
  test(`rule ${rule.id} has a docs page that names its id and severity`, (t) => {
    const path = new URL(`../docs/rules/${rule.id}.md`, import.meta.url);
    t.true(existsSync(path), `docs/rules/${rule.id}.md is missing`);
    const page = readFileSync(path, 'utf8');
    t.true(page.startsWith(`# ${rule.id}\n`));
    t.regex(page, new RegExp(`\\*\\*Severity:\\*\\* ${rule.severity}`));
    t.regex(page, /## How to fix/);
  });

  test(`rule ${rule.id} has wording`, (t) => {
    t.truthy(WORDINGS[rule.id], `report/wording has no entry for ${rule.id}`);
  });
}

test('rule ids are unique and kebab-case', (t) => {
  const ids = RULES.map((r) => r.id);
  t.is(new Set(ids).size, ids.length);
  for (const id of ids) t.regex(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
});

test('the README lists every rule and every command', async (t) => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  for (const rule of RULES) t.true(readme.includes(`[${rule.id}](docs/rules/${rule.id}.md)`), rule.id);
  const { COMMANDS } = await import('../packages/cli/src/commands/index.js');
  for (const command of COMMANDS) t.true(readme.includes(`\`bootlens ${command.name}`), command.name);
});

// The README's first command runs bootlens on the race sample, and the README shows its output: the
// two must stay the same (a change of wording or of a finding shows up here first).
test("the README's output of its first command is what bootlens prints", async (t) => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const command = /^npx -y pnpm@10 install && npx -y pnpm@10 exec bootlens (.+)$/m.exec(readme);
  t.truthy(command, 'the README has no `install && exec bootlens …` command');
  const shown = /Real output of bootlens in the first[\s\S]*?```\n([\s\S]*?)```/.exec(readme);
  t.truthy(shown, 'the README shows no output of the first command');
  const { runCli } = await import('./helpers/cli.js');
  const run = runCli(command![1]!.split(' '));
  t.is(run.status, 1);
  t.is(run.stdout, shown![1]);
});
