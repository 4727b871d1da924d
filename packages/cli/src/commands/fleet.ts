import type Table from 'cli-table3';
import { createRequire } from 'node:module';
import { inert, Report } from '@bootlens/core';
import type { Command } from '../command.js';
import { displayNames, jobsFrom, journalsFrom, trimLines } from '../journals.js';
import { PLAIN_TABLE, renderNodes, summarizeNodes } from '../nodes.js';
import { analyzeOptionsFrom, FAIL_ON, INPUT_OPTIONS, INPUT_USAGE, oneOf } from '../options.js';
import { analyzeEach } from '../pool/pool.js';
import { strictResults } from '../pool/strict.js';

// cli-table3 (CommonJS) is loaded when a table is first drawn, not at start-up: `analyze --format
// json` never draws one (issue 9, round 3).
const requireHere = createRequire(import.meta.url);
const newTable = (options: Table.TableConstructorOptions): Table.Table => new (requireHere('cli-table3') as typeof Table)(options);

export const fleetCommand: Command = {
  name: 'fleet',
  summary: 'analyze many journals (directories of nodes) on all cores: a summary per node',
  usage: `Usage: bootlens fleet [options] [dir|journal…]

Analyzes each journal on its own (one report per file), on a pool of worker threads, and prints
one line per journal and a summary per node (host, boots, findings by severity, verdict).
Directories are searched for journals as \`bootlens check\` does (default: the current directory).

Options:
  -f, --format text|json       output format (default: text); json: { journals: [{ path, report }], nodes }
      --fail-on error|warning|info|none
                               a node fails (and the exit code is 1) on a finding at or above this (default: error)
      --jobs N                 worker threads (default: the number of cores; 0 or 1: none)
${INPUT_USAGE}

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 bad usage or an unreadable journal.
`,
  options: {
    ...INPUT_OPTIONS,
    format: { type: 'string', short: 'f' },
    'fail-on': { type: 'string' },
    jobs: { type: 'string' },
  },
  async run(values, positionals, io) {
    const format = oneOf('format', values['format'], ['text', 'json'] as const, 'text');
    const failOn = oneOf('fail-on', values['fail-on'], FAIL_ON, 'error');
    const jobs = jobsFrom(values['jobs']);
    const journals = journalsFrom(positionals);
    const results = strictResults(values, await analyzeEach(journals, { ...(jobs !== undefined ? { jobs } : {}), analyze: analyzeOptionsFrom(values) }));
    const nodes = summarizeNodes(results.map((r) => ({ report: r.ok ? r.report : null })), failOn);
    const unreadable = results.filter((r) => !r.ok);
    if (format === 'json') {
      const journalsOut = results.map((r) => (r.ok ? { path: r.path, report: Report.parse(r.report) } : { path: r.path, error: r.message }));
      io.stdout.write(`${JSON.stringify({ schemaVersion: 1, journals: journalsOut, nodes }, null, 2)}\n`);
    } else {
      const table = newTable({ head: ['journal', 'host', 'boots', 'E', 'W', 'I'], colWidths: [36, 18, 6, 4, 4, 4], wordWrap: true, wrapOnWordBoundary: false, ...PLAIN_TABLE });
      const names = displayNames(positionals, journals);
      for (const r of results) {
        if (!r.ok) {
          table.push([inert(names.name(r.path)), 'unreadable', '', '', '', '']);
          continue;
        }
        const count = (s: string) => r.report.boots.reduce((n, b) => n + b.findings.filter((f) => f.severity === s).length, 0);
        const host = r.report.boots.find((b) => b.hostname !== null)?.hostname ?? '';
        table.push([inert(names.name(r.path)), inert(host), r.report.boots.length, count('error'), count('warning'), count('info')]);
      }
      io.stdout.write(`analyzed ${results.length} journal${results.length === 1 ? '' : 's'}${names.base ? ` in ${inert(names.base)}` : ''} from ${nodes.length} node${nodes.length === 1 ? '' : 's'}\n\n${trimLines(table.toString())}\n\n${renderNodes(nodes)}`);
    }
    for (const r of unreadable) if (!r.ok) io.stderr.write(`bootlens: ${r.message}\n`);
    if (unreadable.length > 0) return 2;
    return nodes.some((n) => n.verdict === 'fail') ? 1 : 0;
  },
};
