import { writeFileSync } from 'node:fs';
import { analyze, inert, listBundle, reportsByNode, renderHtml, renderManifests, renderMarkdown, renderText, Report, type BundleManifest, type Diagnostic } from '@bootlens/core';
import { UsageError, type Command, type Io } from '../command.js';
import { progressReporter } from '../progress.js';
import { AllEventsWriter } from '../all-events.js';
import { getExitCode } from '../exit-code.js';
import { renderNodes, summarizeNodes } from '../nodes.js';
import { analyzeOptionsFrom, checkStrict, FAIL_ON, INPUT_OPTIONS, INPUT_USAGE, oneOf, sourcesFrom, useColor } from '../options.js';

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'explain the boots in journals: timeline, findings, evidence and fixes',
  usage: `Usage: bootlens analyze [options] <journal…|bundle…|->

Reads journalctl output, syslog, dmesg, console captures and component logs (detected by content; gzip too) and explains boot-order races.
Inputs of one node (a journal, syslog, k3s.log, …) are joined into that node's boots by wall-clock time;
inputs of different hosts stay apart. A directory or archive (.tar, .tar.gz, .tar.xz, .tar.bz2, .zip: a
sosreport, supportconfig, log collector, or files copied from a node) is read as a support bundle: every
file identified by content, its certificates audited and its k0s/k3s/kubeadm configuration expected.

Options:
  -f, --format text|json|markdown|html
                               output format (default: text)
  -o, --output FILE            write the report to FILE instead of standard output
      --all-events FILE        also write every event recognized, each occurrence, as JSON Lines
                               to FILE while reading (the report keeps 500 events per boot, repeats
                               folded, and counts what it leaves out)
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
 -l, --list                   list what each file of a bundle was used as (or why it was ignored), no analysis
      --node NAME              the node inputs without host names are from (k3s.log, kubectl logs):
                               they join NAME's boots by wall-clock time
      --color auto|always|never  colour (default: auto: only on a terminal, never with NO_COLOR)

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 bad usage or unreadable input.
`,
  options: {
    ...INPUT_OPTIONS,
    boot: { type: 'string', short: 'b' },
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    'all-events': { type: 'string' },
    'fail-on': { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
    color: { type: 'string' },
    cert: { type: 'string', multiple: true },
    'expect-address': { type: 'string', multiple: true },
    config: { type: 'string' },
    node: { type: 'string' },
    list: { type: 'boolean', short: 'l' },
  },
  async run(values, positionals, io) {
    if (values['list'] === true) return list(positionals, io);
    const format = oneOf('format', values['format'], ['text', 'json', 'markdown', 'html'] as const, 'text');
    const failOn = oneOf('fail-on', values['fail-on'], FAIL_ON, 'error');
    const color = useColor(values, io);
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    const progress = progressReporter(io, positionals);
    const allEvents = typeof values['all-events'] === 'string' ? new AllEventsWriter(values['all-events']) : null;
    const report = await analyze(sourcesFrom(positionals, io), {
      ...analyzeOptionsFrom(values),
      // Certificate evidence (issue 6).
      certificates: strings(values['cert']),
      expectAddresses: strings(values['expect-address']),
      ...(typeof values['config'] === 'string' ? { config: values['config'] } : {}),
      ...(typeof values['node'] === 'string' ? { node: values['node'] } : {}),
      ...(progress ? { onProgress: progress.onProgress } : {}),
      ...(allEvents ? { onEvent: allEvents.onEvent } : {}),
    }).finally(() => {
      progress?.done();
      allEvents?.close();
    });
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
      const textOptions = { color: typeof values['output'] === 'string' ? false : color, verbose: values['verbose'] === true };
      rendered = renderByNode(report, (r) => renderText(r, textOptions));
    }
    if (typeof values['output'] === 'string') writeFileSync(values['output'], rendered);
    else io.stdout.write(rendered);
    return getExitCode(report, failOn);
  },
};

/** `--list`: the manifest of each bundle named, nothing analyzed. */
async function list(positionals: readonly string[], io: Io): Promise<number> {
  if (positionals.length === 0) throw new UsageError('--list needs a directory or archive');
  const manifests: BundleManifest[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of positionals) {
    const listed = await listBundle(path);
    if (listed === null) throw new UsageError(`--list reads a directory or archive (.tar, .tar.gz, .tar.xz, .tar.bz2, .zip), not '${path}'`);
    manifests.push(listed.manifest);
    for (const d of listed.diagnostics) diagnostics.push(d);
  }
  io.stdout.write(renderManifests(manifests, diagnostics));
  return 0;
}

/**
 * Text for a report of several nodes (a bundle of a cluster, issue 18): one report per node under
 * its name, then the per-node table `fleet` prints. One node: its report alone.
 */
function renderByNode(report: Report, render: (r: Report) => string): string {
  const nodes = reportsByNode(report);
  if (nodes.length === 1) return render(report);
  const parts = nodes.map((n) => `== node ${inert(n.host)} ==\n\n${render(n.report)}`);
  parts.push(renderNodes(summarizeNodes(nodes.map((n) => ({ report: n.report })))));
  return parts.join('\n');
}
