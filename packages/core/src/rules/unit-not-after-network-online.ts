import type { SourceRef } from '../model/entry.js';
import type { TimelineEvent } from '../model/event.js';
import type { Boot } from '../model/report.js';
import { waitOnlineUnits } from '../timeline/addresses.js';
import { compareInBoot, sinceBootUs } from '../timeline/time.js';
import { evidenceOf, ms, type Rule, type RuleHit } from './rule.js';

// Units that serve on the network and want the node's address when they start.
const SERVING_UNIT = /^(?:k0s(?:controller|worker)?|k3s(?:-agent)?|rke2-(?:server|agent)|kubelet|etcd\d*|kube-apiserver|nginx)(?:@[^.]*)?\.service$/;
// The same programs where systemd logged only a description (`Started k0s - Zero Friction Kubernetes.`).
const SERVING_DESCRIPTION = /\b(?:k0s|k3s|rke2|kubelet|etcd|kube-apiserver|nginx)\b/i;
const SSHD_UNIT = /^sshd?(?:@[^.]*)?\.service$/;

type UnitJob = Extract<TimelineEvent, { kind: 'unit-job' }>;

/**
 * Why a unit counts as serving on the network in this boot: its name (k0s, k3s, rke2, kubelet,
 * etcd, kube-apiserver, nginx), another finding's evidence naming it (a unit that issued a
 * certificate or chose an API address), or for sshd a failed bind to a specific address, the one
 * sign of `ListenAddress` a journal shows (a port in use, EADDRINUSE, is no sign of either).
 */
function servingUnits(boot: Boot): Map<string, 'name' | 'named-by-finding' | 'sshd-listen-address'> {
  const out = new Map<string, 'name' | 'named-by-finding' | 'sshd-listen-address'>();
  const sshdBound = boot.events.some((e) => e.kind === 'bind-failed' && !e.inUse && (e.program === 'sshd' || (e.systemdUnit !== null && SSHD_UNIT.test(e.systemdUnit))));
  for (const e of boot.events) {
    if (e.kind === 'unit-job') {
      const key = e.unit ?? e.description;
      if (key === null || out.has(key)) continue;
      if (e.unit !== null ? SERVING_UNIT.test(e.unit) : SERVING_DESCRIPTION.test(key)) out.set(key, 'name');
      else if (e.unit !== null && SSHD_UNIT.test(e.unit) && sshdBound) out.set(key, 'sshd-listen-address');
    } else if ((e.kind === 'cert-issued' || e.kind === 'api-address-selected' || e.kind === 'sans-configured' || (e.kind === 'bind-failed' && !e.inUse)) &&
      e.systemdUnit !== null && e.systemdUnit.endsWith('.service') && !out.has(e.systemdUnit)) {
      out.set(e.systemdUnit, e.kind === 'bind-failed' && SSHD_UNIT.test(e.systemdUnit) ? 'sshd-listen-address' : 'named-by-finding');
    }
  }
  for (const u of boot.criticalChain ?? []) {
    if (!out.has(u.unit) && SERVING_UNIT.test(u.unit)) out.set(u.unit, 'name');
  }
  return out;
}

/**
 * A unit that serves on the network started before network-online.target was reached (from the
 * journal), or a pasted critical chain shows it with no network-online.target among its
 * predecessors. Without `After=network-online.target` (and `Wants=`), systemd starts the unit as
 * soon as its other dependencies are met, with or without the node's address.
 */
export const unitNotAfterNetworkOnline: Rule = {
  id: 'unit-not-after-network-online',
  severity: 'warning',
  description: 'A unit that serves on the network started before network-online.target was reached',
  check(boot: Boot): RuleHit[] {
    const serving = servingUnits(boot);
    if (serving.size === 0) return [];
    const online = boot.events.find((e) => e.kind === 'target-reached' && e.unit === 'network-online.target') ?? null;
    const seesTargets = boot.events.some((e) => e.kind === 'target-reached');
    const onlineAtMs = online ? ms(sinceBootUs(online, boot)) : null;
    const hits: RuleHit[] = [];
    const reported = new Set<string>();

    // From the journal: the unit's first start in this boot (a later restart does not undo the race).
    for (const [unit, why] of serving) {
      const first = boot.events.find((e): e is UnitJob => e.kind === 'unit-job' && (e.unit ?? e.description) === unit &&
        (e.phase === 'starting' || e.phase === 'started' || e.phase === 'finished' || e.phase === 'failed'));
      if (!first) continue;
      const before = online ? compareInBoot(first, online, boot) < 0 : seesTargets;
      if (!before) continue;
      const startedAtMs = ms(sinceBootUs(first, boot));
      reported.add(unit);
      hits.push({
        severity: 'warning',
        details: {
          unit, why, source: 'journal', reason: online ? 'started-before' : 'never-reached',
          startedAt: first.realtime, startedAtMs,
          networkOnlineAt: online?.realtime ?? null, networkOnlineAtMs: onlineAtMs,
          gapMs: startedAtMs !== null && onlineAtMs !== null ? onlineAtMs - startedAtMs : null,
          waitOnlineUnits: waitOnlineUnits(boot),
          chainPath: null,
        },
        evidence: evidenceOf(online ? [first, online] : [first]),
      });
    }

    // From a pasted critical chain: the serving unit's predecessors are the deeper lines below it.
    const chain = boot.criticalChain ?? [];
    chain.forEach((u, i) => {
      if (!serving.has(u.unit) || reported.has(u.unit)) return;
      const predecessors: string[] = [];
      for (let j = i + 1; j < chain.length && chain[j]!.depth > u.depth; j++) predecessors.push(chain[j]!.unit);
      if (predecessors.length === 0 || predecessors.includes('network-online.target')) return;
      reported.add(u.unit);
      const evidence: SourceRef[] = u.source ? [u.source] : [];
      hits.push({
        severity: 'warning',
        details: {
          unit: u.unit, why: serving.get(u.unit)!, source: 'critical-chain', reason: 'chain-lacks-network-online',
          startedAt: null, startedAtMs: u.activatedAtMs, networkOnlineAt: null, networkOnlineAtMs: onlineAtMs, gapMs: null,
          waitOnlineUnits: waitOnlineUnits(boot),
          chainPath: u.source?.path ?? null,
          chainPredecessors: predecessors.slice(0, 8),
        },
        evidence,
      });
    });
    return hits;
  },
};
