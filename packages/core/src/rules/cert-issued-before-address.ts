import type { EventOf, TimelineEvent } from '../model/event.js';
import type { Boot } from '../model/report.js';
import { addressesOfInterest, waitOnlineUnits } from '../timeline/addresses.js';
import { compareInBoot, sinceBootUs } from '../timeline/time.js';
import type { SourceRef } from '../model/entry.js';
import { firstOccurrences, occurrencesOf } from '../timeline/fold.js';
import { evidenceOf, ms, type Rule, type RuleHit } from './rule.js';
import { holds } from './sans.js';

type Decision = EventOf<'api-address-selected'> | EventOf<'sans-configured'> | EventOf<'cert-issued'>;

function componentOf(e: Decision): string {
  return e.component;
}

/**
 * A component (k0s, k3s/rke2, kubeadm, microk8s, kube-apiserver) fixed its API address or signed its certificates before an address the node
 * later had, or a client later asked for, existed. The certificate then lacks that address, and
 * clients that connect to it fail x509 verification.
 */
export const certIssuedBeforeAddress: Rule = {
  id: 'cert-issued-before-address',
  severity: 'error',
  description: 'A component issued its certificate (or chose its API address) before the node had an address that clients use',
  check(boot: Boot): RuleHit[] {
    // `reused` (kubeadm kept an existing certificate) says nothing about this boot's addresses.
    const decisions = boot.events.filter(
      (e): e is Decision => e.kind === 'api-address-selected' || e.kind === 'sans-configured' || (e.kind === 'cert-issued' && e.action !== 'reused'),
    );
    if (decisions.length === 0) return [];
    const components = [...new Set(decisions.map(componentOf))];
    const networkOnline = boot.events.find((e) => e.kind === 'target-reached' && e.unit === 'network-online.target') ?? null;
    const hits: RuleHit[] = [];
    for (const { address, appeared, askedBy } of addressesOfInterest(boot)) {
      if (!appeared) continue;
      for (const component of components) {
        const mine = decisions.filter((d) => componentOf(d) === component);
        const before = mine.filter((d) => compareInBoot(d, appeared, boot) < 0);
        const certs = before.filter((d): d is EventOf<'cert-issued'> => d.kind === 'cert-issued');
        if (certs.length === 0) continue;
        // The component already knew this address: it is in the certificate whatever the timing.
        const knew = before.some((d) =>
          (d.kind === 'api-address-selected' && d.address === address) ||
          (d.kind === 'sans-configured' && holds(d.sans, address)));
        // Where the certificate's SAN set was logged (kubeadm, k3s/rke2, kube-apiserver), the last one decides.
        const lastWithSans = certs.filter((c) => c.sans !== undefined).at(-1);
        if (knew || (lastWithSans !== undefined && holds(lastWithSans.sans!, address))) continue;

        const api = before.filter((d): d is EventOf<'api-address-selected'> => d.kind === 'api-address-selected');
        const lastApi = api.at(-1) ?? null;
        const lastCert = certs.at(-1)!;
        // A later certificate heals the race only if it holds the address (when its SAN set is known):
        // k3s's `Updating TLS secret` adding it, k0s re-signing on restart, microk8s's kicker.
        const reissued = mine.find((d): d is EventOf<'cert-issued'> =>
          d.kind === 'cert-issued' && (d.action === undefined || d.action === 'signed') &&
          compareInBoot(d, appeared, boot) > 0 && (d.sans === undefined || holds(d.sans, address))) ?? null;
        const defaulted = api.some((a) => a.defaulted);
        const askedAfterReissue = reissued !== null && askedBy.some((t) => compareInBoot(t, reissued, boot) > 0);
        const severity = reissued && !askedAfterReissue ? 'info' : defaulted || askedBy.length > 0 ? 'error' : 'warning';
        const t = (e: TimelineEvent | null) => (e === null ? null : ms(sinceBootUs(e, boot)));
        const issuedAtMs = t(lastCert);
        const appearedAtMs = t(appeared);
        // A client retrying is one event with a run: its first three lines, as before folding.
        const evidenceEvents: Array<{ source: SourceRef }> = [...before, appeared, ...firstOccurrences(askedBy, 3)];
        if (reissued) evidenceEvents.push(reissued);
        hits.push({
          severity,
          details: {
            address,
            interface: appeared.interface,
            via: appeared.via,
            component,
            apiAddress: lastApi?.address ?? null,
            apiAddressDefaulted: defaulted,
            certificates: certs.length,
            certificate: lastCert.certificate ?? null,
            certificateSans: lastWithSans ? [...lastWithSans.sans!.ip, ...lastWithSans.sans!.dns] : null,
            onlyLoaded: certs.every((c) => c.action === 'active' || c.action === 'loaded'),
            serials: certs.flatMap((c) => (c.serial === undefined ? [] : [c.serial])),
            issuedAt: lastCert.realtime,
            issuedAtMs,
            addressAppearedAt: appeared.realtime,
            addressAppearedAtMs: appearedAtMs,
            gapMs: issuedAtMs !== null && appearedAtMs !== null ? appearedAtMs - issuedAtMs : null,
            certificateValidFor: askedBy[0]?.validFor ?? null,
            askedByClients: occurrencesOf(askedBy),
            reissuedAtMs: t(reissued),
            reissuedWithSans: reissued?.sans !== undefined,
            networkOnlineAtMs: t(networkOnline),
            waitOnlineUnits: waitOnlineUnits(boot),
            unit: lastCert.systemdUnit ?? guessUnit(component),
          },
          evidence: evidenceOf(evidenceEvents),
        });
      }
    }
    return hits;
  },
};

/** The unit a component usually runs as, for remediation text when the journal did not say. */
function guessUnit(component: string): string | null {
  return ({ k0s: 'k0scontroller.service', k3s: 'k3s.service', rke2: 'rke2-server.service', microk8s: 'snap.microk8s.daemon-kubelite.service' } as Record<string, string>)[component] ?? null;
}
