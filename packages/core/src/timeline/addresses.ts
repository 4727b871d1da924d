import type { EventOf, TimelineEvent } from '../model/event.js';
import type { AddressStory, Boot, InterfaceStory } from '../model/report.js';
import { familyOf, isLocalOnly } from '../recognize/ip.js';
import { sinceBootUs } from './time.js';
import { lastOccurrence } from './fold.js';

type AddressAdded = EventOf<'address-added'>;
type TlsVerifyFailed = EventOf<'tls-verify-failed'>;

// Interfaces that container runtimes, CNIs, VPNs and hypervisors create. Their addresses are not
// the node's address on its network, and they routinely appear long after boot.
const VIRTUAL_INTERFACE = /^(?:lo|docker\d*|cni\d*|flannel[.\w]*|cali[0-9a-f]+|veth\w*|kube-ipvs\d*|kube-bridge|vxlan[.\w]*|tunl\d+|weave|virbr\d+|br-[0-9a-f]{12}|cilium_\w+|lxc\w+|tailscale\d+|wg\d+|zt\w+|podman\d+)$/;

export function isVirtualInterface(name: string): boolean {
  return VIRTUAL_INTERFACE.test(name);
}

/**
 * Witnesses whose address events are not the node's own address appearing: cloud-init's table is a
 * snapshot taken after the network was up (it bounds the appearance, it does not date it), and
 * keepalived/kube-vip virtual IPs move between nodes by design, after election.
 */
const NOT_AN_APPEARANCE = new Set(['cloud-init', 'keepalived', 'kube-vip']);

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
    if (event.kind === 'address-added' && !isLocalOnly(event.address) && !isVirtualInterface(event.interface) && !NOT_AN_APPEARANCE.has(event.via)) {
      const a = get(event.address);
      a.appeared ??= event;
    } else if (event.kind === 'tls-verify-failed' && familyOf(event.wanted) && !isLocalOnly(event.wanted)) {
      get(event.wanted).askedBy.push(event);
    }
  }
  // A client may ask for an address before or after it appeared; we also want the appearance if it came later.
  for (const event of boot.events) {
    if (event.kind === 'address-added' && !NOT_AN_APPEARANCE.has(event.via)) {
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
    if ((e.kind === 'unit-job' || e.kind === 'wait-online-timeout') && e.unit !== null && /wait-online/.test(e.unit)) units.add(e.unit);
  }
  return [...units];
}

type NetEvent = Extract<TimelineEvent, { interface: string }>;

function isNetEvent(e: TimelineEvent): e is NetEvent {
  return 'interface' in e && typeof (e as { interface?: unknown }).interface === 'string';
}

/** One physical (or virtual) interface across its renames. */
interface Identity {
  names: string[];
  upAtUs: number | null;
  downAtUs: number | null;
  lastUp: boolean | null;
  /** Where its link events folded into runs (a link flapping): the last occurrence of each, which decides the state at the end. */
  lastLink?: { upUs: number; downUs: number };
}

/**
 * Follows interfaces through their renames in event order: events on `eth0` before `eth0 → enp3s0`
 * and on `enp3s0` after it are one interface. A name freed by a rename and used again later is a
 * new interface.
 */
function interfaceIdentities(boot: Pick<Boot, 'events' | 'timeBasis' | 'firstRealtime'>) {
  const byName = new Map<string, Identity>();
  const all: Identity[] = [];
  const identityOfEvent = new Map<TimelineEvent, Identity>();
  const get = (name: string): Identity => {
    let id = byName.get(name);
    if (!id) {
      id = { names: [name], upAtUs: null, downAtUs: null, lastUp: null };
      byName.set(name, id);
      all.push(id);
    }
    return id;
  };
  for (const event of boot.events) {
    if (!isNetEvent(event)) continue;
    if (event.kind === 'interface-renamed') {
      const id = get(event.formerName);
      byName.delete(event.formerName);
      // The new name may already be known (a stack logged it before the rename line): fold it in.
      const other = byName.get(event.interface);
      if (other && other !== id) {
        for (const n of other.names) if (!id.names.includes(n)) id.names.push(n);
        id.upAtUs ??= other.upAtUs;
        all.splice(all.indexOf(other), 1);
        for (const [e, i] of identityOfEvent) if (i === other) identityOfEvent.set(e, id);
      }
      if (!id.names.includes(event.interface)) id.names.push(event.interface);
      else id.names.push(id.names.splice(id.names.indexOf(event.interface), 1)[0]!);
      byName.set(event.interface, id);
      identityOfEvent.set(event, id);
      continue;
    }
    const id = get(event.interface);
    identityOfEvent.set(event, id);
    const at = sinceBootUs(event, boot);
    if ((event.kind === 'link-up' || event.kind === 'link-down') && (event.run || id.lastLink)) noteLastLink(id, event, boot);
    if (event.kind === 'link-up') {
      id.upAtUs ??= at;
      id.lastUp = true;
      id.downAtUs = null;
    } else if (event.kind === 'link-down') {
      if (id.lastUp !== false) id.downAtUs = at;
      id.lastUp = false;
    }
  }
  for (const id of all) settleLastLink(id);
  return { all, identityOfEvent };
}

const NEVER = Number.NEGATIVE_INFINITY;

function noteLastLink(id: Identity, event: EventOf<'link-up'> | EventOf<'link-down'>, boot: Pick<Boot, 'timeBasis' | 'firstRealtime'>): void {
  const last = id.lastLink ??= { upUs: id.lastUp === true ? id.upAtUs ?? NEVER : NEVER, downUs: id.lastUp === false ? id.downAtUs ?? NEVER : NEVER };
  const us = sinceBootUs(lastOccurrence(event), boot) ?? NEVER;
  if (event.kind === 'link-up') last.upUs = Math.max(last.upUs, us);
  else last.downUs = Math.max(last.downUs, us);
}

/** A link that flapped (folded runs): up or down at the end by whichever run's last line came last. */
function settleLastLink(id: Identity): void {
  if (!id.lastLink) return;
  const { upUs, downUs } = id.lastLink;
  if (upUs === NEVER && downUs === NEVER) return;
  id.lastUp = upUs >= downUs;
  id.downAtUs = id.lastUp ? null : downUs;
}

/** Every interface the boot's network events name, with its former names and link times. */
export function interfaceStories(boot: Pick<Boot, 'events' | 'timeBasis' | 'firstRealtime'>): InterfaceStory[] {
  return interfaceIdentities(boot).all.map((id) => ({
    name: id.names.at(-1)!,
    formerNames: id.names.slice(0, -1),
    upAtUs: id.upAtUs,
    downAtUs: id.lastUp === false ? id.downAtUs : null,
  }));
}

/**
 * The life of every address in a boot, in order of appearance: when it appeared and on which
 * interface (under all the names that interface had), which stacks saw it, and when it went.
 * An address removed and added again is two stories.
 */
export function addressStories(boot: Pick<Boot, 'events' | 'timeBasis' | 'firstRealtime'>): AddressStory[] {
  const { identityOfEvent } = interfaceIdentities(boot);
  const stories: Array<AddressStory & { ids: Identity[] }> = [];
  const open = new Map<string, AddressStory & { ids: Identity[] }>();
  for (const event of boot.events) {
    if (event.kind !== 'address-added' && event.kind !== 'address-removed' && event.kind !== 'dhcp-lease') continue;
    const id = identityOfEvent.get(event)!;
    let story = open.get(event.address);
    if (event.kind === 'address-removed') {
      if (!story) continue;
      story.goneAtUs = sinceBootUs(event, boot);
      open.delete(event.address);
      continue;
    }
    if (!story) {
      // A lease line alone (no address line) still says the address is there.
      story = {
        address: event.address, family: event.family, interface: event.interface, interfaces: [], prefixLength: event.prefixLength,
        appearedAtUs: sinceBootUs(event, boot), via: event.via, seenBy: [], goneAtUs: null, ids: [],
      };
      open.set(event.address, story);
      stories.push(story);
    }
    story.prefixLength ??= event.prefixLength;
    if (!story.seenBy.includes(event.via)) story.seenBy.push(event.via);
    if (!story.ids.includes(id)) story.ids.push(id);
  }
  return stories.map(({ ids, ...story }) => {
    const names: string[] = [];
    for (const id of ids) for (const n of id.names) if (!names.includes(n)) names.push(n);
    return { ...story, interface: ids.at(-1)?.names.at(-1) ?? story.interface, interfaces: names };
  });
}
