import type { TimelineEvent } from '../model/event.js';
import type { Finding } from '../model/finding.js';
import type { Boot, Report } from '../model/report.js';
import { sinceBootUs } from '../timeline/time.js';
import { describeEvent, isKeyEvent, omittedText, runText } from './events.js';
import { inert } from './inert.js';
import { maxOf, pushAll } from '../util/bounded.js';
import { failedUnitCause, failedUnitHow, failedUnitName, isOk, reasonsText, verdictNotes, worstFinding } from './verdict.js';
import { eventsByLine } from '../timeline/fold.js';

/**
 * Escapes untrusted text for Markdown prose and table cells: control characters made visible,
 * HTML special characters as entities (GitHub renders inline HTML), Markdown punctuation
 * backslash-escaped, and `|` so a cell cannot end early.
 */
export function escapeMarkdown(text: string): string {
  return inert(text)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]#!|~])/g, '\\$1');
}

/** A fenced code block that log text cannot close: the fence is longer than any backtick run inside. */
export function fenced(text: string, info = ''): string {
  const longest = maxOf([...text.matchAll(/`+/g)].map((m) => m[0].length), 2);
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${inert(text, true)}\n${fence}`;
}

const ICON = { error: '🔴', warning: '🟠', info: '🔵' } as const;

function seconds(e: TimelineEvent, boot: Boot): string {
  const us = sinceBootUs(e, boot);
  return us === null ? '?' : `${(us / 1e6).toFixed(3)}s`;
}

function verdict(boot: Boot): string {
  if (isOk(boot)) return '✅ No boot-order problems found.';
  if (boot.findings.length === 0) return `⚠️ **${escapeMarkdown(reasonsText(boot.verdictReasons ?? []))}**`;
  const notes = verdictNotes(boot, worstFinding(boot)?.summary).map((n) => `\n\n⚠️ ${escapeMarkdown(n)}`).join('');
  return headline(boot) + notes;
}

function failedUnitsSection(boot: Boot): string[] {
  const units = boot.failedUnits ?? [];
  if (units.length === 0) return [];
  const out = [`### Failed units (${units.length + (boot.failedUnitsOmitted ?? 0)})`, '', '| unit | how | cause | lines |', '|---|---|---|---|'];
  for (const f of units) {
    out.push(`| ${escapeMarkdown(failedUnitName(f))} | ${escapeMarkdown(failedUnitHow(f))} | ${escapeMarkdown(failedUnitCause(f))} | ${f.evidence.map((s) => s.line).join(', ')} |`);
  }
  if (boot.failedUnitsOmitted) out.push('', `… and ${boot.failedUnitsOmitted} more`);
  out.push('');
  return out;
}

function headline(boot: Boot): string {
  const counts = (['error', 'warning', 'info'] as const)
    .map((s) => [s, boot.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`);
  const worst = boot.findings.find((f) => f.severity === 'error') ?? boot.findings[0]!;
  return `${worst.severity === 'error' ? '❌' : '⚠️'} **${counts.join(', ')}**: ${escapeMarkdown(worst.summary)}`;
}

function evidenceBlock(f: Finding, boot: Boot): string {
  const byLine = eventsByLine(boot.events);
  const lines = f.evidence.map((s) => {
    const e = byLine.get(`${s.path}\0${s.line}`);
    return `${s.path}:${s.line}${e ? `  ${e.identifier ?? '?'}: ${e.message}` : ''}`;
  });
  return `<details><summary>Evidence (${f.evidence.length} lines)</summary>\n\n${fenced(lines.join('\n'), 'text')}\n\n</details>`;
}

function bootSection(boot: Boot, total: number): string {
  const title = [`Boot ${boot.index + 1} of ${total}`, boot.bootId ? escapeMarkdown(boot.bootId) : undefined, boot.hostname ? escapeMarkdown(boot.hostname) : undefined]
    .filter((x) => x !== undefined).join(' · ');
  const out = [`## ${title}`, '', verdict(boot), ''];
  if (boot.findings.length > 0) {
    out.push('| | rule | summary |', '|---|---|---|');
    for (const f of boot.findings) out.push(`| ${ICON[f.severity]} ${f.severity} | \`${f.rule}\` | ${escapeMarkdown(f.summary)} |`);
    out.push('');
    for (const f of boot.findings) {
      out.push(`### ${ICON[f.severity]} \`${f.rule}\``, '', escapeMarkdown(f.summary), '', evidenceBlock(f, boot), '', '**Remediation**', '', fenced(f.remediation, 'text'), '');
    }
  }
  pushAll(out, failedUnitsSection(boot));
  const key = boot.events.filter(isKeyEvent);
  if (key.length > 0) {
    out.push('<details><summary>Key events</summary>', '', '| since boot | event | detail | line |', '|---:|---|---|---:|');
    for (const e of key) {
      const run = runText(e, boot);
      out.push(`| ${seconds(e, boot)} | ${e.kind} | ${escapeMarkdown(describeEvent(e))}${run ? ` (${run})` : ''} | ${e.source.line}${e.run ? `–${e.run.lastSource.line}` : ''} |`);
    }
    out.push('', '</details>', '');
  }
  const omitted = omittedText(boot.eventsOmitted);
  if (omitted) {
    out.push(`_${escapeMarkdown(omitted)}; \`bootlens analyze --all-events\` writes them all._`, '');
  }
  return out.join('\n');
}

/** The report for a ticket or a pull request: verdict, findings table, evidence folded, fixes fenced. */
export function renderMarkdown(report: Report): string {
  const inputs = report.inputs.map((i) => `\`${escapeMarkdown(i.path)}\` (${i.format ?? 'no entries'}, ${i.entries} entries, ${i.skipped} skipped)`);
  const out = ['# bootlens report', '', `Inputs: ${inputs.join(', ')}`, ''];
  // Support bundles (issue 18): what each gave, in a line; `bootlens analyze --list` has every file.
  for (const b of report.bundles ?? []) {
    const used = b.files.filter((f) => f.use !== 'ignored').length;
    out.push(`Bundle \`${escapeMarkdown(b.path)}\` (${b.container}, ${b.layout ?? 'read by content'}): ${used} of ${b.files.length} files used`, '');
  }
  if (report.boots.length === 0) out.push('No boots found in the input.', '');
  for (const boot of [...report.boots].reverse()) out.push(bootSection(boot, report.boots.length));
  return `${out.join('\n').trimEnd()}\n`;
}
