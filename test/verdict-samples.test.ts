import test from 'ava';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { analyze, expectationFor, findJournals, InputError, type InputFormat } from '@bootlens/core/internal';
import { ROOT } from './helpers/cli.js';

// Issue 19 item 5: no sample and no corpus excerpt that shows a failure gets the green verdict.
// "Shows a failure" is decided without bootlens: the excerpt's hand-written expectation says
// `verdict: problem`, or its text has one of systemd's failure lines. An expectation that says
// `verdict: ok` is a person's judgement and wins over the lines. An input bootlens refuses (exit 2,
// one clear error) is no green verdict either.

const requireHere = createRequire(join(ROOT, 'packages/core/package.json'));
const parseYaml = (text: string): unknown => (requireHere('yaml') as typeof import('yaml')).parse(text);

// systemd's failure lines, as they appear in journals, consoles and `systemctl status` pastes.
const FAILURE_LINE = /Failed to start |: Failed with result |Dependency failed for |Timed out waiting for device |[Ss]tart request repeated too quickly|\[FAILED\]|\[ TIME \]|\[DEPEND\]|Active: failed\b|entered failed state/;

interface Judged { path: string; failure: boolean; why: string; format?: InputFormat }

function verdictsIn(expectation: unknown): string[] {
  const e = (expectation ?? {}) as { verdict?: string; boots?: Array<{ verdict?: string }> };
  return [e.verdict, ...(e.boots ?? []).map((b) => b.verdict)].filter((v): v is string => typeof v === 'string');
}

function judge(path: string, format?: InputFormat): Judged {
  const expectationPath = expectationFor(path);
  const verdicts = expectationPath ? verdictsIn(parseYaml(readFileSync(expectationPath, 'utf8'))) : [];
  const base = { path, ...(format ? { format } : {}) };
  if (verdicts.includes('problem')) return { ...base, failure: true, why: `${basename(expectationPath!)} says verdict: problem` };
  if (verdicts.length > 0) return { ...base, failure: false, why: `${basename(expectationPath!)} says verdict: ok` };
  const text = readFileSync(path).toString('latin1');
  const line = text.split('\n').findIndex((l) => FAILURE_LINE.test(l));
  return line === -1 ? { ...base, failure: false, why: 'no failure line' } : { ...base, failure: true, why: `failure line ${line + 1}` };
}

function inputs(): Judged[] {
  const samples = join(ROOT, 'samples/journals');
  const out = findJournals(samples).map((p) => judge(p));
  // `.cat` is never picked up by a directory search (it cannot be detected): read it as what it is.
  for (const name of readdirSync(samples).filter((n) => n.endsWith('.cat'))) out.push(judge(join(samples, name), 'cat'));
  const corpus = join(ROOT, 'test/corpus');
  for (const dir of readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const name of readdirSync(join(corpus, dir.name)).filter((n) => n.endsWith('.log'))) out.push(judge(join(corpus, dir.name, name)));
  }
  return out;
}

/**
 * Excerpts whose failure this branch cannot read yet, each for the reason named: readers (parse/)
 * that skip or misread the failure line, lines cut before their reason, and component errors that
 * are no event yet (issues 14, 15 and 19). The test fails when one of them
 * starts to get the right verdict, so the list only shrinks.
 */
const PENDING: Readonly<Record<string, string>> = {
};

test('no sample or corpus excerpt that shows a failure gets the green verdict', async (t) => {
  const all = inputs();
  const failing = all.filter((j) => j.failure);
  t.true(failing.length > 100, `only ${failing.length} inputs show a failure: the corpus or the judge is broken`);
  const green: string[] = [];
  const nowRight: string[] = [];
  for (const j of failing) {
    const rel = relative(ROOT, j.path);
    let ok: boolean;
    try {
      const report = await analyze([j.path], j.format ? { inputFormat: j.format } : {});
      ok = report.boots.length > 0 && report.boots.every((b) => b.verdict === 'ok');
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      ok = false; // refused: exit 2 and one error line, never a ✓
    }
    if (ok && !(rel in PENDING)) green.push(`${rel} (${j.why})`);
    if (!ok && rel in PENDING) nowRight.push(rel);
  }
  t.deepEqual(green, [], 'these show a failure and got verdict ok');
  t.deepEqual(nowRight, [], 'these are right now: remove them from PENDING');
  const known = new Set(failing.map((j) => relative(ROOT, j.path)));
  t.deepEqual(Object.keys(PENDING).filter((p) => !known.has(p)), [], 'PENDING names inputs that do not exist or show no failure');
});

test('the judge itself: a failure line makes an input a failure; verdict: ok in the expectation wins', (t) => {
  t.true(FAILURE_LINE.test('May 13 17:27:47 host systemd[1]: nginx.service: Failed with result \'exit-code\'.'));
  t.true(FAILURE_LINE.test('[DEPEND] Dependency failed for Serial Getty on ttyS0.'));
  t.false(FAILURE_LINE.test('May 13 17:27:47 host systemd[1]: Started nginx - high performance web server.'));
  const healthy = inputs().find((j) => j.path.endsWith('samples/journals/k0s-healthy.json'))!;
  t.false(healthy.failure);
});
