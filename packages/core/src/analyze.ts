import type { Diagnostic } from './model/diagnostic.js';
import type { Boot, Report } from './model/report.js';
import type { TimelineEvent } from './model/event.js';
import type { Finding } from './model/finding.js';
import { SCHEMA_VERSION } from './model/report.js';
import type { InputSource } from './parse/input.js';
import { readInputs, type InputOptions } from './read-inputs.js';
import { wordFinding } from './report/findings.js';
import { RULES, type Rule } from './rules/index.js';
import { TimelineBuilder } from './timeline/builder.js';
import { selectBoot, type BootSelector } from './timeline/pastes.js';
import { certificateEvidence, type CertificateOptions } from './certs/evidence.js';
import { addressStories, interfaceStories } from './timeline/addresses.js';
import { failedUnitsOf } from './timeline/failed-units.js';
import { verdictOf } from './timeline/verdict.js';
import { capBoots, DEFAULT_MAX_REPORT_EVENTS, DEFAULT_MAX_REPORT_EVENTS_TOTAL } from './report/cap.js';
import { pushAll } from './util/bounded.js';
import { openBundles } from './bundle/inputs.js';
import type { BundleLimits } from './bundle/archive.js';

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
  /**
   * Events the report keeps per boot (default 500; 2000 over all boots, the newest boot first):
   * every event a finding cites, then key events, then the rest in timeline order; what is left
   * out is counted in `boot.eventsOmitted`.
   * `Infinity` keeps every event the timeline holds.
   */
  maxEventsPerBoot?: number;
  /**
   * Called with every event as the journals are read, each occurrence on its own (repeats not yet
   * folded, no cap): what `analyze --all-events` streams to a file. `boot` names the event's boot
   * (`id:<boot id>`, else `input<N>:<segment>`).
   */
  onEvent?: (event: TimelineEvent, boot: string) => void;
  /** Limits of reading a support bundle (bundle/archive.ts; defaults DEFAULT_BUNDLE_LIMITS). */
  bundleLimits?: Partial<BundleLimits>;
  /** Certificates and configurations found in support bundles (set by analyze itself; see CertificateOptions). */
  certificateFiles?: NonNullable<CertificateOptions['certificateFiles']>;
  configFiles?: NonNullable<CertificateOptions['configFiles']>;
}

/** Stories a report lists per boot; the rest are counted (issue 16). */
const MAX_STORIES = 1000;

function storiesOf(boot: Boot): Pick<Boot, 'addresses' | 'interfaces' | 'addressesOmitted' | 'interfacesOmitted'> {
  const addresses = addressStories(boot);
  const interfaces = interfaceStories(boot);
  return {
    addresses: addresses.slice(0, MAX_STORIES),
    interfaces: interfaces.slice(0, MAX_STORIES),
    ...(addresses.length > MAX_STORIES ? { addressesOmitted: addresses.length - MAX_STORIES } : {}),
    ...(interfaces.length > MAX_STORIES ? { interfacesOmitted: interfaces.length - MAX_STORIES } : {}),
  };
}

/**
 * Reads journals and explains their boots. `inputs` are paths (`-` is not special here: pass
 * `{ path: '-', content: process.stdin }`), or sources with their content. Throws `InputError`
 * for input that cannot be read at all; anything less is a diagnostic in the report.
 */
export async function analyze(given: ReadonlyArray<string | InputSource>, options: AnalyzeOptions = {}): Promise<Report> {
  const builder = new TimelineBuilder();
  builder.onEvent = options.onEvent;
  const report: Report = { schemaVersion: SCHEMA_VERSION, inputs: [], diagnostics: [], boots: [] };
  // Support bundles (issue 18): a directory or archive among the inputs stands for the logs in it;
  // its certificates and configurations join the certificate evidence.
  const bundles = await openBundles(given, options);
  if (bundles.manifests.length > 0) report.bundles = bundles.manifests;
  pushAll(report.diagnostics, bundles.diagnostics);
  options = { ...options, certificateFiles: bundles.certificateFiles, configFiles: bundles.configFiles };
  await readInputs(bundles.inputs, (i, node) => builder.sinkFor(i, node), options, report, undefined, builder.scoutRequest);
  const rules = options.rules ?? RULES;
  const boots = chosenBoots(builder, options.boot, report.diagnostics);
  // --- Certificate evidence (issue 6): read --cert files and expected addresses, give each boot its SAN audits (rules read them). ---
  const certEvidence = certificateEvidence(boots, options);
  if (certEvidence.certificates) report.certificates = certEvidence.certificates;
  if (certEvidence.expectedNames) report.expectedNames = certEvidence.expectedNames;
  for (const p of certEvidence.problems) report.diagnostics.push({ path: p.path, line: 0, code: 'certificate-unreadable', message: p.message });
  // --- end of certificate evidence ---
  const whole = boots.map((boot) => explainBoot(boot, rules));
  // The report keeps a bounded number of events per boot and in all, and counts the rest (issue 16).
  const perBoot = options.maxEventsPerBoot ?? DEFAULT_MAX_REPORT_EVENTS;
  report.boots = perBoot === Number.POSITIVE_INFINITY ? whole : capBoots(whole, perBoot, Math.max(perBoot, DEFAULT_MAX_REPORT_EVENTS_TOTAL));
  return report;
}

/** A boot with its failed units, findings, stories and verdict (the failed units first: rules read them). */
function explainBoot(boot: Boot, rules: readonly Rule[]): Boot {
  const failed = failedUnitsOf(boot);
  const withFailed: Boot = { ...boot, failedUnits: failed.units, ...(failed.omitted > 0 ? { failedUnitsOmitted: failed.omitted } : {}) };
  const explained: Boot = {
    ...withFailed,
    findings: rules.flatMap((rule) => rule.check(withFailed).map((hit) => withBasis(wordFinding(rule.id, hit), boot))),
    ...storiesOf(boot),
  };
  return { ...explained, ...verdictOf(explained) };
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

/** A finding on a boot without any time rests on the order of its lines: it says so (issue 14). */
function withBasis(finding: Finding, boot: Boot): Finding {
  return boot.timeBasis === 'input-order' ? { ...finding, basis: 'order' } : finding;
}
