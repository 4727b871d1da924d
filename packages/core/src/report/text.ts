import Table from 'cli-table3';
import { basename } from 'node:path';
import type { TimelineEvent } from '../model/event.js';
import type { Finding } from '../model/finding.js';
import type { Boot, Report } from '../model/report.js';
import { sinceBootUs } from '../timeline/time.js';
import { describeEvent, isKeyEvent } from './events.js';
import { inert } from './inert.js';

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
  if (boot.bootId) parts.push(boot.bootId);
  if (boot.hostname) parts.push(inert(boot.hostname));
  if (boot.firstRealtime) parts.push(boot.firstRealtime.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'));
  return parts.join(' · ');
}

const BASIS_NOTE: Record<Boot['timeBasis'], string> = {
  monotonic: 'times are since kernel start (monotonic clock)',
  realtime: 'times are wall-clock since the first entry of the boot (this input has no monotonic clock)',
  'input-order': 'events are in input order (this input carries no usable time)',
};

function verdict(boot: Boot, paint: ReturnType<typeof painter>): string {
  if (boot.findings.length === 0) return `${paint('green', '✓')} no boot-order problems found`;
  const counts = (['error', 'warning', 'info'] as const)
    .map((s) => [s, boot.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => paint(SEVERITY_STYLE[s], `${n} ${s}${n === 1 ? '' : 's'}`));
  const worst = boot.findings.find((f) => f.severity === 'error') ?? boot.findings[0]!;
  const mark = worst.severity === 'error' ? paint('red', '✗') : paint('yellow', '!');
  return `${mark} ${counts.join(', ')}: ${inert(worst.summary)}`;
}

/**
 * Repeated events (a client retrying every few seconds) collapse into their first occurrence with a
 * count, so the table shows the story, not the retry loop.
 */
function collapseRepeats(events: TimelineEvent[]): Array<{ event: TimelineEvent; repeats: number }> {
  const out: Array<{ event: TimelineEvent; repeats: number }> = [];
  const seen = new Map<string, { event: TimelineEvent; repeats: number }>();
  for (const event of events) {
    if (event.kind !== 'tls-verify-failed') {
      out.push({ event, repeats: 1 });
      continue;
    }
    const key = `${event.component}\0${event.wanted}\0${event.validFor.join(',')}`;
    const row = seen.get(key);
    if (row) row.repeats++;
    else {
      const fresh = { event, repeats: 1 };
      seen.set(key, fresh);
      out.push(fresh);
    }
  }
  return out;
}

function eventTable(boot: Boot, verbose: boolean): string {
  const cited = new Set(boot.findings.flatMap((f) => f.evidence.map((s) => `${s.path}\0${s.line}`)));
  const events = verbose ? boot.events : boot.events.filter((e) => isKeyEvent(e) || cited.has(`${e.source.path}\0${e.source.line}`));
  if (events.length === 0) return '  (no events recognized in this boot)';
  // Fits 80 columns: 9 + 20 + 30 + 17 plus padding.
  const table = new Table({
    head: ['since boot', 'event', 'detail', 'source'],
    colWidths: [11, 22, 32, 15],
    wordWrap: true,
    wrapOnWordBoundary: false,
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 0 },
    chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: ' ' },
  });
  for (const { event, repeats } of collapseRepeats(events)) {
    table.push([
      sinceBoot(event, boot),
      event.kind,
      inert(describeEvent(event)) + (repeats > 1 ? ` (×${repeats})` : ''),
      `${inert(basename(event.source.path))}:${event.source.line}`,
    ]);
  }
  return table.toString();
}

function findingText(f: Finding, boot: Boot, paint: ReturnType<typeof painter>): string {
  const byLine = new Map(boot.events.map((e) => [`${e.source.path}\0${e.source.line}`, e]));
  const lines = [`${paint(SEVERITY_STYLE[f.severity], f.severity.toUpperCase())} ${paint('bold', f.rule)}: ${inert(f.summary)}`];
  lines.push('  evidence:');
  for (const s of f.evidence) {
    const e = byLine.get(`${s.path}\0${s.line}`);
    const said = e ? `  ${inert(e.identifier ?? '')}: ${inert(e.message.length > 100 ? `${e.message.slice(0, 100)}…` : e.message)}` : '';
    lines.push(`    ${inert(s.path)}:${s.line}${said}`);
  }
  lines.push('  remediation:');
  for (const l of inert(f.remediation, true).split('\n')) lines.push(`    ${l}`);
  return lines.join('\n');
}

/** The report for a person at a terminal: per boot, the verdict, the key events, then the findings. */
export function renderText(report: Report, options: TextOptions = {}): string {
  const paint = painter(options.color ?? false);
  const out: string[] = [];
  const skipped = report.inputs.reduce((n, i) => n + i.skipped, 0);
  for (const input of report.inputs) {
    out.push(paint('dim', `read ${inert(input.path)}: ${input.format ?? 'no entries'}, ${input.lines} lines, ${input.entries} entries, ${input.skipped} skipped`));
  }
  if (skipped > 0) {
    for (const d of report.diagnostics.slice(0, 5)) out.push(paint('dim', `  ${inert(d.path)}:${d.line}: ${inert(d.message)}`));
    if (report.diagnostics.length > 5) out.push(paint('dim', `  … ${report.diagnostics.length - 5} more diagnostics (see --format json)`));
  }
  if (report.boots.length === 0) out.push('', 'No boots found in the input.');
  // The last boot first: it is the one that just came back broken.
  for (const boot of [...report.boots].reverse()) {
    out.push('', paint('bold', bootTitle(boot, report.boots.length)), verdict(boot, paint), '');
    out.push(eventTable(boot, options.verbose ?? false));
    out.push(paint('dim', `  (${BASIS_NOTE[boot.timeBasis]})`));
    if (boot.findings.length > 0) {
      out.push('');
      for (const f of boot.findings) out.push(findingText(f, boot, paint), '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
