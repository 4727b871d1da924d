import type { SourceRef } from '../model/entry.js';
import type { Severity } from '../model/finding.js';
import type { Boot, FailedUnit, FailureKind } from '../model/report.js';
import { failedUnitsOf } from '../timeline/failed-units.js';
import type { Details, RuleHit } from './rule.js';

// Units that serve on the network (or hold the node's identity on it): their failure is a service down.
const SERVING = /^(?:sshd?|nginx|apache2|httpd|haproxy|postgresql|mysql|mariadb|redis(?:-server)?|dnsmasq|unbound|named|bind9|nsd|chronyd?|ntpd?|docker|containerd|crio|kubelet|k0s(?:controller|worker)?|k3s(?:-agent)?|rke2-(?:server|agent)|etcd\d*|kube-[\w-]+|keepalived|openvpn|fleet|squid|varnish|caddy|traefik|envoy|vsftpd|smbd|nfs-server|slapd|postfix|dovecot|exim4?)(?:@[^.]*)?(?:\.(?:service|socket))?$/;
const SERVING_DESCRIPTION = /\b(?:ssh|nginx|apache|haproxy|postgres|mysql|mariadb|redis|dnsmasq|unbound|bind|named|nsd|chrony|docker|containerd|kubelet|k0s|k3s|rke2|etcd|kubernetes|keepalived|openvpn|web server|dns)\b/i;
// Units that bring the network up: when they fail, the node has no (or not all of its) addresses.
const NETWORK = /^(?:networking|network-setup|network|systemd-networkd|NetworkManager|wicked|dhcpcd|ifup@[^.]*|network-addresses-[^.]*)\.service$|^(?:Raise network interfaces|Network Configuration|Network Manager)$/;
// Targets whose dependency failure stops the boot (emergency mode) or the network.
const CRITICAL_TARGET = /^(?:local-fs|remote-fs|network-online|network|sysinit|basic)\.target$|^(?:Local File Systems|Remote File Systems|Network is Online|Network|System Initialization|Basic System)$/;

/** The boot's failed units (computed once in analyze; rules run on a bare boot in tests too). */
export function failedUnits(boot: Boot): FailedUnit[] {
  return boot.failedUnits ?? failedUnitsOf(boot).units;
}

/** The failed units of the kinds given. */
export function failedOfKind(boot: Boot, kinds: readonly FailureKind[]): FailedUnit[] {
  return failedUnits(boot).filter((f) => kinds.includes(f.kind));
}

/** Why a failed unit matters most: it serves on the network, its failure has a network cause, it brings the network up, it is a target the boot needs, or it was ordered after network-online.target. */
export function servingReason(boot: Boot, f: FailedUnit): 'serving-unit' | 'network-cause' | 'network-unit' | 'after-network-online' | 'critical-target' | null {
  if (f.cause && f.cause.kind !== 'unit-failed') return 'network-cause';
  if (f.unit !== null ? SERVING.test(f.unit) : f.description !== null && SERVING_DESCRIPTION.test(f.description)) return 'serving-unit';
  if (CRITICAL_TARGET.test(f.unit ?? f.description ?? '')) return 'critical-target';
  if (NETWORK.test(f.unit ?? f.description ?? '')) return 'network-unit';
  if (f.unit !== null && afterNetworkOnline(boot, f.unit)) return 'after-network-online';
  return null;
}

/** A pasted critical chain lists the unit with network-online.target among what it waited for (printed below it). */
function afterNetworkOnline(boot: Boot, unit: string): boolean {
  const chain = boot.criticalChain ?? [];
  const at = chain.findIndex((u) => u.unit === unit);
  return at !== -1 && chain.slice(at + 1).some((u) => u.unit === 'network-online.target');
}

/** The details every failed-unit finding carries. */
export function failureDetails(boot: Boot, f: FailedUnit): Details {
  const c = f.cause;
  return {
    unit: f.unit ?? f.description,
    unitNamed: f.unit !== null,
    description: f.description,
    result: f.result,
    why: servingReason(boot, f),
    cause: c?.kind ?? null,
    causeAddress: c?.address ?? null,
    causePort: c?.port ?? null,
    causeUnit: c?.unit ?? null,
    causeInUse: c?.inUse === true,
    causeReasonCut: c?.reasonCut === true,
  };
}

/** A finding for each failed unit of a kind, error where it matters (servingReason), else `fallback`. */
export function failureHits(boot: Boot, kinds: readonly FailureKind[], fallback: Severity, severityOf?: (f: FailedUnit) => Severity | null): RuleHit[] {
  return failedOfKind(boot, kinds).map((f) => {
    const severity: Severity = severityOf?.(f) ?? (servingReason(boot, f) !== null ? 'error' : fallback);
    const evidence: SourceRef[] = [...(f.cause ? [f.cause.source] : []), ...f.evidence];
    return { severity, details: failureDetails(boot, f), evidence: sortRefs(evidence) };
  });
}

function sortRefs(refs: SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = `${r.path}\0${r.line}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  }).sort((a, b) => (a.path === b.path ? a.line - b.line : a.path < b.path ? -1 : 1));
}
