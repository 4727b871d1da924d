import type { BundleManifest } from '../model/report.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { InputSource } from '../parse/open.js';
import { InputError } from '../parse/errors.js';
import { containerOf, DEFAULT_BUNDLE_LIMITS, type BundleLimits } from './archive.js';
import { openBundle, type OpenedBundle } from './index.js';
import { pushAll } from '../util/bounded.js';

export interface BundleInputs {
  inputs: InputSource[];
  manifests: BundleManifest[];
  diagnostics: Diagnostic[];
  certificateFiles: OpenedBundle['certificateFiles'];
  configFiles: OpenedBundle['configFiles'];
}

/**
 * The inputs with every support bundle (a directory, or an archive by its content) replaced by the
 * logs in it. A bundle with no log at all is an InputError naming what it held.
 */
export async function openBundles(given: ReadonlyArray<string | InputSource>, options: { inputFormat?: string; bundleLimits?: Partial<BundleLimits>; year?: number; timeZone?: string }): Promise<BundleInputs> {
  const out: BundleInputs = { inputs: [], manifests: [], diagnostics: [], certificateFiles: [], configFiles: [] };
  for (const input of given) {
    const source: InputSource = typeof input === 'string' ? { path: input } : input;
    const container = source.content === undefined && source.path !== '-' && options.inputFormat === undefined ? containerOf(source.path) : null;
    if (container === null) {
      out.inputs.push(source);
      continue;
    }
    const read = { ...(options.year !== undefined ? { year: options.year } : {}), ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}) };
    const bundle = await openBundle(source.path, container, { ...DEFAULT_BUNDLE_LIMITS, ...options.bundleLimits }, read);
    if (bundle.inputs.length === 0) {
      const ignored = bundle.manifest.files.length;
      throw new InputError('unreadable', source.path, `${source.path}: no log bootlens reads in this ${container === 'directory' ? 'directory' : 'archive'} ` +
        `(${ignored} file${ignored === 1 ? '' : 's'}; bootlens analyze --list ${source.path} shows what each was taken for)`);
    }
    pushAll(out.inputs, bundle.inputs.map((i) => (source.node !== undefined && i.node === undefined ? { ...i, node: source.node } : i)));
    out.manifests.push(bundle.manifest);
    pushAll(out.diagnostics, bundle.diagnostics);
    pushAll(out.certificateFiles, bundle.certificateFiles);
    pushAll(out.configFiles, bundle.configFiles);
  }
  return out;
}

/**
 * The manifest of one bundle, without analyzing it (`bootlens analyze --list`); null when `path`
 * is no directory or archive.
 */
export async function listBundle(path: string, limits: Partial<BundleLimits> = {}): Promise<{ manifest: BundleManifest; diagnostics: Diagnostic[] } | null> {
  const container = containerOf(path);
  if (container === null) return null;
  const bundle = await openBundle(path, container, { ...DEFAULT_BUNDLE_LIMITS, ...limits });
  return { manifest: bundle.manifest, diagnostics: bundle.diagnostics };
}
