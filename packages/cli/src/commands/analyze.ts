import { analyze, renderText, Report } from '@bootlens/core';
import type { Command } from '../command.js';
import { getExitCode } from '../exit-code.js';
import { analyzeOptionsFrom, FAIL_ON, INPUT_OPTIONS, INPUT_USAGE, oneOf, sourcesFrom, useColor } from '../options.js';

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'explain the boots in journals: timeline, findings, evidence and fixes',
  usage: `Usage: bootlens analyze [options] <journal…|->

Reads journalctl output (detected by content; gzip too) and explains boot-order races.

Options:
  -f, --format text|json       output format (default: text)
      --fail-on error|warning|info|none
                               exit 1 when a finding is at or above this severity (default: error)
${INPUT_USAGE}
  -v, --verbose                every event in the table, not only the key ones
      --color auto|always|never  colour (default: auto: only on a terminal, never with NO_COLOR)

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 bad usage or unreadable input.
`,
  options: {
    ...INPUT_OPTIONS,
    format: { type: 'string', short: 'f' },
    'fail-on': { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
    color: { type: 'string' },
  },
  async run(values, positionals, io) {
    const format = oneOf('format', values['format'], ['text', 'json'] as const, 'text');
    const failOn = oneOf('fail-on', values['fail-on'], FAIL_ON, 'error');
    const color = useColor(values, io);
    const report = await analyze(sourcesFrom(positionals, io), analyzeOptionsFrom(values));
    if (format === 'json') {
      // The contract other tools parse: validate before anything leaves the process.
      io.stdout.write(`${JSON.stringify(Report.parse(report), null, 2)}\n`);
    } else {
      io.stdout.write(renderText(report, { color, verbose: values['verbose'] === true }));
    }
    return getExitCode(report, failOn);
  },
};
