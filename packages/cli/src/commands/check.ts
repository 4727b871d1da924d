import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type Table from 'cli-table3';
import { createRequire } from 'node:module';
import {
  checkJournal, expectationFor, ExpectationError, inert, InputError, parseExpectation, renderJunit, unreadableJournal,
  type Expectation, type JournalCheck,
} from '@bootlens/core/internal';
import { UsageError, type Command } from '../command.js';
import { displayNames, jobsFrom, journalsFrom, trimLines } from '../journals.js';
import { PLAIN_TABLE, renderNodes, summarizeNodes } from '../nodes.js';
import { analyzeOptionsFrom, FAIL_ON, INPUT_OPTIONS, INPUT_USAGE, oneOf } from '../options.js';
import { analyzeEach } from '../pool/pool.js';
import { strictResults } from '../pool/strict.js';

// cli-table3 (CommonJS) is loaded when a table is first drawn, not at start-up: `analyze --format
// json` never draws one (issue 9, round 3).
const requireHere = createRequire(import.meta.url);
const newTable = (options: Table.TableConstructorOptions): Table.Table => new (requireHere('cli-table3') as typeof Table)(options);

/** Reads and validates every expectation file first: a broken one is bad input (exit 2) before any journal is read. */
function loadExpectations(journals: readonly string[]): Map<string, { path: string; expectation: Expectation } | null> {
  const cache = new Map<string, Expectation>();
  const out = new Map<string, { path: string; expectation: Expectation } | null>();
  for (const journal of journals) {
    let path: string | null;
    try {
      path = expectationFor(journal);
    } catch (error) {
      throw new ExpectationError(journal, (error as Error).message);
    }
    if (path === null) {
      out.set(journal, null);
      continue;
    }
    let expectation = cache.get(path);
    if (!expectation) {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        throw new ExpectationError(path, `${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      expectation = parseExpectation(text, path);
      cache.set(path, expectation);
    }
    out.set(journal, { path, expectation });
  }
  return out;
}

function renderText(checks: readonly JournalCheck[], nodes: string, failOn: string, names: ReturnType<typeof displayNames>): string {
  const out: string[] = [];
  const failed = checks.filter((c) => !c.passed);
  const cases = checks.reduce((n, c) => n + c.cases.length, 0);
  const failedCases = checks.reduce((n, c) => n + c.cases.filter((x) => !x.passed).length, 0);
  out.push(`checked ${checks.length} journal${checks.length === 1 ? '' : 's'}${names.base ? ` in ${inert(names.base)}` : ''}: ${checks.length - failed.length} passed, ${failed.length} failed`, `${cases - failedCases} of ${cases} expectations held`, '');
  // 79 columns: the journal's name first (it names the row); the expectation column shows the
  // expectation file's name without `.expect.yaml`/`.expect.json` (the legend under the table says so).
  const expectationOf = (c: JournalCheck) => (c.expectationPath ? inert(basename(c.expectationPath).replace(/\.expect\.[^.]+$/, '')) : `(default)`);
  const journalWidth = Math.max(16, Math.min(48, checks.reduce((w, c) => Math.max(w, inert(names.name(c.path)).length), 0) + 2));
  const expectationWidth = Math.max(14, Math.min(79 - 2 - 12 - journalWidth, checks.reduce((w, c) => Math.max(w, expectationOf(c).length), 0) + 2));
  const table = newTable({
    head: ['journal', 'expectation', 'result'],
    colWidths: [journalWidth, expectationWidth, 12],
    wordWrap: true,
    wrapOnWordBoundary: false,
    ...PLAIN_TABLE,
  });
  for (const c of checks) {
    const held = c.cases.filter((x) => x.passed).length;
    table.push([inert(names.name(c.path)), expectationOf(c), `${c.passed ? 'pass' : 'FAIL'} ${held}/${c.cases.length}`]);
  }
  out.push(trimLines(table.toString()), ' expectation: <name>.expect.yaml (or .json) next to the journal', ` (default): no expectation file; no finding at or above ${failOn}`, '');
  for (const c of failed) {
    out.push(`FAIL ${inert(c.path)} (${c.expectationPath ? `expectation ${inert(c.expectationPath)}` : `default: no finding at or above ${failOn}`})`);
    for (const x of c.cases.filter((y) => !y.passed)) {
      out.push(`  ✗ ${inert(x.name)}`, `      expected: ${inert(x.expected)}`, `      found:    ${inert(x.found)}`);
    }
    out.push('');
  }
  out.push(nodes);
  return `${out.join('\n')}`;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'CI gate: hold journals against their expectation files (pass/fail, JUnit)',
  usage: `Usage: bootlens check [options] [dir|journal…]

Holds each journal against its expectation file, <name>.expect.yaml or .expect.json next to it
(docs/expectations.md): k0s-reboot-race.expect.yaml serves every k0s-reboot-race.* journal.
Without one, a journal passes when it has no finding at or above --fail-on. Directories are
searched for journals (default: the current directory); files are analyzed on all cores.

Options:
  -f, --format text|json       output format (default: text)
      --junit FILE             also write JUnit XML to FILE (one testcase per journal and expectation)
      --fail-on error|warning|info|none
                               for journals without an expectation file (default: error)
      --jobs N                 worker threads (default: the number of cores; 0 or 1: none)
${INPUT_USAGE}

Exit codes: 0 every expectation held; 1 one did not; 2 bad usage, an unreadable journal or a broken expectation file.
`,
  options: {
    ...INPUT_OPTIONS,
    format: { type: 'string', short: 'f' },
    junit: { type: 'string' },
    'fail-on': { type: 'string' },
    jobs: { type: 'string' },
  },
  async run(values, positionals, io) {
    const format = oneOf('format', values['format'], ['text', 'json'] as const, 'text');
    const failOn = oneOf('fail-on', values['fail-on'], FAIL_ON, 'error');
    const junit = values['junit'];
    if (junit !== undefined && (typeof junit !== 'string' || junit === '')) throw new UsageError('--junit needs a file name');
    const jobs = jobsFrom(values['jobs']);
    const journals = journalsFrom(positionals);

    let expectations;
    try {
      expectations = loadExpectations(journals);
    } catch (error) {
      if (error instanceof ExpectationError) {
        io.stderr.write(`bootlens: check: broken expectation file: ${error.message}\n`);
        return 2;
      }
      throw error;
    }

    const options = analyzeOptionsFrom(values);
    const results = strictResults(values, await analyzeEach(journals, { ...(jobs !== undefined ? { jobs } : {}), analyze: options }));
    const unreadable: string[] = [];
    const checks = results.map((r) => {
      const exp = expectations.get(r.path) ?? null;
      if (!r.ok) {
        unreadable.push(r.message);
        return unreadableJournal(r.path, exp?.path ?? null, r.message);
      }
      return checkJournal(r.report, exp?.expectation ?? null, { path: r.path, expectationPath: exp?.path ?? null, failOn });
    });
    const nodes = summarizeNodes(results.map((r, i) => ({ report: r.ok ? r.report : null, passed: checks[i]!.passed })), failOn);

    if (junit !== undefined) {
      try {
        writeFileSync(junit, renderJunit(checks));
      } catch (error) {
        throw new InputError('unreadable', junit, `${junit}: cannot write the JUnit file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }
    if (format === 'json') {
      const totals = {
        journals: checks.length,
        passed: checks.filter((c) => c.passed).length,
        failed: checks.filter((c) => !c.passed).length,
        expectations: checks.reduce((n, c) => n + c.cases.length, 0),
        failures: checks.reduce((n, c) => n + c.cases.filter((x) => !x.passed).length, 0),
      };
      io.stdout.write(`${JSON.stringify({ schemaVersion: 1, passed: totals.failed === 0, totals, journals: checks, nodes }, null, 2)}\n`);
    } else {
      io.stdout.write(renderText(checks, renderNodes(nodes), failOn, displayNames(positionals, journals)));
    }
    for (const message of unreadable) io.stderr.write(`bootlens: ${message}\n`);
    if (unreadable.length > 0) return 2;
    return checks.every((c) => c.passed) ? 0 : 1;
  },
};
