import type Table from 'cli-table3';
import { createRequire } from 'node:module';
import { RULES } from '@bootlens/core';
import { UsageError, type Command } from '../command.js';
import { oneOf } from '../options.js';

// cli-table3 (CommonJS) is loaded when a table is first drawn, not at start-up: `analyze --format
// json` never draws one (issue 9, round 3).
const requireHere = createRequire(import.meta.url);
const newTable = (options: Table.TableConstructorOptions): Table.Table => new (requireHere('cli-table3') as typeof Table)(options);

/** Where a rule's page lives, relative to the repository (and the published package's docs). */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'list every rule with its severity, what it detects and its documentation',
  usage: `Usage: bootlens rules [--format text|json]

Lists every diagnosis rule: id, severity, what it detects, and its page under docs/rules/.
`,
  options: { format: { type: 'string', short: 'f' } },
  async run(values, positionals, io) {
    const format = oneOf('format', values['format'], ['text', 'json'] as const, 'text');
    if (positionals.length > 0) throw new UsageError('rules takes no arguments');
    const rows = RULES.map((r) => ({ id: r.id, severity: r.severity, description: r.description, docs: ruleDocPath(r.id) }));
    if (format === 'json') {
      io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    const table = newTable({ head: ['rule', 'severity', 'detects'], colWidths: [31, 10, 37], wordWrap: true, style: { head: [], border: [] } });
    for (const r of rows) table.push([r.id, r.severity, r.description]);
    io.stdout.write(`${table.toString()}\nEach rule is documented in ${ruleDocPath('<rule>')}.\n`);
    return 0;
  },
};
