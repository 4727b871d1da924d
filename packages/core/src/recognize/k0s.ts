import type { SanSet } from '../model/event.js';
import { familyOf } from './ip.js';
import { anyRedacted, isRedactedAddress } from './net.js';
import { parseLogrus } from './logrus.js';
import { componentName, eventBase, type Recognizer } from './recognizer.js';

// k0s cmd/controller: `using api address: 10.0.2.15`, `using sans: [10.0.2.15 k0s.example.com]`, and with
// no usable address on any interface (internal/pkg/iface), the warning that it fell back to 127.0.0.1.
const API_ADDRESS = /^using api address: (\S+)$/;
const DEFAULTED = /^failed to find any non-local, non podnetwork addresses on host, defaulting public address to (\S+)$/;
const SANS = /^using sans: \[(.*)\]$/;

/** Names and addresses split into a SAN set; an address the author redacted (`x.x.x.17`) is an IP SAN, kept as written. */
export function sanSetOf(items: readonly string[]): SanSet {
  const sans: SanSet = { dns: [], ip: [] };
  for (const item of items) if (item) (familyOf(item) || isRedactedAddress(item) ? sans.ip : sans.dns).push(item);
  return sans;
}

/** `{ redacted: true }` when a SAN set holds a redacted address, to spread into its event. */
export function redactedSans(sans: SanSet): { redacted?: true } {
  return anyRedacted(sans.ip) ? { redacted: true } : {};
}

/** k0s choosing the address it serves the API on and the names it puts in its certificates. */
export const k0s: Recognizer = {
  id: 'k0s',
  needles: ['using api address', 'defaulting public address', 'using sans'],
  recognize(entry, ctx) {
    const fields = parseLogrus(entry.message);
    const msg = fields?.['msg'];
    if (msg === undefined) return;
    const component = componentName(entry, 'k0s');
    const defaults = ctx.state('k0s.defaulted', () => new Map<string, string>());
    const defaulted = DEFAULTED.exec(msg);
    if (defaulted) {
      defaults.set(component, defaulted[1]!);
      ctx.emit({ kind: 'api-address-selected', ...eventBase(entry), component, address: defaulted[1]!, defaulted: true });
      return;
    }
    const api = API_ADDRESS.exec(msg);
    if (api) {
      const address = api[1]!;
      const redacted = isRedactedAddress(address) ? { redacted: true as const } : {};
      ctx.emit({ kind: 'api-address-selected', ...eventBase(entry), component, address, defaulted: defaults.get(component) === address, ...redacted });
      return;
    }
    const sans = SANS.exec(msg);
    if (sans) {
      const set = sanSetOf(sans[1]!.split(/\s+/));
      ctx.emit({ kind: 'sans-configured', ...eventBase(entry), component, sans: set, ...redactedSans(set) });
    }
  },
};
