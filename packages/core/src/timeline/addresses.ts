import type { EventOf } from '../model/event.js';
import type { Boot } from '../model/report.js';
import { familyOf, isLocalOnly } from '../recognize/ip.js';

type AddressAdded = EventOf<'address-added'>;
type TlsVerifyFailed = EventOf<'tls-verify-failed'>;

// Interfaces that container runtimes, CNIs, VPNs and hypervisors create. Their addresses are not
// the node's address on its network, and they routinely appear long after boot.
const VIRTUAL_INTERFACE = /^(?:lo|docker\d*|cni\d*|flannel[.\w]*|cali[0-9a-f]+|veth\w*|kube-ipvs\d*|kube-bridge|vxlan[.\w]*|tunl\d+|weave|virbr\d+|br-[0-9a-f]{12}|cilium_\w+|lxc\w+|tailscale\d+|wg\d+|zt\w+|podman\d+)$/;

export function isVirtualInterface(name: string): boolean {
  return VIRTUAL_INTERFACE.test(name);
}

/** An address that matters to a boot-order race, and when (if ever) it appeared in this boot. */
export interface AddressOfInterest {
  address: string;
  /** The first time it appeared on an interface in this boot, or null if the journal never says. */
  appeared: AddressAdded | null;
  /** TLS failures of clients that asked for this address. */
  askedBy: TlsVerifyFailed[];
}

/**
 * The addresses a boot-order rule should care about: every address the node got on a real
 * interface (not loopback or link-local, not a container or VPN interface), and every address a
 * client asked a certificate for. In order of first appearance.
 */
export function addressesOfInterest(boot: Pick<Boot, 'events'>): AddressOfInterest[] {
  const byAddress = new Map<string, AddressOfInterest>();
  const get = (address: string) => {
    let a = byAddress.get(address);
    if (!a) byAddress.set(address, (a = { address, appeared: null, askedBy: [] }));
    return a;
  };
  for (const event of boot.events) {
    if (event.kind === 'address-added' && !isLocalOnly(event.address) && !isVirtualInterface(event.interface)) {
      const a = get(event.address);
      a.appeared ??= event;
    } else if (event.kind === 'tls-verify-failed' && familyOf(event.wanted) && !isLocalOnly(event.wanted)) {
      get(event.wanted).askedBy.push(event);
    }
  }
  // A client may ask for an address before or after it appeared; we also want the appearance if it came later.
  for (const event of boot.events) {
    if (event.kind === 'address-added') {
      const a = byAddress.get(event.address);
      if (a && !a.appeared) a.appeared = event;
    }
  }
  return [...byAddress.values()];
}

/** The wait-online services a boot ran (by unit name), in order of first mention. */
export function waitOnlineUnits(boot: Pick<Boot, 'events'>): string[] {
  const units = new Set<string>();
  for (const e of boot.events) {
    if (e.kind === 'unit-job' && e.unit !== null && /wait-online/.test(e.unit)) units.add(e.unit);
  }
  return [...units];
}
