import { analyze, type AnalyzeOptions, type Report, type TimelineEvent } from '@bootlens/core';

/** Analyzes inline text as if it were a file called `path`. */
export function analyzeText(text: string, path = 'inline.log', options: AnalyzeOptions = {}): Promise<Report> {
  return analyze([{ path, content: text }], options);
}

/** Every event of every boot, for tests that look for one kind. */
export function eventsOf(report: Report): TimelineEvent[] {
  return report.boots.flatMap((b) => b.events);
}

/** One short-iso-precise line, as journalctl prints it, for inline unit tests. */
export function isoLine(seconds: number, identifier: string, message: string, host = 'node-0'): string {
  const base = Date.UTC(2024, 10, 20, 9, 27, 0);
  const whole = Math.floor(seconds);
  const micros = Math.round((seconds - whole) * 1e6);
  const stamp = new Date(base + whole * 1000).toISOString().slice(0, 19);
  return `${stamp}.${String(micros).padStart(6, '0')}+0000 ${host} ${identifier}: ${message}`;
}
