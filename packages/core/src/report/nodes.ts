import type { Report } from '../model/report.js';

export const UNKNOWN_NODE = '(unknown host)';

/**
 * A report split into one per node (host name of its boots), in order of first boot: the boots of
 * each node, the inputs that gave them events (all inputs when none did), and the diagnostics of
 * those inputs and of no input. Several nodes' evidence in one bundle is reported node by node,
 * as `fleet` does (issue 18). A report of one node is returned as it is.
 */
export function reportsByNode(report: Report): Array<{ host: string; report: Report }> {
  const hosts: string[] = [];
  for (const b of report.boots) {
    const host = b.hostname ?? UNKNOWN_NODE;
    if (!hosts.includes(host)) hosts.push(host);
  }
  if (hosts.length <= 1) return [{ host: hosts[0] ?? UNKNOWN_NODE, report }];
  return hosts.map((host) => {
    // Numbered within the node (Boot 1 of 2), as a report of that node alone would number them.
    const boots = report.boots.filter((b) => (b.hostname ?? UNKNOWN_NODE) === host).map((b, index) => ({ ...b, index }));
    const paths = new Set(boots.flatMap((b) => b.events.map((e) => e.source.path)));
    const inputs = report.inputs.filter((i) => paths.has(i.path));
    const mine = new Set((inputs.length > 0 ? inputs : report.inputs).map((i) => i.path));
    const diagnostics = report.diagnostics.filter((d) => mine.has(d.path) || !report.inputs.some((i) => i.path === d.path));
    return { host, report: { ...report, boots, inputs: inputs.length > 0 ? inputs : report.inputs, diagnostics } };
  });
}
