import type Table from 'cli-table3';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import type { TimelineEvent } from '../model/event.js';
import type { Finding } from '../model/finding.js';
import type { Boot, Report } from '../model/report.js';
import { sinceBootUs } from '../timeline/time.js';
import { describeEvent, isKeyEvent, omittedText, runText } from './events.js';
import { eventsByLine, occurrences } from '../timeline/fold.js';
import { bundleSummary } from './bundle-text.js';
import { inert } from './inert.js';
import { sanAuditText } from './san-audit-text.js';
import { parseLogrus } from '../recognize/logrus.js';
import { pushAll } from '../util/bounded.js';
import { failedUnitCause, failedUnitHow, failedUnitName, isOk, reasonsText, verdictNotes, worstFinding } from './verdict.js';

// cli-table3 (CommonJS) is loaded when a table is first drawn, not at start-up: `analyze --format
// json` never draws one (issue 9, round 3).
const requireHere = createRequire(import.meta.url);
const newTable = (options: Table.TableConstructorOptions): Table.Table => new (requireHere('cli-table3') as typeof Table)(options);

export interface TextOptions {
  /** ANSI colour for severities and headings. Log text is made inert either way. */
  color?: boolean;
  /** Every event in the table, not only the key ones. */
  verbose?: boolean;
}

const ANSI = { red: 31, yellow: 33, cyan: 36, green: 32, bold: 1, dim: 2 } as const;

function painter(color: boolean) {
  return (style: keyof typeof ANSI, text: string) => (color ? `\x1b[${ANSI[style]}m${text}\x1b[0m` : text);
}

const SEVERITY_STYLE = { error: 'red', warning: 'yellow', info: 'cyan' } as const;

function sinceBoot(e: TimelineEvent, boot: Boot): string {
  const us = sinceBootUs(e, boot);
  return us === null ? '?' : `${(us / 1e6).toFixed(3)}s`;
}

function bootTitle(boot: Boot, total: number): string {
  const parts = [`Boot ${boot.index + 1} of ${total}`];
  if (boot.bootId) parts.push(inert(boot.bootId));
  if (boot.hostname) parts.push(inert(boot.hostname));
  if (boot.firstRealtime) parts.push(boot.firstRealtime.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'));
  if (boot.lastRealtime) parts.push(`to ${boot.lastRealtime.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`);
  if (boot.listed && boot.entries === 0) parts.push('listed by journalctl --list-boots, no entries');
  return parts.join(' · ');
}

const BASIS_NOTE: Record<Boot['timeBasis'], string> = {
  monotonic: 'times are since kernel start (monotonic clock)',
  realtime: 'times are wall-clock since the first entry of the boot (this input has no monotonic clock)',
  'input-order': 'events are in input order (this input carries no usable time)',
};

function verdict(boot: Boot, paint: ReturnType<typeof painter>): string {
  if (isOk(boot)) return `${paint('green', '✓')} no boot-order problems found`;
  const notes = verdictNotes(boot, worstFinding(boot)?.summary).map((n) => `\n${paint('yellow', '!')} ${n}`).join('');
  if (boot.findings.length === 0) {
    return `${paint('yellow', '!')} ${reasonsText(boot.verdictReasons ?? [])}`;
  }
  return headline(boot, paint) + notes;
}

function headline(boot: Boot, paint: ReturnType<typeof painter>): string {
  const counts = (['error', 'warning', 'info'] as const)
    .map((s) => [s, boot.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => paint(SEVERITY_STYLE[s], `${n} ${s}${n === 1 ? '' : 's'}`));
  const worst = boot.findings.find((f) => f.severity === 'error') ?? boot.findings[0]!;
  const mark = worst.severity === 'error' ? paint('red', '✗') : paint('yellow', '!');
  return `${mark} ${counts.join(', ')}: ${inert(worst.summary)}`;
}

interface Row {
  event: TimelineEvent;
  /** How many events this row stands for (a retry loop, a burst of signings). */
  count: number;
  last: TimelineEvent;
}

/**
 * Rows for the key-event table: a client retrying every few seconds collapses into its first
 * occurrence with a count, and a burst of consecutive signings by one component (k0s signs eight
 * certificates at once) into one row, so the table shows the story rather than the loop.
 */
function collapse(events: TimelineEvent[]): Row[] {
  const rows: Row[] = [];
  const retries = new Map<string, Row>();
  for (const event of events) {
    if (event.kind === 'tls-verify-failed' || event.kind === 'tls-handshake-failed') {
      // A client retrying: the same refusal again (a handshake from the same host, whatever its port).
      const key = event.kind === 'tls-verify-failed'
        ? `${event.component}\0${event.wanted}\0${event.validFor.join(',')}`
        : `${event.component}\0${event.peer.replace(/:\d+$/, '')}\0${event.error}`;
      const row = retries.get(key);
      if (row) {
        row.count += occurrences(event);
        row.last = event;
        continue;
      }
      const fresh = { event, count: occurrences(event), last: event };
      retries.set(key, fresh);
      rows.push(fresh);
      continue;
    }
    const prev = rows.at(-1);
    if (prev && prev.event.kind === event.kind &&
      (event.kind === 'cert-issued' ? prev.event.kind === 'cert-issued' && prev.event.component === event.component : describeEvent(prev.event) === describeEvent(event))) {
      prev.count += occurrences(event);
      prev.last = event;
      continue;
    }
    rows.push({ event, count: occurrences(event), last: event });
  }
  return rows;
}

function rowDetail(row: Row, boot: Boot): string {
  const { event, count } = row;
  if (count > 1 && event.kind === 'cert-issued') {
    return `${event.component} signed ${count} certificates, the last at ${sinceBoot(row.last, boot)}`;
  }
  return describeEvent(event) + (count > 1 ? ` (${runText(event, boot, count, row.last)})` : '');
}

function eventTable(report: Report, boot: Boot, verbose: boolean): string {
  const cited = new Set(boot.findings.flatMap((f) => f.evidence.map((s) => `${s.path}\0${s.line}`)));
  const events = verbose ? boot.events : boot.events.filter((e) => isKeyEvent(e) || cited.has(`${e.source.path}\0${e.source.line}`));
  if (events.length === 0) return '  (no events recognized in this boot)';
  // One input: the line number is enough. Several: the file's base name too.
  const single = report.inputs.length === 1;
  const source = (e: TimelineEvent) => (single ? String(e.source.line) : `${inert(basename(e.source.path))}:${e.source.line}`);
  // Fits an 80-column terminal.
  const widths = single ? [11, 22, 38, 7] : [11, 22, 28, 17];
  const table = newTable({
    head: ['since boot', 'event', 'detail', single ? 'line' : 'source'],
    colWidths: widths,
    wordWrap: true,
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 0 },
    chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: ' ' },
  });
  for (const row of verbose ? events.map((event) => ({ event, count: occurrences(event), last: event })) : collapse(events)) {
    table.push([sinceBoot(row.event, boot), row.event.kind, inert(rowDetail(row, boot)), source(row.event)]);
  }
  return table.toString().split('\n').map((l) => l.trimEnd()).join('\n');
}

const WIDTH = 80;

/**
 * Wraps a prose line at word boundaries to `width`, continuing at its indentation. Lines that are
 * commands or config (more indented than the prose around them, or without spaces to break at)
 * stay whole so they can be copied.
 */
function wrapProse(line: string, width: number): string[] {
  const indent = line.length - line.trimStart().length;
  if (line.length <= width || indent > 6 || !line.trimStart().includes(' ')) return [line];
  const pad = ' '.repeat(indent + (/^\s*\d+\. /.test(line) ? 3 : 0));
  const out: string[] = [];
  let current = '';
  for (const word of line.trimStart().split(' ')) {
    const base = current === '' ? (out.length === 0 ? ' '.repeat(indent) : pad) : `${current} `;
    if (current !== '' && base.length + word.length > width) {
      out.push(current);
      current = pad + word;
    } else {
      current = base + word;
    }
  }
  if (current.trim() !== '') out.push(current);
  return out;
}

/** What an event's line said, for a person: logrus wrappers are unwrapped to their message. */
function said(e: TimelineEvent): string {
  const fields = parseLogrus(e.message);
  const text = fields?.['msg'] !== undefined ? `${fields['msg']}${fields['component'] ? ` (component=${fields['component']})` : ''}` : e.message;
  return `${e.identifier ?? '?'}: ${text.length > 110 ? `${text.slice(0, 110)}…` : text}`;
}

function findingText(f: Finding, boot: Boot, paint: ReturnType<typeof painter>): string {
  const byLine = eventsByLine(boot.events);
  const lines = [`${paint(SEVERITY_STYLE[f.severity], f.severity.toUpperCase())} ${paint('bold', f.rule)}: ${inert(f.summary)}`];
  lines.push('  evidence:');
  // Consecutive lines of one kind from one file (eight signings) are listed on one line.
  for (let i = 0; i < f.evidence.length; ) {
    const first = f.evidence[i]!;
    const event = byLine.get(`${first.path}\0${first.line}`);
    let j = i + 1;
    while (j < f.evidence.length) {
      const next = f.evidence[j]!;
      const e = byLine.get(`${next.path}\0${next.line}`);
      if (next.path !== first.path || !e || !event || e.kind !== event.kind || e.kind === 'address-added') break;
      j++;
    }
    const more = f.evidence.slice(i + 1, j).map((s) => s.line);
    const where = `${inert(first.path)}:${first.line}${more.length > 0 ? `,${more.join(',')}` : ''}`;
    lines.push(`    ${where}${event ? `  ${inert(said(event))}` : ''}${more.length > 0 ? ` (and ${more.length} more like it)` : ''}`);
    i = j;
  }
  lines.push('  remediation:');
  for (const l of inert(f.remediation, true).split('\n')) pushAll(lines, wrapProse(`    ${l}`, WIDTH));
  return lines.join('\n');
}

/** The failed units, like `systemctl --failed`: unit, how it failed, its cause, the lines. */
function failedUnitsText(boot: Boot, paint: ReturnType<typeof painter>): string | null {
  const units = boot.failedUnits ?? [];
  if (units.length === 0) return null;
  const lines = [paint('bold', `Failed units (${units.length + (boot.failedUnitsOmitted ?? 0)})`)];
  for (const f of units) {
    const where = f.evidence.map((s) => s.line).join(',');
    lines.push(`  ${inert(failedUnitName(f))}  ${failedUnitHow(f)}; cause: ${inert(failedUnitCause(f))}${where ? `  (line ${where})` : ''}`);
  }
  if (boot.failedUnitsOmitted) lines.push(`  … and ${boot.failedUnitsOmitted} more`);
  return lines.join('\n');
}

/** The report for a person at a terminal: per boot, the verdict, the findings, then the key events. */
export function renderText(report: Report, options: TextOptions = {}): string {
  const paint = painter(options.color ?? false);
  const out: string[] = [];
  const skipped = report.inputs.reduce((n, i) => n + i.skipped, 0);
  for (const bundle of report.bundles ?? []) out.push(paint('dim', bundleSummary(bundle)));
  for (const input of report.inputs) {
    // A binary journal file has no lines: its counts are entries (issue 17).
    const lines = input.format === 'journal-file' ? '' : `${input.lines} lines, `;
    out.push(paint('dim', `read ${inert(input.path)}: ${input.format ?? 'no entries'}, ${lines}${input.entries} entries, ${input.skipped} skipped`));
  }
  if (skipped > 0) {
    for (const d of report.diagnostics.slice(0, 5)) out.push(paint('dim', `  ${inert(d.path)}:${d.line}: ${inert(d.message)}`));
    if (report.diagnostics.length > 5) out.push(paint('dim', `  … ${report.diagnostics.length - 5} more diagnostics (see --format json)`));
  }
  if (report.boots.length === 0) out.push('', 'No boots found in the input.');
  // The last boot first: it is the one that just came back broken.
  for (const boot of [...report.boots].reverse()) {
    out.push('', paint('bold', bootTitle(boot, report.boots.length)), verdict(boot, paint), '');
    for (const f of boot.findings) out.push(findingText(f, boot, paint), '');
    const failed = failedUnitsText(boot, paint);
    if (failed) out.push(failed, '');
    const audit = sanAuditText(report, boot); // certificate SAN audit (issue 6)
    if (audit) out.push(audit, '');
    out.push(paint('bold', options.verbose ? 'Events' : 'Key events'));
    out.push(eventTable(report, boot, options.verbose ?? false));
    const omitted = omittedText(boot.eventsOmitted);
    if (omitted) out.push(paint('dim', `  (${omitted}; --all-events writes them all)`));
    out.push(paint('dim', `  (${BASIS_NOTE[boot.timeBasis]})`));
  }
  return `${out.join('\n').trimEnd()}\n`;
}
