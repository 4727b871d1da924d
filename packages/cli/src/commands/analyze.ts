import { writeFileSync } from 'node:fs';
import { analyze, renderHtml, renderMarkdown, renderText, Report } from '@bootlens/core';
import type { Command } from '../command.js';
import { progressReporter } from '../progress.js';
import { getExitCode } from '../exit-code.js';
import { analyzeOptionsFrom, checkStrict, FAIL_ON, INPUT_OPTIONS, INPUT_USAGE, oneOf, sourcesFrom, useColor } from '../options.js';

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'explain the boots in journals: timeline, findings, evidence and fixes',
  usage: `Usage: bootlens analyze [options] <journal…|->

Reads journalctl output, syslog, dmesg, console captures and component logs (detected by content;
gzip too) and explains boot-order races.

Options:
  -f, --format text|json|markdown|html
                               output format (default: text)
  -o, --output FILE            write the report to FILE instead of standard output
      --fail-on error|warning|info|none
                               exit 1 when a finding is at or above this severity (default: error)
${INPUT_USAGE}
  -b, --boot ID|N|all          the boot to report: a boot id, 0 the last, -1 the one before, N the Nth
                               from the oldest, or all (default)
  -v, --verbose                every event in the table, not only the key ones
      --cert FILE|DIR          a PEM certificate to audit (repeatable; a directory such as
                               /var/lib/k0s/pki is read recursively for *.crt and *.pem)
      --expect-address ADDR    an address or name the node must be reachable at (repeatable)
      --config k0s.yaml        expect k0s's spec.api.address, spec.api.sans and externalAddress
      --color auto|always|never  colour (default: auto: only on a terminal, never with NO_COLOR)

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 bad usage or unreadable input.
`,
  options: {
    ...INPUT_OPTIONS,
    boot: { type: 'string', short: 'b' },
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    'fail-on': { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
    color: { type: 'string' },
    cert: { type: 'string', multiple: true },
    'expect-address': { type: 'string', multiple: true },
    config: { type: 'string' },
  },
  async run(values, positionals, io) {
    const format = oneOf('format', values['format'], ['text', 'json', 'markdown', 'html'] as const, 'text');
    const failOn = oneOf('fail-on', values['fail-on'], FAIL_ON, 'error');
    const color = useColor(values, io);
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    const progress = progressReporter(io, positionals);
    const report = await analyze(sourcesFrom(positionals, io), {
      ...analyzeOptionsFrom(values),
      // Certificate evidence (issue 6).
      certificates: strings(values['cert']),
      expectAddresses: strings(values['expect-address']),
      ...(typeof values['config'] === 'string' ? { config: values['config'] } : {}),
      ...(progress ? { onProgress: progress.onProgress } : {}),
    }).finally(() => progress?.done());
    checkStrict(values, report);
    let rendered: string;
    if (format === 'json') {
      // The contract other tools parse: validate before anything leaves the process.
      rendered = `${JSON.stringify(Report.parse(report), null, 2)}\n`;
    } else if (format === 'markdown') {
      rendered = renderMarkdown(report);
    } else if (format === 'html') {
      rendered = renderHtml(report);
    } else {
      rendered = renderText(report, { color: typeof values['output'] === 'string' ? false : color, verbose: values['verbose'] === true });
    }
    if (typeof values['output'] === 'string') writeFileSync(values['output'], rendered);
    else io.stdout.write(rendered);
    return getExitCode(report, failOn);
  },
};
