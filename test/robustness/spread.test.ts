/**
 * Issue 16: no spread of an array into a call (`f(...xs)`, `Math.max(...xs)`, `a.push(...xs)`) in
 * core or CLI. Each element becomes an argument on the stack, and over data that grows with the
 * input that throws `RangeError: Maximum call stack size exceeded` (a month of a broken node died
 * in rules/cert-not-yet-valid.ts). Use the loops in core's util/bounded.ts instead. Spreads into
 * array and object literals are fine and not flagged. The scan uses the TypeScript parser.
 */
import test from 'ava';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { maxOf, minOf, pushAll } from '../../packages/core/src/util/bounded.js';
import { ROOT } from '../helpers/cli.js';

// Spread arguments over data that cannot grow with the input, each with why. Keep it short.
const ALLOWED: Record<string, string> = {
  // Six fixed parser alternatives of systemd-analyze time's labels.
  "packages/core/src/parse/analyze/time.ts P.alt(...(['firmware', 'loader', 'kernel', 'initrd', 'soft reboot', 'userspace'] as const).map((l) => P.string(l)))": 'a literal list',
};

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tsFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Every call or `new` in `file` with a spread argument, as `file:line code`. */
export function spreadCalls(file: string, text = readFileSync(file, 'utf8')): Array<{ where: string; key: string }> {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: Array<{ where: string; key: string }> = [];
  const visit = (node: ts.Node) => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.some(ts.isSpreadElement)) {
      const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      const rel = relative(ROOT, file);
      found.push({ where: `${rel}:${line} ${node.getText().slice(0, 120)}`, key: `${rel} ${node.getText()}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

test('no call in core or CLI spreads an array into its arguments (issue 16)', (t) => {
  const files = [...tsFiles(join(ROOT, 'packages/core/src')), ...tsFiles(join(ROOT, 'packages/cli/src'))];
  t.true(files.length > 100, `scanned ${files.length} files`);
  const offending = files.flatMap((f) => spreadCalls(f)).filter((c) => !(c.key in ALLOWED)).map((c) => c.where);
  t.deepEqual(offending, [], 'use maxOf/minOf/pushAll from packages/core/src/util/bounded.ts, or a loop');
});

test('control: the scan finds spread arguments and ignores spreads in literals', (t) => {
  const src = 'const a = Math.max(...xs); b.push(...ys); new Set(...z); const c = [...xs]; const d = { ...o }; f(x);';
  t.is(spreadCalls('/virtual/x.ts', src).length, 3);
});

test('maxOf, minOf and pushAll take a million values (where a spread overflows the stack)', (t) => {
  const big = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
  t.throws(() => Math.max(...big), { instanceOf: RangeError }, 'a spread of this size overflows on this Node');
  t.is(maxOf(big), big.reduce((m, v) => (v > m ? v : m), -Infinity));
  t.is(minOf(big), 0);
  t.is(maxOf([], 5), 5);
  t.is(minOf([], 5), 5);
  t.is(maxOf([1, 9, 3], 4), 9);
  t.is(pushAll([1], big).length, 1_000_001);
});
