// docs/api.md (issue 20): every example in it is type-checked as a consumer would (strict,
// skipLibCheck false, module nodenext, against the package's published declarations in dist/) and
// run from the repository root. `pnpm test` builds before ava runs.
import test from 'ava';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers/cli.js';
import { run } from './helpers/spawn.js';

const DOC = readFileSync(join(ROOT, 'docs/api.md'), 'utf8');
const blocks = [...DOC.matchAll(/^```(ts|js)\n([\s\S]*?)^```$/gm)].map((m, i) => ({ lang: m[1]!, code: m[2]!, name: `example-${i + 1}` }));
const dir = join(ROOT, 'test-artifacts', 'api-docs');

test.before(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const b of blocks) writeFileSync(join(dir, `${b.name}.${b.lang === 'ts' ? 'mts' : 'cjs'}`), b.code);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      module: 'nodenext', moduleResolution: 'nodenext', target: 'ES2022', lib: ['ES2023'], types: ['node'],
      strict: true, skipLibCheck: false, noEmit: true, allowJs: true, checkJs: true,
    },
    include: ['*.mts', '*.cjs'],
  }));
});

test('docs/api.md has an example for every group of exports', (t) => {
  t.true(blocks.length >= 9);
  for (const name of ['analyze', 'readEntries', 'bootEvents', 'InputError', 'Report.parse', 'RULES', 'renderText', 'renderMarkdown', 'renderHtml', 'reportJsonSchema', 'describeEvent', 'inert', "require('@bootlens/core')"]) {
    t.true(blocks.some((b) => b.code.includes(name)), `no example uses ${name}`);
  }
});

test.serial('the examples of docs/api.md type-check against the published declarations', async (t) => {
  t.timeout(5 * 60_000);
  const result = await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], ROOT);
  t.is(result.status, 0, result.stdout + result.stderr);
});

for (const b of blocks) {
  test.serial(`${b.name} of docs/api.md runs`, async (t) => {
    t.timeout(2 * 60_000);
    const file = join(dir, `${b.name}.${b.lang === 'ts' ? 'mts' : 'cjs'}`);
    const args = b.lang === 'ts' ? ['--import', 'tsx', file] : [file];
    const result = await run(process.execPath, args, ROOT, { ...process.env, NODE_OPTIONS: '' });
    t.is(result.status, 0, result.stderr);
    t.not(result.stdout.trim(), '', 'an example prints what it shows');
  });
}
