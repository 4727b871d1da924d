import type Table from 'cli-table3';
import { createRequire } from 'node:module';
import { findingKey, inert, severityAtLeast, type Report, type Severity } from '@bootlens/core/internal';
import type { FailOn } from './exit-code.js';

// cli-table3 (CommonJS) is loaded when a table is first drawn, not at start-up: `analyze --format
// json` never draws one (issue 9, round 3).
const requireHere = createRequire(import.meta.url);
const newTable = (options: Table.TableConstructorOptions): Table.Table => new (requireHere('cli-table3') as typeof Table)(options);

/** One node (host) of a set of journals: what its journals say, counted once per boot. */
export interface NodeSummary {
  host: string;
  journals: number;
  /** Distinct boots (by boot id; a boot without one counts once per journal). */
  boots: number;
  /** Distinct findings (by boot, rule and what they are about), by severity. */
  findings: Record<Severity, number>;
  verdict: 'pass' | 'fail';
}

export interface NodeInput {
  report: Report | null;
  /** For `check`: whether the journal's expectations held; for `fleet`: computed from --fail-on. */
  passed?: boolean;
}

const UNKNOWN_HOST = '(unknown host)';

/** Groups journals by host name (a journal's first named boot), in order of first appearance. */
export function summarizeNodes(inputs: readonly NodeInput[], failOn: FailOn = 'error'): NodeSummary[] {
  const nodes = new Map<string, { journals: number; boots: Set<string>; findings: Map<string, Severity>; failed: boolean }>();
  inputs.forEach((input, i) => {
    const report = input.report;
    const host = report?.boots.find((b) => b.hostname !== null)?.hostname ?? UNKNOWN_HOST;
    let node = nodes.get(host);
    if (!node) nodes.set(host, (node = { journals: 0, boots: new Set(), findings: new Map(), failed: false }));
    node.journals++;
    for (const boot of report?.boots ?? []) {
      // The same boot in several journals counts once: by boot id, else by its first wall-clock time.
      const id = boot.bootId ?? (boot.firstRealtime !== null ? `${host}@${boot.firstRealtime}` : `journal ${i} boot ${boot.index}`);
      node.boots.add(id);
      for (const f of boot.findings) node.findings.set(`${id}\0${findingKey(f)}\0${f.severity}`, f.severity);
    }
    const passed = input.passed ?? (report !== null && (failOn === 'none' || !report.boots.some((b) => b.findings.some((f) => severityAtLeast(f.severity, failOn)))));
    if (!passed) node.failed = true;
  });
  return [...nodes].map(([host, n]) => {
    const findings: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const s of n.findings.values()) findings[s]++;
    return { host, journals: n.journals, boots: n.boots.size, findings, verdict: n.failed ? 'fail' : 'pass' };
  });
}

/** Borderless cli-table3 settings, as the analyze report's event table uses. */
export const PLAIN_TABLE: Pick<Table.TableConstructorOptions, 'style' | 'chars'> = {
  style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 0 },
  chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: ' ' },
};

/** The per-node table (fits 80 columns). */
export function renderNodes(nodes: readonly NodeSummary[]): string {
  const table = newTable({
    head: ['host', 'journals', 'boots', 'error', 'warning', 'info', 'verdict'],
    colWidths: [24, 9, 6, 6, 8, 5, 8],
    wordWrap: true,
    wrapOnWordBoundary: false,
    ...PLAIN_TABLE,
  });
  for (const n of nodes) table.push([inert(n.host), n.journals, n.boots, n.findings.error, n.findings.warning, n.findings.info, n.verdict.toUpperCase()]);
  return `${table.toString().replace(/[ \t]+$/gm, '')}\n`;
}
