/**
 * The corpus measure (issue 15): every excerpt of test/corpus/ analyzed and held to its expectation
 * file, per category. Shared by `pnpm corpus` (scripts/corpus.ts, which prints the table and can
 * write the baseline) and test/corpus.test.ts (which fails when a file that passed stops passing).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative } from 'node:path';
import { analyze, checkJournal, EVENT_FIELDS, Expectation, expectationFor, InputError, parseExpectationData, type CheckCase, type Report } from '@bootlens/core/internal';
import { ROOT } from './cli.js';

export const CORPUS = join(ROOT, 'test/corpus');
export const BASELINE = join(CORPUS, 'baseline.json');
/** "Read": not refused, and at most this share of the non-blank lines skipped. */
export const READ_SKIP_SHARE = 0.1;

// yaml is @bootlens/core's dependency, not the workspace root's.
const parseYaml = (text: string): unknown => (createRequire(join(ROOT, 'packages/core/package.json'))('yaml') as typeof import('yaml')).parse(text);

type Json = Record<string, unknown>;

/**
 * Expectation keys other branches are adding (issue 19: `verdict`, unit-job `result`). Until the
 * schema has them they are taken out here, in the measure only, and counted as pending, so the
 * corpus can be measured now and the key is held as soon as the schema knows it.
 */
function stripPending(data: unknown): { data: unknown; pending: string[] } {
  const pending: string[] = [];
  if (data === null || typeof data !== 'object') return { data, pending };
  const verdictKnown = 'verdict' in Expectation.shape;
  const resultKnown = (EVENT_FIELDS.get('unit-job') ?? []).includes('result');
  const block = (b: Json, scope: string): Json => {
    const out: Json = { ...b };
    if (!verdictKnown && 'verdict' in out) {
      pending.push(`${scope}verdict ${String(out.verdict)}`);
      delete out.verdict;
    }
    if (!resultKnown && Array.isArray(out.events)) {
      out.events = (out.events as unknown[]).map((e) => {
        if (e === null || typeof e !== 'object' || (e as Json).kind !== 'unit-job' || !('result' in (e as Json))) return e;
        const { result, ...rest } = e as Json;
        pending.push(`${scope}unit-job result ${String(result)}`);
        return rest;
      });
    }
    return out;
  };
  const top = block(data as Json, '');
  if (Array.isArray(top.boots)) top.boots = (top.boots as unknown[]).map((b) => (b !== null && typeof b === 'object' ? block(b as Json, `boot ${String((b as Json).boot)}: `) : b));
  return { data: top, pending };
}

export interface CorpusResult {
  /** Path relative to test/corpus/. */
  file: string;
  category: string;
  /** Not refused, and skipped ≤ 10 % of the non-blank lines. */
  read: boolean;
  /** Null when the expectation lists no events. */
  events: boolean | null;
  /** Null when the expectation lists no findings. */
  findings: boolean | null;
  /** Every case of the expectation file held. */
  passed: boolean;
  nonBlank: number;
  /** Lines the input summary counts, understood and skipped (for a refused excerpt: 0, 0, and its non-blank lines skipped). */
  lines: number;
  parsed: number;
  skipped: number;
  /** Refused as no log at all (InputError). */
  refused: boolean;
  /** Why it falls short: the refusal, the read share, the first failing cases. */
  why: string[];
  /** Expectation keys not measured yet because the schema lacks them (see stripPending). */
  pending: string[];
}

export type Baseline = Record<string, { read: boolean; events: boolean | null; findings: boolean | null; passed: boolean; refused?: boolean }>;

export function corpusFiles(): string[] {
  const out: string[] = [];
  for (const category of readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const name of readdirSync(join(CORPUS, category)).sort()) if (name.endsWith('.log')) out.push(join(CORPUS, category, name));
  }
  return out;
}

function nonBlankLines(text: string): number {
  let n = 0;
  for (const line of text.split(/\r?\n/)) if (line.trim() !== '') n++;
  return n;
}

const failing = (cases: readonly CheckCase[], prefix: string): CheckCase[] => cases.filter((c) => !c.passed && c.name.replace(/^boot [^:]+: /, '').startsWith(prefix));

/** One excerpt, analyzed as `bootlens check` would, with the corpus's own measures. */
export async function measureExcerpt(path: string): Promise<CorpusResult> {
  const rel = relative(CORPUS, path);
  const category = rel.split('/')[0]!;
  const text = readFileSync(path, 'utf8');
  const nonBlank = nonBlankLines(text);
  const expectationPath = expectationFor(path);
  const raw = expectationPath ? stripPending(expectationPath.endsWith('.json') ? JSON.parse(readFileSync(expectationPath, 'utf8')) : parseYaml(readFileSync(expectationPath, 'utf8'))) : null;
  const pending = raw?.pending ?? [];
  const expectation = expectationPath && raw ? parseExpectationData(raw.data, expectationPath) : null;
  const listsEvents = !!expectation && (expectation.events !== undefined || (expectation.boots ?? []).some((b) => b.events !== undefined));
  const listsFindings = !!expectation && ((expectation.findings?.length ?? 0) > 0 || (expectation.boots ?? []).some((b) => (b.findings?.length ?? 0) > 0));
  let report: Report;
  try {
    report = await analyze([{ path: basename(path), content: text }]);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { file: rel, category, read: false, events: listsEvents ? false : null, findings: listsFindings ? false : null, passed: false, nonBlank, lines: 0, parsed: 0, skipped: nonBlank, refused: true, why: [`refused: ${error.message}`], pending };
  }
  const skipped = report.inputs.reduce((n, i) => n + i.skipped, 0);
  const read = skipped <= READ_SKIP_SHARE * nonBlank;
  const check = checkJournal(report, expectation, { path: rel, expectationPath });
  const eventCases = failing(check.cases, 'event ');
  const findingCases = failing(check.cases, 'finding ');
  const why: string[] = [];
  if (!read) why.push(`skipped ${skipped} of ${nonBlank} non-blank lines`);
  for (const c of check.cases.filter((x) => !x.passed).slice(0, 3)) why.push(`${c.name}: found ${c.found}`);
  return {
    file: rel, category, read,
    events: listsEvents ? eventCases.length === 0 : null,
    findings: listsFindings ? findingCases.length === 0 : null,
    passed: check.passed, nonBlank, skipped, why, pending, refused: false,
    lines: report.inputs.reduce((n, i) => n + i.lines, 0), parsed: report.inputs.reduce((n, i) => n + i.parsed, 0),
  };
}

export async function measureCorpus(): Promise<CorpusResult[]> {
  const results: CorpusResult[] = [];
  for (const file of corpusFiles()) results.push(await measureExcerpt(file));
  return results;
}

export interface CategoryRow {
  category: string;
  files: number;
  read: number;
  withEvents: number;
  events: number;
  withFindings: number;
  findings: number;
  passed: number;
}

export function table(results: readonly CorpusResult[]): CategoryRow[] {
  const rows = new Map<string, CategoryRow>();
  const row = (category: string) => {
    let r = rows.get(category);
    if (!r) rows.set(category, (r = { category, files: 0, read: 0, withEvents: 0, events: 0, withFindings: 0, findings: 0, passed: 0 }));
    return r;
  };
  for (const x of results) {
    for (const r of [row(x.category), row('all')]) {
      r.files++;
      if (x.read) r.read++;
      if (x.events !== null) r.withEvents++;
      if (x.events) r.events++;
      if (x.findings !== null) r.withFindings++;
      if (x.findings) r.findings++;
      if (x.passed) r.passed++;
    }
  }
  const all = rows.get('all');
  rows.delete('all');
  return [...[...rows.values()].sort((a, b) => a.category.localeCompare(b.category)), ...(all ? [all] : [])];
}

const pct = (n: number, of: number) => (of === 0 ? '-' : `${n}/${of} (${Math.round((100 * n) / of)} %)`);

/** The table as Markdown (docs/corpus.md shows it). */
export function markdownTable(rows: readonly CategoryRow[]): string {
  const lines = ['| category | files | read | every expected event | expected finding | whole expectation |', '| --- | ---: | ---: | ---: | ---: | ---: |'];
  for (const r of rows) {
    const name = r.category === 'all' ? '**all**' : `\`${r.category}/\``;
    lines.push(`| ${name} | ${r.files} | ${pct(r.read, r.files)} | ${pct(r.events, r.withEvents)} | ${pct(r.findings, r.withFindings)} | ${pct(r.passed, r.files)} |`);
  }
  return lines.join('\n');
}

export function baselineOf(results: readonly CorpusResult[]): Baseline {
  const out: Baseline = {};
  for (const r of results) out[r.file] = { read: r.read, events: r.events, findings: r.findings, passed: r.passed, ...(r.refused ? { refused: true } : {}) };
  return out;
}

/** Measures that held in the baseline and no longer hold: `file: measure`. */
export function regressions(baseline: Baseline, results: readonly CorpusResult[]): string[] {
  const now = new Map(results.map((r) => [r.file, r]));
  const out: string[] = [];
  for (const [file, was] of Object.entries(baseline)) {
    const r = now.get(file);
    if (!r) {
      out.push(`${file}: missing from the corpus`);
      continue;
    }
    for (const k of ['read', 'events', 'findings', 'passed'] as const) if (was[k] === true && r[k] !== true) out.push(`${file}: ${k} (${r.why.join('; ')})`);
    if (r.refused && was.refused !== true) out.push(`${file}: refused (${r.why.join('; ')})`);
  }
  return out;
}
