import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Which files of a directory count as journals (docs/expectations.md): names ending in a
 * journalctl output mode (`.json`, `.short-iso`, `.export`, `.verbose`, … — every `-o` mode but
 * `cat`, which has no time, host or boot and cannot be detected), or in `.log`, `.txt`, `.jsonl`,
 * `.ndjson`, and binary journal files (`.journal`, archived `.journal~`; issue 17); each also gzipped
 * (`.json.gz`); and support-bundle archives (`.tar`, `.tar.gz`, `.tgz`, `.tar.xz`, `.txz`, `.tar.bz2`, `.zip`; issue 18). Never: expectation files (`*.expect.*`), hidden files, and anything else (README.md, scripts).
 */
const JOURNAL_EXTENSIONS = new Set([
  'json', 'json-pretty', 'json-seq', 'json-sse', 'export', 'verbose', 'with-unit',
  'short', 'short-iso', 'short-iso-precise', 'short-precise', 'short-full', 'short-monotonic', 'short-unix', 'short-delta',
  'log', 'txt', 'jsonl', 'ndjson', 'journal', 'journal~',
]);

/** Directories a search does not enter: hidden ones, `node_modules`, and `sources` (the export sources renderings are made from). */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'sources']);

export const EXPECTATION_SUFFIXES = ['.expect.yaml', '.expect.yml', '.expect.json'] as const;

export function isExpectationFile(name: string): boolean {
  return /\.expect\.[^.]+$/.test(name);
}

/** Support-bundle archives (issue 18): read as bundles by `analyze`, held by their expectation file like a journal. */
const BUNDLE_NAME = /\.(?:tar|tar\.gz|tgz|tar\.xz|txz|tar\.bz2|tbz2?|zip)$/i;

/** Whether a file name counts as a journal when a directory is searched. */
export function isJournalName(name: string): boolean {
  if (name.startsWith('.') || isExpectationFile(name) || /\.expect\./.test(name)) return false;
  if (BUNDLE_NAME.test(name)) return true;
  const bare = name.endsWith('.gz') ? name.slice(0, -3) : name;
  const dot = bare.lastIndexOf('.');
  return dot > 0 && JOURNAL_EXTENSIONS.has(bare.slice(dot + 1).toLowerCase());
}

/** Every journal under `dir` (its subdirectories too, but see SKIPPED_DIRECTORIES), sorted by path. */
export function findJournals(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(d, entry.name);
      if (entry.isDirectory() || (entry.isSymbolicLink() && statSync(path, { throwIfNoEntry: false })?.isDirectory())) {
        if (!entry.name.startsWith('.') && !SKIPPED_DIRECTORIES.has(entry.name)) walk(path);
      } else if (isJournalName(entry.name)) {
        out.push(path);
      }
    }
  };
  walk(dir);
  return out;
}

/**
 * The expectation file for a journal: the sibling `<prefix>.expect.yaml` (or `.yml`, `.json`) for
 * the longest prefix of its name that ends before a dot. `k0s-reboot-race.json.gz` tries
 * `k0s-reboot-race.json.gz.expect.*`, `k0s-reboot-race.json.expect.*`, then
 * `k0s-reboot-race.expect.*`: one file serves every rendering of a scenario, and a rendering can
 * have its own. Null when there is none; throws when one prefix has two (ambiguous).
 */
export function expectationFor(journal: string, exists: (path: string) => boolean = existsSync): string | null {
  const dir = dirname(journal);
  const name = basename(journal);
  const prefixes: string[] = [name];
  for (let i = name.lastIndexOf('.'); i > 0; i = name.lastIndexOf('.', i - 1)) prefixes.push(name.slice(0, i));
  for (const prefix of prefixes) {
    const found = EXPECTATION_SUFFIXES.map((s) => join(dir, prefix + s)).filter((p) => exists(p));
    if (found.length > 1) throw new Error(`${found.join(' and ')}: two expectation files for ${journal}; keep one`);
    if (found.length === 1) return found[0]!;
  }
  return null;
}
