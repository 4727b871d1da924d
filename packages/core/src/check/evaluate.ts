import type { Finding, Severity } from '../model/finding.js';
import { severityAtLeast } from '../model/finding.js';
import type { Boot, Report } from '../model/report.js';
import { formatSeconds } from '../time.js';
import { addressesOfInterest } from '../timeline/addresses.js';
import { selectBoot } from '../timeline/pastes.js';
import { sinceBootUs } from '../timeline/time.js';
import { unitSpans } from '../timeline/units.js';
import type { TimelineEvent } from '../model/event.js';
import type { BootExpectation, Bounds, EventMatch, Expectation, FindingMatch, SystemdAnalyzeKind } from './expectation.js';
import { pushAll } from '../util/bounded.js';
import { isOk, reasonsText } from '../report/verdict.js';

export type FailOnLevel = Severity | 'none';

/** One checked expectation: one JUnit testcase. */
export interface CheckCase {
  /** What was checked, e.g. `boot 1: finding cert-issued-before-address (error) address=192.168.2.10`. */
  name: string;
  passed: boolean;
  /** What the expectation asked for, in words. */
  expected: string;
  /** What the journal showed, in words. */
  found: string;
  /** True when the case could not be checked at all (an unreadable journal): a JUnit `<error>`, not a `<failure>`. */
  error?: boolean;
}

/** Every expectation checked against one journal. */
export interface JournalCheck {
  path: string;
  /** The expectation file used, or null for the default (no finding at or above `--fail-on`). */
  expectationPath: string | null;
  description: string | null;
  /** Host names its boots carry (in order, each once). */
  hosts: string[];
  boots: number;
  findings: Record<Severity, number>;
  skippedLines: number;
  cases: CheckCase[];
  passed: boolean;
}

export interface CheckOptions {
  /** The journal's path, as the report and the output name it. */
  path: string;
  expectationPath?: string | null;
  /** Without an expectation: fail on a finding at or above this (default `error`). */
  failOn?: FailOnLevel;
}

const IDENTIFYING = ['address', 'interface', 'unit', 'component'] as const;

/** `cert-issued-before-address (error) address=192.168.2.10 interface=eth0`. */
export function describeFinding(f: Finding): string {
  const keys = IDENTIFYING.filter((k) => f.details[k] !== undefined && f.details[k] !== null).map((k) => `${k}=${String(f.details[k])}`);
  return [`${f.rule} (${f.severity})`, ...keys].join(' ');
}

function describeMatch(m: FindingMatch): string {
  const details = Object.entries(m.details ?? {}).map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`);
  return [`${m.rule}${m.severity ? ` (${m.severity})` : ''}`, ...details].join(' ');
}

function detailMatches(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return false;
    const a = [...actual].map(String).sort();
    const e = [...expected].map(String).sort();
    return a.length === e.length && a.every((v, i) => v === e[i]);
  }
  if (Array.isArray(actual)) return actual.map(String).includes(String(expected));
  if (expected === null || actual === null || actual === undefined) return expected === actual || (expected === null && actual === undefined);
  return String(actual) === String(expected) || sameInstant(actual, expected);
}

/** An RFC 3339 time with its zone (`2022-07-22T18:55:59+12:00`, `…07:45:55.5Z`). */
const ZONED_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)$/;

/**
 * Two zoned times that name the same instant: an expectation writes a time as the line does
 * (`current time 2022-07-22T18:55:59+12:00`, k3s-io/k3s#5163), the report in UTC.
 */
function sameInstant(actual: unknown, expected: unknown): boolean {
  if (typeof actual !== 'string' || typeof expected !== 'string') return false;
  if (!ZONED_TIME.test(actual) || !ZONED_TIME.test(expected)) return false;
  return Date.parse(actual) === Date.parse(expected);
}

/** Whether a finding is the one a matcher describes: same rule, severity if given, every given detail. */
export function findingMatches(f: Finding, m: FindingMatch): boolean {
  if (f.rule !== m.rule) return false;
  if (m.severity !== undefined && f.severity !== m.severity) return false;
  return Object.entries(m.details ?? {}).every(([k, v]) => detailMatches(f.details[k], v));
}

const showValue = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(String).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${showValue(x)}`).join(', ')} }`;
  return String(v);
};

/** `unit-job unit=nginx.service phase=failed`. */
export function describeEventMatch(m: EventMatch): string {
  return [m.kind, ...Object.entries(m).filter(([k]) => k !== 'kind').map(([k, v]) => `${k}=${showValue(v)}`)].join(' ');
}

/** An event field against its expected value: as details compare, and an object key by key (`sans: { ip: [...] }`). */
function eventValueMatches(actual: unknown, expected: unknown): boolean {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object') return false;
    return Object.entries(expected).every(([k, v]) => detailMatches((actual as Record<string, unknown>)[k], v));
  }
  return detailMatches(actual, expected);
}

/** Whether an event is the one a matcher describes: same kind, every given field. */
export function eventMatches(e: TimelineEvent, m: EventMatch): boolean {
  if (e.kind !== m.kind) return false;
  const fields = e as unknown as Record<string, unknown>;
  return Object.entries(m).every(([k, v]) => k === 'kind' || eventValueMatches(fields[k], v));
}

/** What the boots show of a kind, for a failed event case: up to 3, described by the fields the matcher named. */
function sameKindEvents(boots: readonly Boot[], m: EventMatch): string {
  const keys = Object.keys(m).filter((k) => k !== 'kind');
  let count = 0;
  const shown: string[] = [];
  for (const b of boots) {
    for (const e of b.events) {
      if (e.kind !== m.kind) continue;
      count++;
      if (shown.length < 3) {
        const fields = e as unknown as Record<string, unknown>;
        shown.push(keys.map((k) => `${k}=${fields[k] === undefined ? '(none)' : showValue(fields[k])}`).join(' ') || m.kind);
      }
    }
  }
  if (count === 0) return `no ${m.kind} event`;
  return `${count} ${m.kind} event${count === 1 ? '' : 's'}, none matching: ${shown.join('; ')}${count > 3 ? '; …' : ''}`;
}

function bootLabel(report: Report, boot: Boot): string {
  return `boot ${boot.index + 1}${report.boots.length > 1 ? ` of ${report.boots.length}` : ''}`;
}

function listFindings(report: Report, pairs: ReadonlyArray<{ boot: Boot; finding: Finding }>): string {
  if (pairs.length === 0) return 'no such finding';
  const shown = pairs.slice(0, 5).map(({ boot, finding }) => `${describeFinding(finding)} in ${bootLabel(report, boot)}`);
  return shown.join('; ') + (pairs.length > 5 ? `; and ${pairs.length - 5} more` : '');
}

function allFindings(boots: readonly Boot[]): Array<{ boot: Boot; finding: Finding }> {
  return boots.flatMap((boot) => boot.findings.map((finding) => ({ boot, finding })));
}

function sameRuleFindings(report: Report, boots: readonly Boot[], rule: string): string {
  const same = allFindings(boots).filter((p) => p.finding.rule === rule);
  if (same.length > 0) return `only ${listFindings(report, same)}`;
  const all = allFindings(boots);
  return all.length === 0 ? 'no findings' : `no ${rule} finding; found ${listFindings(report, all)}`;
}

/** The cases of one block of expectations, over the boots it applies to (`scope` names them). */
function blockCases(report: Report, boots: readonly Boot[], block: Omit<BootExpectation, 'boot'>, scope: string): CheckCase[] {
  const cases: CheckCase[] = [];
  const prefix = scope === '' ? '' : `${scope}: `;
  const where = boots.length === 1 ? bootLabel(report, boots[0]!) : 'any boot';
  for (const m of block.findings ?? []) {
    const hits = allFindings(boots).filter((p) => findingMatches(p.finding, m));
    cases.push({
      name: `${prefix}finding ${describeMatch(m)}`,
      passed: hits.length > 0,
      expected: `${describeMatch(m)} in ${where}`,
      found: hits.length > 0 ? listFindings(report, hits) : sameRuleFindings(report, boots, m.rule),
    });
  }
  for (const m of block.absent ?? []) {
    const hits = allFindings(boots).filter((p) => findingMatches(p.finding, m));
    cases.push({
      name: `${prefix}no finding ${describeMatch(m)}`,
      passed: hits.length === 0,
      expected: `no ${describeMatch(m)}`,
      found: hits.length === 0 ? 'none' : listFindings(report, hits),
    });
  }
  if (block.noFindings) {
    const hits = allFindings(boots);
    cases.push({ name: `${prefix}no findings`, passed: hits.length === 0, expected: 'no findings', found: hits.length === 0 ? 'none' : listFindings(report, hits) });
  }
  if (block.failOnUnexpected !== undefined && block.failOnUnexpected !== 'none') {
    const level = block.failOnUnexpected;
    const hits = allFindings(boots).filter((p) => severityAtLeast(p.finding.severity, level) && !(block.findings ?? []).some((m) => findingMatches(p.finding, m)));
    cases.push({
      name: `${prefix}no unexpected finding at or above ${level}`,
      passed: hits.length === 0,
      expected: `no finding at or above ${level} other than the expected ones`,
      found: hits.length === 0 ? 'none' : listFindings(report, hits),
    });
  }
  for (const m of block.events ?? []) {
    const hit = boots.some((b) => b.events.some((e) => eventMatches(e, m)));
    cases.push({
      name: `${prefix}event ${describeEventMatch(m)}`,
      passed: hit,
      expected: `${describeEventMatch(m)} in ${where}`,
      found: hit ? 'found' : sameKindEvents(boots, m),
    });
  }
  if (block.bounds) pushAll(cases, boundCases(report, boots, block.bounds, prefix));
  if (block.verdict !== undefined) cases.push(verdictCase(report, boots, block.verdict, prefix));
  return cases;
}

/** `problem`: some boot it applies to has that verdict; `ok`: every one has (and there is one). */
function verdictCase(report: Report, boots: readonly Boot[], expected: 'ok' | 'problem', prefix: string): CheckCase {
  const verdicts = boots.map((b) => ({ boot: b, verdict: isOk(b) ? 'ok' : 'problem' }));
  const passed = expected === 'problem' ? verdicts.some((v) => v.verdict === 'problem') : verdicts.length > 0 && verdicts.every((v) => v.verdict === 'ok');
  const found = verdicts.length === 0 ? 'no boots' : verdicts.map((v) => {
    const why = v.verdict === 'problem' ? ` (${reasonsText(v.boot.verdictReasons ?? []) || `${v.boot.findings.length} findings`})` : '';
    return `${v.verdict}${why}${boots.length > 1 ? ` in ${bootLabel(report, v.boot)}` : ''}`;
  }).join('; ');
  return { name: `${prefix}verdict ${expected}`, passed, expected: `verdict ${expected}`, found };
}

interface Measured { boot: Boot; us: number | null; missing: string | null }

function boundCase(report: Report, boots: readonly Boot[], name: string, expected: string, limitUs: number, measure: (b: Boot) => Measured): CheckCase {
  const values = boots.map(measure);
  const bad = values.filter((v) => v.us === null || v.us > limitUs);
  const show = (v: Measured) => `${v.us === null ? v.missing : formatSeconds(v.us)}${boots.length > 1 ? ` in ${bootLabel(report, v.boot)}` : ''}`;
  return {
    name,
    passed: boots.length > 0 && bad.length === 0,
    expected,
    found: boots.length === 0 ? 'no boots' : (bad.length > 0 ? bad : values).map(show).join('; '),
  };
}

function boundCases(report: Report, boots: readonly Boot[], bounds: Bounds, prefix: string): CheckCase[] {
  const cases: CheckCase[] = [];
  for (const [target, limit] of Object.entries(bounds.targets ?? {})) {
    cases.push(boundCase(report, boots, `${prefix}${target} reached within ${formatSeconds(limit)}`, `${target} reached at most ${formatSeconds(limit)} after boot start`, limit, (boot) => {
      const e = boot.events.find((x) => x.kind === 'target-reached' && x.unit === target);
      if (!e) return { boot, us: null, missing: `${target} never reached` };
      const us = sinceBootUs(e, boot);
      return { boot, us, missing: us === null ? 'no usable time' : null };
    }));
  }
  for (const [unit, limit] of Object.entries(bounds.units ?? {})) {
    cases.push(boundCase(report, boots, `${prefix}${unit} started within ${formatSeconds(limit)}`, `${unit} took at most ${formatSeconds(limit)} from Starting to Started/Finished`, limit, (boot) => {
      const span = unitSpans(boot).find((s) => s.unit === unit);
      if (!span) return { boot, us: null, missing: `${unit} never started` };
      if (span.result === 'failed') return { boot, us: null, missing: `${unit} failed to start` };
      return { boot, us: span.durationUs, missing: span.durationUs === null ? `${unit} has no Starting/Started pair` : null };
    }));
  }
  for (const [address, limit] of Object.entries(bounds.addresses ?? {})) {
    cases.push(boundCase(report, boots, `${prefix}${address} appeared within ${formatSeconds(limit)}`, `${address} on an interface at most ${formatSeconds(limit)} after boot start`, limit, (boot) => {
      const a = addressesOfInterest(boot).find((x) => x.address === address)?.appeared ?? null;
      if (!a) return { boot, us: null, missing: `${address} never appeared` };
      const us = sinceBootUs(a, boot);
      return { boot, us, missing: us === null ? 'no usable time' : null };
    }));
  }
  return cases;
}

/**
 * `year`: every boot with a wall-clock time starts in that year. A rendering without wall-clock
 * time (short-monotonic) has nothing to hold, so one expectation serves every rendering; a journal
 * without any boot fails.
 */
function yearCase(report: Report, year: number): CheckCase {
  const years = report.boots.filter((b) => b.firstRealtime !== null).map((b) => Number(b.firstRealtime!.slice(0, 4)));
  const wrong = years.filter((y) => y !== year);
  return {
    name: `year ${year}`,
    passed: report.boots.length > 0 && wrong.length === 0,
    expected: `every boot with wall-clock time starts in ${year}`,
    found: report.boots.length === 0 ? 'no boots' : years.length === 0 ? 'no boot with wall-clock time' : `boots start in ${[...new Set(years)].join(', ')}`,
  };
}

const PASTE_READ: Record<SystemdAnalyzeKind, (b: Boot) => boolean> = {
  blame: (b) => (b.blame?.length ?? 0) > 0,
  'critical-chain': (b) => (b.criticalChain?.length ?? 0) > 0,
  time: (b) => b.bootTime !== undefined,
};

/** `systemdAnalyze`: each named paste was read into some boot. */
function pasteCases(report: Report, kinds: readonly SystemdAnalyzeKind[]): CheckCase[] {
  return kinds.map((kind) => {
    const read = report.boots.some(PASTE_READ[kind]);
    return { name: `systemd-analyze ${kind} read`, passed: read, expected: `a pasted systemd-analyze ${kind} read`, found: read ? 'read' : 'not read' };
  });
}

function countFindings(report: Report): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const b of report.boots) for (const f of b.findings) counts[f.severity]++;
  return counts;
}

/**
 * Holds one journal's report against its expectation (or, with none, against the default: no
 * finding at or above `failOn`). A pure function: report and expectation in, cases out.
 */
export function checkJournal(report: Report, expectation: Expectation | null, options: CheckOptions): JournalCheck {
  const cases: CheckCase[] = [];
  const skipped = report.inputs.reduce((n, i) => n + i.skipped, 0);
  if (expectation === null) {
    const failOn = options.failOn ?? 'error';
    const hits = failOn === 'none' ? [] : allFindings(report.boots).filter((p) => severityAtLeast(p.finding.severity, failOn));
    cases.push({
      name: failOn === 'none' ? 'analyzed' : `no finding at or above ${failOn}`,
      passed: hits.length === 0,
      expected: failOn === 'none' ? 'a readable journal' : `no finding at or above ${failOn} (no expectation file)`,
      found: hits.length === 0 ? 'none' : listFindings(report, hits),
    });
  } else {
    if (expectation.bootCount !== undefined) {
      cases.push({ name: `${expectation.bootCount} boot${expectation.bootCount === 1 ? '' : 's'}`, passed: report.boots.length === expectation.bootCount, expected: `${expectation.bootCount} boots`, found: `${report.boots.length} boots` });
    }
    if (expectation.maxSkippedLines !== undefined) {
      cases.push({ name: `at most ${expectation.maxSkippedLines} skipped lines`, passed: skipped <= expectation.maxSkippedLines, expected: `at most ${expectation.maxSkippedLines} skipped lines`, found: `${skipped} skipped` });
    }
    if (expectation.year !== undefined) cases.push(yearCase(report, expectation.year));
    pushAll(cases, pasteCases(report, expectation.systemdAnalyze ?? []));
    pushAll(cases, blockCases(report, report.boots, expectation, ''));
    for (const block of expectation.boots ?? []) {
      const boot = selectBoot(report.boots, block.boot);
      const scope = `boot ${String(block.boot)}`;
      if (!boot) {
        cases.push({ name: `${scope}: exists`, passed: false, expected: `boot ${String(block.boot)} (journalctl -b numbering)`, found: `the journal has ${report.boots.length} boot${report.boots.length === 1 ? '' : 's'}` });
        continue;
      }
      pushAll(cases, blockCases(report, [boot], block, scope));
    }
    if (cases.length === 0) cases.push({ name: 'analyzed', passed: true, expected: 'a readable journal', found: `${report.boots.length} boots` });
  }
  const hosts = [...new Set(report.boots.map((b) => b.hostname).filter((h): h is string => h !== null))];
  return {
    path: options.path,
    expectationPath: options.expectationPath ?? null,
    description: expectation?.description ?? null,
    hosts,
    boots: report.boots.length,
    findings: countFindings(report),
    skippedLines: skipped,
    cases,
    passed: cases.every((c) => c.passed),
  };
}

/** A journal that could not be read at all, as a failed check (for JUnit; the CLI still exits 2). */
export function unreadableJournal(path: string, expectationPath: string | null, message: string): JournalCheck {
  return {
    path, expectationPath, description: null, hosts: [], boots: 0, findings: { error: 0, warning: 0, info: 0 }, skippedLines: 0,
    cases: [{ name: 'readable', passed: false, error: true, expected: 'a journal bootlens can read', found: message }],
    passed: false,
  };
}
