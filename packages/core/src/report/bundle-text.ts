import type { BundleManifest } from '../model/report.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { inert } from './inert.js';

const REASONS: Record<string, string> = {
  unknown: 'not a log, certificate or configuration bootlens reads',
  'too-large': 'larger than a bundle member may be',
  duplicate: 'the same bytes as',
  'duplicate-entries': 'its entries are read from',
  'unsafe-name': 'an absolute name or one with ..',
  symlink: 'a symbolic link, not followed',
  'not-regular': 'not a regular file',
  unreadable: 'could not be read',
};

/** One line of a manifest: what a file was used as, or why it was ignored. */
function fileLine(f: BundleManifest['files'][number]): string {
  const node = f.node !== undefined ? ` [node ${inert(f.node)}]` : '';
  if (f.use !== 'ignored') return `  ${f.use.padEnd(12)} ${(f.as ?? '').padEnd(16)} ${inert(f.name)}${node}`;
  const why = REASONS[f.reason ?? 'unknown'] ?? f.reason ?? '';
  const of = f.duplicateOf !== undefined ? ` ${inert(f.duplicateOf)}` : '';
  return `  ${'ignored'.padEnd(12)} ${''.padEnd(16)} ${inert(f.name)}${node}: ${why}${of}`;
}

/** The manifest of each bundle (`bootlens analyze --list`): every file, used as what or ignored why, then the limits hit. */
export function renderManifests(manifests: readonly BundleManifest[], diagnostics: readonly Diagnostic[] = []): string {
  const out: string[] = [];
  for (const m of manifests) {
    const used = m.files.filter((f) => f.use !== 'ignored').length;
    out.push(`${inert(m.path)}: ${m.container}, ${m.layout ?? 'layout not known by name (read by content)'}; ` +
      `${m.files.length} file${m.files.length === 1 ? '' : 's'}, ${used} used`);
    for (const f of m.files) out.push(fileLine(f));
    if (m.filesNotListed > 0) out.push(`  … ${m.filesNotListed} more not listed`);
  }
  for (const d of diagnostics.filter((x) => x.code.startsWith('bundle-'))) out.push(`${inert(d.path)}: ${inert(d.message)}`);
  return `${out.join('\n')}\n`;
}

/** The text report's line per bundle: how many of its files were used, and where --list shows the rest. */
export function bundleSummary(m: BundleManifest): string {
  const used = m.files.filter((f) => f.use !== 'ignored').length;
  return `bundle ${inert(m.path)}: ${m.container}, ${m.layout ?? 'read by content'}; ${used} of ${m.files.length} files used (bootlens analyze --list shows each)`;
}
