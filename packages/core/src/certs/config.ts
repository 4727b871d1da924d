import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ExpectedName } from '../model/certificate.js';
import { InputError } from '../parse/errors.js';
import { canonicalIp, kindOfName } from './names.js';

// yaml (CommonJS under Node) is loaded when a YAML file is read, not at start-up (issue 9, round 3).
const requireHere = createRequire(import.meta.url);
const parse = (text: string): unknown => (requireHere('yaml') as typeof import('yaml')).parse(text);

/** Adds a name to the list, merging sources of a name already there. */
export function addExpected(list: ExpectedName[], name: string, source: string): void {
  const canonical = canonicalIp(name.trim());
  if (!canonical) return;
  const existing = list.find((e) => e.name === canonical);
  if (existing) {
    if (!existing.sources.includes(source)) existing.sources.push(source);
  } else {
    list.push({ name: canonical, kind: kindOfName(canonical), sources: [source] });
  }
}

/**
 * The addresses and names a k0s configuration expects the API to be reached at:
 * spec.api.address, spec.api.sans and spec.api.externalAddress. `config` is a path, or YAML text
 * when it holds a newline.
 */
export function expectedFromK0sConfig(config: string, list: ExpectedName[] = []): ExpectedName[] {
  const isText = config.includes('\n');
  const label = isText ? 'k0s.yaml' : config.replace(/^.*\//, '');
  let text = config;
  if (!isText) {
    try {
      text = readFileSync(config, 'utf8');
    } catch (error) {
      throw new InputError('unreadable', config, `cannot read configuration ${config}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new InputError('unreadable', isText ? label : config, `cannot read configuration ${isText ? label : config}: not YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const api = (doc as { spec?: { api?: Record<string, unknown> } } | null)?.spec?.api;
  if (!api || typeof api !== 'object') return list;
  if (typeof api['address'] === 'string') addExpected(list, api['address'], `${label} spec.api.address`);
  if (Array.isArray(api['sans'])) for (const san of api['sans']) if (typeof san === 'string') addExpected(list, san, `${label} spec.api.sans`);
  if (typeof api['externalAddress'] === 'string') addExpected(list, api['externalAddress'], `${label} spec.api.externalAddress`);
  return list;
}

export type ConfigKind = 'k0s' | 'k3s' | 'kubeadm';

const asList = (v: unknown): string[] =>
  typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** `host:port` or `[v6]:port` → host. */
function hostOf(endpoint: string): string {
  const v6 = /^\[([^\]]+)\]/.exec(endpoint);
  if (v6) return v6[1]!;
  return endpoint.split(':').length === 2 ? endpoint.split(':')[0]! : endpoint;
}

function yamlDocs(text: string): unknown[] {
  const yaml = requireHere('yaml') as typeof import('yaml');
  return yaml.parseAllDocuments(text).map((d) => d.toJS() as unknown);
}

/**
 * Which configuration a YAML text is, by content: k0s (`kind: ClusterConfig`, apiVersion
 * k0s.k0sproject.io), kubeadm (`kind: ClusterConfiguration` or `InitConfiguration`,
 * kubeadm.k8s.io), or k3s/rke2 (`/etc/rancher/{k3s,rke2}/config.yaml`: a flat map with tls-san,
 * node-ip, advertise-address…; `k3sName` says the name placed it there). Null for anything else.
 */
export function configKind(text: string, k3sName: boolean): ConfigKind | null {
  if (/^apiVersion:\s*k0s\.k0sproject\.io\//m.test(text) && /^kind:\s*ClusterConfig\s*$/m.test(text)) return 'k0s';
  if (/^apiVersion:\s*kubeadm\.k8s\.io\//m.test(text) && /^kind:\s*(?:ClusterConfiguration|InitConfiguration)\s*$/m.test(text)) return 'kubeadm';
  if (k3sName && /^(?:tls-san|node-ip|advertise-address|node-external-ip|bind-address)\s*:/m.test(text)) return 'k3s';
  return null;
}

/**
 * The addresses and names a configuration found in a bundle expects the API server at (issue 18):
 * k0s as expectedFromK0sConfig; k3s/rke2 `tls-san`, `advertise-address`, `node-ip`,
 * `node-external-ip`; kubeadm `localAPIEndpoint.advertiseAddress`, `apiServer.certSANs` and the
 * host of `controlPlaneEndpoint`. `label` names the file in each name's sources.
 */
export function expectedFromConfigText(text: string, kind: ConfigKind, label: string, list: ExpectedName[] = []): ExpectedName[] {
  if (kind === 'k0s') {
    // expectedFromK0sConfig names YAML text `k0s.yaml`: the bundle's file name instead.
    for (const e of expectedFromK0sConfig(`${text}\n`)) for (const source of e.sources) addExpected(list, e.name, source.replace(/^k0s\.yaml /, `${label} `));
    return list;
  }
  let docs: unknown[];
  try {
    docs = yamlDocs(text);
  } catch {
    return list;
  }
  for (const doc of docs) {
    if (!doc || typeof doc !== 'object') continue;
    const d = doc as Record<string, unknown>;
    if (kind === 'k3s') {
      for (const key of ['advertise-address', 'node-ip', 'node-external-ip', 'tls-san']) for (const v of asList(d[key])) addExpected(list, v, `${label} ${key}`);
      continue;
    }
    const local = (d['localAPIEndpoint'] as Record<string, unknown> | undefined)?.['advertiseAddress'];
    if (typeof local === 'string') addExpected(list, local, `${label} localAPIEndpoint.advertiseAddress`);
    for (const san of asList((d['apiServer'] as Record<string, unknown> | undefined)?.['certSANs'])) addExpected(list, san, `${label} apiServer.certSANs`);
    if (typeof d['controlPlaneEndpoint'] === 'string') addExpected(list, hostOf(d['controlPlaneEndpoint']), `${label} controlPlaneEndpoint`);
  }
  return list;
}
