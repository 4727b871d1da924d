/**
 * Regular expressions against ReDoS: every pattern in the readers (packages/core/src/parse) and the
 * recognizers (packages/core/src/recognize), found in the source (patterns.ts), is checked by
 * recheck (a ReDoS checker) with a fixed seed, which finds attack strings and counts matching steps
 * (a deterministic answer; no wall-clock measurement). A pattern must
 * be `safe`, or be on KNOWN below with the complexity recheck finds (so a fix shows up as a list
 * to shorten, and a new vulnerable pattern fails the test). Known-bad controls prove the check bites.
 */
import test from 'ava';
import { checkSync, type Diagnostics } from 'recheck';
import { RECOGNIZERS } from '@bootlens/core/internal';
import { allPatterns } from './patterns.js';

// Patterns known to be super-linear on adversarial text, as `file /source/flags` → recheck's verdict.
// None at present: a new one must be made linear (or, at worst, listed here until it is).
const KNOWN: Record<string, string> = {};

// Patterns built at run time, which the source scan cannot evaluate: rebuilt here the same way.
const DYNAMIC: Record<string, () => Array<{ source: string; flags: string }>> = {
  // The recognizer dispatch: one alternation of every needle, escaped (recognize/dispatch.ts).
  'packages/core/src/recognize/dispatch.ts': () => {
    const needles = [...new Set(RECOGNIZERS.flatMap((r) => r.needles))].filter((n) => n.length > 0).sort((a, b) => b.length - a.length);
    const source = needles.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
    return [{ source, flags: '' }, { source, flags: 'g' }];
  },
};

// recheck's fuzz checker with a fixed seed: it grows attack strings from the pattern and measures
// matching in steps of its own backtracking VM, not in time, so the same seed gives the same
// verdict on any machine (its automaton checker is exact too, but needs minutes for some of these
// patterns). Its two wall-clock limits (attackTimeout 1 s, incubationTimeout 250 ms by default) are
// switched off: on a loaded machine they cut runs short and different patterns were flagged on
// each run; the step limits (attackLimit, incubationLimit) bound the work instead. The timeout only
// bounds a run that goes wrong.
const OPTIONS = { checker: 'fuzz', randomSeed: 42, timeout: 120_000, attackTimeout: null, incubationTimeout: null } as const;

function verdict(d: Diagnostics): string {
  if (d.status === 'safe') return 'safe';
  if (d.status === 'vulnerable') return d.complexity.type;
  return d.error.kind;
}

test('control: the check flags known-bad patterns (exponential and polynomial) and passes a linear one', (t) => {
  t.is(verdict(checkSync('^(a+)+$', '', OPTIONS)), 'exponential');
  t.is(verdict(checkSync('^(?:\\d+\\s?)+x$', '', OPTIONS)), 'exponential');
  t.is(verdict(checkSync('\\[(s=[^\\]]*)\\]$', '', OPTIONS)), 'polynomial', 'the verbose cursor regex this suite replaced');
  t.is(verdict(checkSync('^(?:Mon|Tue) \\d{4}-\\d\\d$', '', OPTIONS)), 'safe');
});

test('every reader and recognizer pattern is linear, or a known, listed exception', (t) => {
  const patterns = allPatterns();
  t.true(patterns.length > 100, `found ${patterns.length} patterns`);
  t.deepEqual(patterns.filter((p) => p.error && !DYNAMIC[p.file]).map((p) => `${p.file}:${p.line} ${p.error}`), [], 'patterns the scan could not evaluate (add them to DYNAMIC)');
  for (const file of new Set(patterns.filter((p) => p.error).map((p) => p.file))) {
    for (const d of DYNAMIC[file]?.() ?? []) patterns.push({ file, line: 0, ...d });
  }
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const p of patterns.filter((x) => !x.error)) {
    const key = `${p.file} /${p.source}/${p.flags.replace(/[ysu]/g, '')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const found = verdict(checkSync(p.source, p.flags, OPTIONS));
    const known = KNOWN[key];
    if (found === 'safe' && known === undefined) continue;
    if (found === known) continue;
    problems.push(`${p.file}:${p.line} /${p.source}/${p.flags}: ${found}${known ? ` (listed as ${known})` : ''}`);
  }
  const stale = Object.keys(KNOWN).filter((k) => !seen.has(k));
  t.deepEqual(problems, [], 'patterns recheck finds super-linear: make them linear (or, at worst, list them in KNOWN)');
  t.deepEqual(stale, [], 'KNOWN lists patterns that no longer exist: remove them');
});
