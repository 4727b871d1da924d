import type { EventOf, TimelineEvent } from '../model/event.js';
import type { Finding } from '../model/finding.js';
import type { Boot, TimeBasis } from '../model/report.js';
import { addressesOfInterest } from '../timeline/addresses.js';
import { compareInBoot, sinceBootUs } from '../timeline/time.js';
import { unitSpans } from '../timeline/units.js';

/** Which boot a side of the diff is. */
export interface DiffSide {
  path: string;
  /** 0-based position in its journal (journalctl -b numbering is this + 1). */
  index: number;
  boots: number;
  bootId: string | null;
  hostname: string | null;
  timeBasis: TimeBasis;
}

/** A time in both boots, µs since boot start; `growthPct` is `(b − a) / a × 100`, null when either is missing or `a` is 0. */
export interface Delta {
  aUs: number | null;
  bUs: number | null;
  deltaUs: number | null;
  growthPct: number | null;
}

export interface UnitDelta extends Delta {
  unit: string;
}

/** Where the first event stood relative to the second in one boot. */
export type Relation = 'before' | 'after' | 'same' | 'missing';

export interface OrderPair {
  /** `address`: an address's first appearance; `other` a certificate or network-online.target. */
  kind: 'address-vs-certificate' | 'address-vs-network-online';
  address: string;
  interface: string | null;
  /** The certificate's component (`k0s`), or `network-online.target`. */
  other: string;
  /** Where the address's appearance stood relative to `other`, in A and in B. */
  a: Relation;
  b: Relation;
  /** Both boots show both events and their order differs. */
  flipped: boolean;
}

export interface FindingChange {
  key: string;
  rule: string;
  description: string;
  a: Finding | null;
  b: Finding | null;
}

export interface BootDiff {
  a: DiffSide;
  b: DiffSide;
  /** False when the boots' times are on different axes (monotonic in one, wall clock since the first entry in the other). */
  sameTimeBasis: boolean;
  /** Time from boot start to network-online.target. */
  networkOnline: Delta;
  /** Time from boot start to the last address (of a real interface) to appear. */
  lastAddress: Delta & { aAddress: string | null; bAddress: string | null };
  /** Per-unit start durations (`Starting` → `Started`/`Finished`), largest change first. */
  units: UnitDelta[];
  orders: OrderPair[];
  findings: { appeared: FindingChange[]; resolved: FindingChange[]; changed: FindingChange[]; unchanged: number };
}

export function delta(aUs: number | null, bUs: number | null): Delta {
  const deltaUs = aUs !== null && bUs !== null ? bUs - aUs : null;
  const growthPct = deltaUs !== null && aUs !== null && aUs > 0 ? (deltaUs / aUs) * 100 : null;
  return { aUs, bUs, deltaUs, growthPct };
}

function at(e: TimelineEvent | null | undefined, boot: Boot): number | null {
  return e ? sinceBootUs(e, boot) : null;
}

function networkOnlineUs(boot: Boot): number | null {
  return at(boot.events.find((e) => e.kind === 'target-reached' && e.unit === 'network-online.target'), boot);
}

function lastAddress(boot: Boot): { us: number | null; address: string | null } {
  let best: { us: number | null; address: string | null } = { us: null, address: null };
  for (const a of addressesOfInterest(boot)) {
    const us = at(a.appeared, boot);
    if (us !== null && (best.us === null || us >= best.us)) best = { us, address: a.address };
  }
  return best;
}

/** Changed units first (largest change first), then units in one boot only, then unchanged ones. */
function rank(d: Delta): number {
  if (d.deltaUs === null) return 0.5;
  return d.deltaUs === 0 ? 0 : 1 + Math.abs(d.deltaUs);
}

function unitDeltas(a: Boot, b: Boot): UnitDelta[] {
  const durations = (boot: Boot) => new Map(unitSpans(boot).filter((s) => s.durationUs !== null && s.result === 'done').map((s) => [s.unit, s.durationUs!]));
  const da = durations(a);
  const db = durations(b);
  const units = [...new Set([...da.keys(), ...db.keys()])];
  return units
    .map((unit) => ({ unit, ...delta(da.get(unit) ?? null, db.get(unit) ?? null) }))
    .sort((x, y) => rank(y) - rank(x) || (x.unit < y.unit ? -1 : 1));
}

type Cert = EventOf<'cert-issued'>;

/** In the boot's order: its time basis, and the journal's own order between entries with the same time (low-precision modes). */
function relation(first: TimelineEvent | null, second: TimelineEvent | null, boot: Boot): Relation {
  if (!first || !second) return 'missing';
  const c = compareInBoot(first, second, boot);
  return c < 0 ? 'before' : c > 0 ? 'after' : 'same';
}

function orderPairs(a: Boot, b: Boot): OrderPair[] {
  const appearedIn = (boot: Boot) => new Map(addressesOfInterest(boot).filter((x) => x.appeared).map((x) => [x.address, x.appeared!]));
  const firstCerts = (boot: Boot) => {
    const m = new Map<string, Cert>();
    for (const e of boot.events) if (e.kind === 'cert-issued' && e.action !== 'reused' && !m.has(e.component)) m.set(e.component, e);
    return m;
  };
  const online = (boot: Boot) => boot.events.find((e) => e.kind === 'target-reached' && e.unit === 'network-online.target') ?? null;
  const addrA = appearedIn(a);
  const addrB = appearedIn(b);
  const certsA = firstCerts(a);
  const certsB = firstCerts(b);
  const onlineA = online(a);
  const onlineB = online(b);
  const pairs: OrderPair[] = [];
  for (const address of new Set([...addrA.keys(), ...addrB.keys()])) {
    const ea = addrA.get(address) ?? null;
    const eb = addrB.get(address) ?? null;
    const iface = (eb ?? ea)?.kind === 'address-added' ? ((eb ?? ea) as EventOf<'address-added'>).interface : null;
    const push = (kind: OrderPair['kind'], other: string, ra: Relation, rb: Relation) => {
      pairs.push({ kind, address, interface: iface, other, a: ra, b: rb, flipped: (ra === 'before' && rb === 'after') || (ra === 'after' && rb === 'before') });
    };
    if (onlineA || onlineB) push('address-vs-network-online', 'network-online.target', relation(ea, onlineA, a), relation(eb, onlineB, b));
    for (const component of new Set([...certsA.keys(), ...certsB.keys()])) {
      push('address-vs-certificate', component, relation(ea, certsA.get(component) ?? null, a), relation(eb, certsB.get(component) ?? null, b));
    }
  }
  return pairs;
}

const IDENTIFYING = ['address', 'interface', 'unit', 'component', 'program'] as const;

/** A finding's identity across boots: its rule and what it is about (address, interface, unit, component, program), not its times. */
export function findingKey(f: Finding): string {
  return [f.rule, ...IDENTIFYING.map((k) => (f.details[k] === undefined || f.details[k] === null ? '' : `${k}=${String(f.details[k])}`)).filter(Boolean)].join(' ');
}

function findingChanges(a: Boot, b: Boot): BootDiff['findings'] {
  const byKey = (boot: Boot) => {
    const m = new Map<string, Finding>();
    for (const f of boot.findings) if (!m.has(findingKey(f))) m.set(findingKey(f), f);
    return m;
  };
  const fa = byKey(a);
  const fb = byKey(b);
  const change = (key: string): FindingChange => {
    const x = fa.get(key) ?? null;
    const y = fb.get(key) ?? null;
    return { key, rule: (y ?? x)!.rule, description: key, a: x, b: y };
  };
  const appeared = [...fb.keys()].filter((k) => !fa.has(k)).map(change);
  const resolved = [...fa.keys()].filter((k) => !fb.has(k)).map(change);
  const both = [...fb.keys()].filter((k) => fa.has(k));
  const changed = both.filter((k) => fa.get(k)!.severity !== fb.get(k)!.severity).map(change);
  return { appeared, resolved, changed, unchanged: both.length - changed.length };
}

/** What changed from boot A to boot B. A pure function. */
export function diffBoots(a: Boot, b: Boot, sides: { a: Omit<DiffSide, 'index' | 'bootId' | 'hostname' | 'timeBasis'>; b: Omit<DiffSide, 'index' | 'bootId' | 'hostname' | 'timeBasis'> }): BootDiff {
  const side = (boot: Boot, s: { path: string; boots: number }): DiffSide => ({ path: s.path, index: boot.index, boots: s.boots, bootId: boot.bootId, hostname: boot.hostname, timeBasis: boot.timeBasis });
  const la = lastAddress(a);
  const lb = lastAddress(b);
  return {
    a: side(a, sides.a),
    b: side(b, sides.b),
    sameTimeBasis: a.timeBasis === b.timeBasis,
    networkOnline: delta(networkOnlineUs(a), networkOnlineUs(b)),
    lastAddress: { ...delta(la.us, lb.us), aAddress: la.address, bAddress: lb.address },
    units: unitDeltas(a, b),
    orders: orderPairs(a, b),
    findings: findingChanges(a, b),
  };
}

export interface RegressionOptions {
  /** Growth in percent above which a time counts as a regression. */
  percent: number;
  /** Growth smaller than this (µs) never counts, whatever the percentage (default 50 ms): jitter. */
  minDeltaUs?: number;
}

export interface Regression {
  what: string;
  aUs: number | null;
  bUs: number | null;
  growthPct: number | null;
  reason: 'grew' | 'never-reached';
}

/**
 * The regressions `--fail-on-regression PCT` fails on (docs/diff.md): time to network-online.target,
 * or a unit's start duration present in both boots, grew by more than PCT percent of A's value
 * (`(B − A) / A × 100 > PCT`) and by at least `minDeltaUs` (a value of 0 in A counts as growing by
 * any percentage); or network-online.target was reached in A and never in B.
 */
export function regressions(diff: BootDiff, options: RegressionOptions): Regression[] {
  const min = options.minDeltaUs ?? 50_000;
  const grew = (d: Delta) => d.aUs !== null && d.bUs !== null && d.bUs - d.aUs >= min && d.bUs - d.aUs > 0 &&
    (d.aUs === 0 || ((d.bUs - d.aUs) / d.aUs) * 100 > options.percent);
  const out: Regression[] = [];
  const n = diff.networkOnline;
  if (grew(n)) out.push({ what: 'time to network-online.target', aUs: n.aUs, bUs: n.bUs, growthPct: n.growthPct, reason: 'grew' });
  else if (n.aUs !== null && n.bUs === null) out.push({ what: 'time to network-online.target', aUs: n.aUs, bUs: null, growthPct: null, reason: 'never-reached' });
  for (const u of diff.units) if (grew(u)) out.push({ what: `${u.unit} start`, aUs: u.aUs, bUs: u.bUs, growthPct: u.growthPct, reason: 'grew' });
  return out;
}
