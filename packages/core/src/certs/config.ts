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
