import type { Boot, Report } from './model/report.js';
import type { Finding } from './model/finding.js';
import { SCHEMA_VERSION } from './model/report.js';
import type { InputFormat } from './model/report.js';
import { DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_LINE_BYTES, readInput, type InputSource } from './parse/input.js';
import { journalFilesOf, readJournalFiles } from './parse/journal-file/index.js';
import { wordFinding } from './report/findings.js';
import { RULES, type Rule } from './rules/index.js';
import { TimelineBuilder } from './timeline/builder.js';
import { selectBoot, type BootSelector } from './timeline/pastes.js';
import { certificateEvidence } from './certs/evidence.js';
import { addressStories, interfaceStories } from './timeline/addresses.js';
import { pushAll } from './util/bounded.js';

export interface AnalyzeOptions {
  /** Read every input as this format instead of sniffing it. */
  inputFormat?: InputFormat;
  /** Lines longer than this are skipped with a diagnostic (default 1 MiB). */
  maxLineBytes?: number;
  /** An input larger than this many bytes (after gunzip) stops with InputError `too-large` (default 4 GiB). */
  maxInputBytes?: number;
  /** The rules to run (default: all). */
  rules?: readonly Rule[];
  /**
   * The boot to report, journalctl -b style: 0 the last, -1 the one before, N the Nth from the
   * oldest, or a boot id (or its start); `'all'` (the default) reports every boot. Pasted
   * systemd-analyze output joins this boot (default: the last).
   */
  boot?: BootSelector | 'all';
  /** Year of the first entry of year-less modes (short, short-precise); default: inferred, with a diagnostic. */
  year?: number;
  /** IANA zone (`Europe/Berlin`) of stamps printed without a usable zone; default: this machine's, with a diagnostic. */
  timeZone?: string;
  /** Certificates to audit: PEM files, directories of them (e.g. /var/lib/k0s/pki), or PEM text. */
  certificates?: readonly string[];
  /** Addresses or names the node must be reachable at (the CLI's --expect-address). */
  expectAddresses?: readonly string[];
  /** A k0s configuration (path or YAML text) whose spec.api address and SANs are expected (the CLI's --config). */
  config?: string;
  /** Called as each input is read: its path and the bytes read so far (for a progress indicator). */
  onProgress?: (progress: { path: string; bytesRead: number }) => void;
}

/**
 * Reads journals and explains their boots. `inputs` are paths (`-` is not special here: pass
 * `{ path: '-', content: process.stdin }`), or sources with their content. Throws `InputError`
 * for input that cannot be read at all; anything less is a diagnostic in the report.
 */
export async function analyze(inputs: ReadonlyArray<string | InputSource>, options: AnalyzeOptions = {}): Promise<Report> {
  const builder = new TimelineBuilder();
  const report: Report = { schemaVersion: SCHEMA_VERSION, inputs: [], diagnostics: [], boots: [] };
  // Binary journal files and directories of them (issue 17) are read together, merged into
  // journalctl's order, where the first of them stands among the inputs.
  const journalFiles = new Map<number, string[]>();
  for (const [i, input] of inputs.entries()) {
    const path = typeof input === 'string' ? input : input.content === undefined ? input.path : null;
    const files = path !== null && options.inputFormat === undefined ? journalFilesOf(path) : null;
    if (files) journalFiles.set(i, files);
  }
  for (const [i, input] of inputs.entries()) {
    const source = typeof input === 'string' ? { path: input } : input;
    if (journalFiles.has(i)) {
      if (i !== journalFiles.keys().next().value) continue;
      const results = await readJournalFiles([...journalFiles.values()].flat(), builder.sinkFor(i), {
        maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
        maxInputBytes: options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES,
        maxDiagnostics: 1000,
        ...(options.onProgress ? { onProgress: (path: string, bytesRead: number) => options.onProgress!({ path, bytesRead }) } : {}),
      });
      for (const result of results) {
        report.inputs.push(result.summary);
        pushAll(report.diagnostics, result.diagnostics);
      }
      continue;
    }
    const result = await readInput(source, builder.sinkFor(i), {
      ...(options.inputFormat ? { format: options.inputFormat } : {}),
      ...(options.maxLineBytes ? { maxLineBytes: options.maxLineBytes } : {}),
      ...(options.maxInputBytes ? { maxInputBytes: options.maxInputBytes } : {}),
      ...(options.year !== undefined ? { year: options.year } : {}),
      ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
      ...(options.onProgress ? { onProgress: (bytesRead: number) => options.onProgress!({ path: source.path, bytesRead }) } : {}),
    });
    report.inputs.push(result.summary);
    pushAll(report.diagnostics, result.diagnostics);
  }
  const rules = options.rules ?? RULES;
  const selector = options.boot === 'all' ? undefined : options.boot;
  let boots = builder.boots(selector);
  if (selector !== undefined) {
    // Boot selection (issue 3): report the one boot asked for; its index stays its place among all.
    const chosen = selectBoot(boots, selector);
    if (!chosen) {
      report.diagnostics.push({
        path: '', line: 0, code: 'boot-not-found',
        message: `no boot '${selector}' in the inputs (${boots.length} boot${boots.length === 1 ? '' : 's'}: ${boots.map((b, i) => b.bootId ?? String(i + 1)).join(', ')})`,
      });
    }
    boots = chosen ? [chosen] : [];
  }
  // --- Certificate evidence (issue 6): read --cert files and expected addresses, give each boot its SAN audits (rules read them). ---
  const certEvidence = certificateEvidence(boots, options);
  if (certEvidence.certificates) report.certificates = certEvidence.certificates;
  if (certEvidence.expectedNames) report.expectedNames = certEvidence.expectedNames;
  for (const p of certEvidence.problems) report.diagnostics.push({ path: p.path, line: 0, code: 'certificate-unreadable', message: p.message });
  // --- end of certificate evidence ---
  report.boots = boots.map((boot) => ({
    ...boot,
    findings: rules.flatMap((rule) => rule.check(boot).map((hit) => withBasis(wordFinding(rule.id, hit), boot))),
    addresses: addressStories(boot),
    interfaces: interfaceStories(boot),
  }));
  return report;
}

/** A finding on a boot without any time rests on the order of its lines: it says so (issue 14). */
function withBasis(finding: Finding, boot: Boot): Finding {
  return boot.timeBasis === 'input-order' ? { ...finding, basis: 'order' } : finding;
}
