// The public surface of @bootlens/core (issue 20). `pnpm test` builds first: scripts/build-core.mjs
// runs API Extractor, which writes this build's API report to packages/core/dist/api/core.api.md.
// It must equal the committed packages/core/etc/core.api.md: a change of the public API is then a
// visible diff in review (`pnpm api` updates the committed report).
import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import * as core from '@bootlens/core';
import { ROOT } from './helpers/cli.js';

const CORE = join(ROOT, 'packages/core');
const committed = readFileSync(join(CORE, 'etc/core.api.md'), 'utf8');

/**
 * The report with each run of enum members (`    failed: "failed";`) sorted: TypeScript prints the
 * members of a zod enum's object type in the order its checker met them, which differs between an
 * incremental build and a fresh clone's first build. Which members there are is the API; their
 * order is not.
 */
function canonical(report: string): string {
  const out: string[] = [];
  let run: string[] = [];
  const member = /^\s+(?:"[^"]*"|[\w$]+): "[^"]*";\r?$/;
  for (const line of report.split('\n')) {
    if (member.test(line)) {
      run.push(line);
      continue;
    }
    for (const l of run.sort()) out.push(l);
    run = [];
    out.push(line);
  }
  for (const l of run.sort()) out.push(l);
  return out.join('\n');
}

test('the API report of this build is the committed one (run `pnpm api` and commit etc/core.api.md after changing the exports)', (t) => {
  const built = readFileSync(join(CORE, 'dist/api/core.api.md'), 'utf8');
  t.is(canonical(built), canonical(committed));
});

test('the API report comparison ignores only the order of enum members', (t) => {
  const a = 'x: z.ZodEnum<{\n    realtime: "realtime";\n    monotonic: "monotonic";\n}>;\n';
  t.is(canonical(a), canonical('x: z.ZodEnum<{\n    monotonic: "monotonic";\n    realtime: "realtime";\n}>;\n'));
  t.not(canonical(a), canonical('x: z.ZodEnum<{\n    realtime: "realtime";\n}>;\n'));
  t.not(canonical(a), canonical(a.replace('x:', 'y:')));
});

test('every value the public entry exports is in the API report, and nothing internal is exported', (t) => {
  const names = Object.keys(core);
  t.true(names.length > 20);
  for (const name of names) t.regex(committed, new RegExp(`^export (?:declare )?(?:const|function|class|let|var) ${name}\\b`, 'm'), name);
  for (const internal of ['TimelineBuilder', 'readInput', 'RECOGNIZERS', 'FORMATS', 'parseCriticalChain', 'checkJournal']) t.false(internal in core, internal);
});

function* declarations(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* declarations(path);
    else if (/\.d\.c?ts$/.test(entry.name)) yield path;
  }
}

/** The package a bare specifier names (`zod/v4` → zod, `@types/x` stays), or null for relative and node: ones. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** Whether the package `dependency` of packages/<name> ships its own declarations (else it needs @types/…). */
function shipsTypes(name: string, dependency: string): boolean {
  const dir = join(ROOT, 'packages', name, 'node_modules', dependency);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  return 'types' in pkg || 'typings' in pkg || JSON.stringify(pkg['exports'] ?? {}).includes('"types"') || existsSync(join(dir, 'index.d.ts'));
}

for (const name of ['core', 'cli']) {
  test(`the declarations @bootlens/${name} publishes import only its dependencies (no devDependency's types)`, (t) => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'packages', name, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // A dependency's types are there for a consumer when it ships them, or when its @types package is a dependency too.
    const allowed = (p: string) => `@types/${p}` in pkg.dependencies || (p in pkg.dependencies && shipsTypes(name, p));
    const files = [...declarations(join(ROOT, 'packages', name, 'dist'))];
    t.true(files.length > 5);
    const bad: string[] = [];
    for (const file of files) {
      // Doc comments quote log lines (`TLS handshake error from A:P`): only code imports count.
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      for (const m of text.matchAll(/(?:from\s+|import\(\s*|require\(\s*)['"]([^'"]+)['"]/g)) {
        const p = packageOf(m[1]!);
        if (p !== null && !allowed(p)) bad.push(`${relative(ROOT, file)}: ${m[1]}`);
      }
    }
    t.deepEqual(bad, []);
  });
}
