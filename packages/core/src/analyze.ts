import type { Diagnostic } from './model/diagnostic.js';
import type { Boot, Report } from './model/report.js';
import { SCHEMA_VERSION } from './model/report.js';
import type { InputSource } from './parse/input.js';
import { readInputs, type InputOptions } from './read-inputs.js';
import { wordFinding } from './report/findings.js';
import { RULES, type Rule } from './rules/index.js';
import { TimelineBuilder } from './timeline/builder.js';
import { selectBoot, type BootSelector } from './timeline/pastes.js';
import { certificateEvidence } from './certs/evidence.js';
import { addressStories, interfaceStories } from './timeline/addresses.js';

export interface AnalyzeOptions extends InputOptions {
  /** The rules to run (default: all). */
  rules?: readonly Rule[];
  /**
   * The boot to report, journalctl -b style: 0 the last, -1 the one before, N the Nth from the
   * oldest, or a boot id (or its start); `'all'` (the default) reports every boot. Pasted
   * systemd-analyze output joins this boot (default: the last).
   */
  boot?: BootSelector | 'all';
  /** Certificates to audit: PEM files, directories of them (e.g. /var/lib/k0s/pki), or PEM text. */
  certificates?: readonly string[];
  /** Addresses or names the node must be reachable at (the CLI's --expect-address). */
  expectAddresses?: readonly string[];
  /** A k0s configuration (path or YAML text) whose spec.api address and SANs are expected (the CLI's --config). */
  config?: string;
}

/**
 * Reads journals and explains their boots. `inputs` are paths (`-` is not special here: pass
 * `{ path: '-', content: process.stdin }`), or sources with their content. Throws `InputError`
 * for input that cannot be read at all; anything less is a diagnostic in the report.
 */
export async function analyze(inputs: ReadonlyArray<string | InputSource>, options: AnalyzeOptions = {}): Promise<Report> {
  const builder = new TimelineBuilder();
  const report: Report = { schemaVersion: SCHEMA_VERSION, inputs: [], diagnostics: [], boots: [] };
  await readInputs(inputs, (i) => builder.sinkFor(i), options, report);
  const rules = options.rules ?? RULES;
  const boots = chosenBoots(builder, options.boot, report.diagnostics);
  // --- Certificate evidence (issue 6): read --cert files and expected addresses, give each boot its SAN audits (rules read them). ---
  const certEvidence = certificateEvidence(boots, options);
  if (certEvidence.certificates) report.certificates = certEvidence.certificates;
  if (certEvidence.expectedNames) report.expectedNames = certEvidence.expectedNames;
  for (const p of certEvidence.problems) report.diagnostics.push({ path: p.path, line: 0, code: 'certificate-unreadable', message: p.message });
  // --- end of certificate evidence ---
  report.boots = boots.map((boot) => ({
    ...boot,
    findings: rules.flatMap((rule) => rule.check(boot).map((hit) => wordFinding(rule.id, hit))),
    addresses: addressStories(boot),
    interfaces: interfaceStories(boot),
  }));
  return report;
}

/** The boots `boot` selects (all when absent or `'all'`); a boot not found is a diagnostic and no boot. */
export function chosenBoots(builder: TimelineBuilder, boot: BootSelector | 'all' | undefined, diagnostics: Diagnostic[]): Boot[] {
  const selector = boot === 'all' ? undefined : boot;
  const boots = builder.boots(selector);
  if (selector === undefined) return boots;
  // Boot selection (issue 3): report the one boot asked for; its index stays its place among all.
  const chosen = selectBoot(boots, selector);
  if (!chosen) {
    diagnostics.push({
      path: '', line: 0, code: 'boot-not-found',
      message: `no boot '${selector}' in the inputs (${boots.length} boot${boots.length === 1 ? '' : 's'}: ${boots.map((b, i) => b.bootId ?? String(i + 1)).join(', ')})`,
    });
  }
  return chosen ? [chosen] : [];
}
