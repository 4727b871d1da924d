import { addressAdded, addressRemoved, dhcpLease, linkDown, linkUp, prefixOfMask, splitCidr } from './net.js';
import type { Recognizer } from './recognizer.js';

const VIA = 'NetworkManager';

// `<info>  [1749619155.1234] topic (iface): text` — two spaces after `<info>`/`<warn>`, one after
// `<debug>`/`<trace>`; NetworkManager ≤ 1.0 printed no `[epoch]`.
const NM_LINE = /^<(\w+)> +(?:\[\d+(?:\.\d+)?\] )?(.*)$/s;
// `dhcp4 (eth0): state changed new lease, address=192.168.1.50` (≥ 1.3x), `… extended -> extended, address=…`,
// `dhcp4 (eth1): state changed unknown -> bound, address=…` (≤ 1.20, dhclient/dhcpcd back end), `…, acd pending`.
const DHCP_STATE = /^dhcp([46]) \(([^)\s]+)\): state changed ([^,]*?)(?:, address=([0-9a-fA-FxX*#.:]+)(?:\/(\d{1,3}))?)?(?:, acd pending)?$/;
// NetworkManager ≤ 1.20 listed the lease as option lines: `dhcp4 (eth0):   address 192.168.137.100`, `  plen 24 (255.255.255.0)`,
// `  gateway 192.168.137.1`, `  lease time 604800`, `  server identifier 192.168.137.1`.
const DHCP_OPTION = /^dhcp([46]) \(([^)\s]+)\): {2,}(address|plen|gateway|lease time|server identifier|expires in) (\S+)/;
const CARRIER = /^device \(([^)\s]+)\): carrier: link (connected|disconnected)/;
// `device (eth0): state change: activated -> unavailable (reason 'carrier-changed', …)`.
const DEVICE_STATE = /^device \(([^)\s]+)\): state change: (\S+) -> (\S+)/;

const ENDED = /(?:^|-> )(?:terminated|expire|fail|done|lease lost|no lease)$/;

interface Pending {
  added: { prefixLength: number | null } | null;
  lease: { prefixLength: number | null; gateway: string | null; leaseSeconds: number | null; server: string | null } | null;
}

/**
 * NetworkManager: DHCP leases (new and old wordings), carrier, and devices falling back to
 * `unavailable`. Only `NetworkManager[…]` lines count: a dispatcher script or a person quoting these
 * words is not NetworkManager.
 */
export const networkManager: Recognizer = {
  id: 'NetworkManager',
  needles: ['dhcp4 (', 'dhcp6 (', 'carrier: link', 'state change: '],
  identifiers: ['NetworkManager'],
  recognize(entry, ctx) {
    if (entry.identifier !== 'NetworkManager') return;
    const line = NM_LINE.exec(entry.message);
    if (!line) return;
    const text = line[2]!;
    const current = ctx.state('nm.current', () => new Map<string, { address: string; prefixLength: number | null }>());

    const state = DHCP_STATE.exec(text);
    if (state) {
      const iface = state[2]!;
      const key = `${iface}\0${state[1]}`;
      if (state[4] !== undefined) {
        const parsed = splitCidr(state[4]);
        if (!parsed) return;
        const prefixLength = state[5] === undefined ? null : Number(state[5]);
        const held = current.get(key);
        if (held && held.address !== parsed.address) addressRemoved(ctx, entry, { interface: iface, ...held, via: VIA });
        current.set(key, { address: parsed.address, prefixLength });
        addressAdded(ctx, entry, { interface: iface, address: parsed.address, prefixLength, via: VIA });
        if (held?.address !== parsed.address) dhcpLease(ctx, entry, { interface: iface, address: parsed.address, prefixLength, via: VIA });
      } else if (ENDED.test(state[3]!)) {
        const held = current.get(key);
        if (held) {
          current.delete(key);
          addressRemoved(ctx, entry, { interface: iface, ...held, via: VIA });
        }
      }
      return;
    }
    const option = DHCP_OPTION.exec(text);
    if (option) {
      const iface = option[2]!;
      // The option lines of one lease follow each other; the address line comes first. The events
      // are filled in as the rest arrives (they are still being collected, nothing has read them).
      const pending = ctx.state('nm.pending', () => new Map<string, Pending>());
      const key = `${iface}\0${option[1]}`;
      const value = option[4]!;
      if (option[3] === 'address') {
        const parsed = splitCidr(value);
        if (!parsed) return;
        const held = current.get(key);
        if (held && held.address !== parsed.address) addressRemoved(ctx, entry, { interface: iface, ...held, via: VIA });
        current.set(key, { address: parsed.address, prefixLength: null });
        const events: Pending = { added: null, lease: null };
        const collect: typeof ctx = { ...ctx, emit: (e) => {
          if (e.kind === 'address-added') events.added = e;
          if (e.kind === 'dhcp-lease') events.lease = e;
          ctx.emit(e);
        } };
        addressAdded(collect, entry, { interface: iface, address: parsed.address, prefixLength: null, via: VIA });
        if (held?.address !== parsed.address) dhcpLease(collect, entry, { interface: iface, address: parsed.address, prefixLength: null, via: VIA });
        pending.set(key, events);
        return;
      }
      const events = pending.get(key);
      if (!events) return;
      if (option[3] === 'plen') {
        const plen = /^\d{1,3}$/.test(value) ? Number(value) : prefixOfMask(value);
        if (events.added) events.added.prefixLength = plen;
        if (events.lease) events.lease.prefixLength = plen;
        const held = current.get(key);
        if (held) held.prefixLength = plen;
      } else if (events.lease && option[3] === 'gateway' && splitCidr(value)) {
        events.lease.gateway = value;
      } else if (events.lease && option[3] === 'lease time' && /^\d+$/.test(value)) {
        events.lease.leaseSeconds = Number(value);
      } else if (events.lease && option[3] === 'server identifier' && splitCidr(value)) {
        events.lease.server = value;
      }
      return;
    }
    const carrier = CARRIER.exec(text);
    if (carrier) {
      if (carrier[2] === 'connected') linkUp(ctx, entry, carrier[1]!, VIA, true);
      else linkDown(ctx, entry, carrier[1]!, VIA, true);
      return;
    }
    const device = DEVICE_STATE.exec(text);
    if (device && device[3] === 'unavailable' && device[2] !== 'unmanaged') {
      // A device that was usable (or activating) lost what it needs: usually its carrier.
      linkDown(ctx, entry, device[1]!, VIA);
    }
  },
};
