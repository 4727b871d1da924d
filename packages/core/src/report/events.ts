import type { EventOf, TimelineEvent } from '../model/event.js';
import type { Boot, EventsOmitted } from '../model/report.js';
import { sinceBootUs } from '../timeline/time.js';
import { lastOccurrence } from '../timeline/fold.js';

/** A time since boot for a person: `41.6s`, `12m 3s`, `5h 12m`, `30d 2h`. */
export function humanSince(us: number): string {
  const s = us / 1e6;
  const sign = s < 0 ? '-' : '';
  const a = Math.abs(s);
  if (a < 60) return `${sign}${a.toFixed(1)}s`;
  const m = Math.floor(a / 60), h = Math.floor(a / 3600), d = Math.floor(a / 86400);
  if (a < 3600) return `${sign}${m}m ${Math.floor(a % 60)}s`;
  if (a < 86400) return `${sign}${h}h ${m % 60}m`;
  return `${sign}${d}d ${h % 24}h`;
}

/** A folded run for a person: `×25,920 from 41.6s to 30d 2h` (empty for an event logged once). */
export function runText(e: TimelineEvent, boot: Pick<Boot, 'timeBasis' | 'firstRealtime'>, count = e.run?.count ?? 1, last: TimelineEvent = e): string {
  if (count < 2) return '';
  const from = sinceBootUs(e, boot);
  const to = sinceBootUs(lastOccurrence(last), boot);
  const [a, b] = [from === null ? null : humanSince(from), to === null ? null : humanSince(to)];
  const span = a === null || b === null ? '' : a === b ? ` at ${a}` : ` from ${a} to ${b}`;
  return `×${count.toLocaleString('en-US')}${span}`;
}

/** What a report left out of a boot, in a line: `1,234 events (25,920 lines) left out: tls-verify-failed 1,200, unit-job 34`. */
export function omittedText(o: EventsOmitted | undefined): string | null {
  if (!o || o.events === 0 && o.occurrences === 0) return null;
  const kinds = Object.entries(o.byKind).sort((a, b) => b[1].events - a[1].events)
    .map(([kind, c]) => `${kind} ${c.events.toLocaleString('en-US')}`);
  const lines = o.occurrences !== o.events ? ` (${o.occurrences.toLocaleString('en-US')} lines)` : '';
  return `${o.events.toLocaleString('en-US')} event${o.events === 1 ? '' : 's'}${lines} left out of this report: ${kinds.join(', ')}`;
}

function sansText(sans: { dns: string[]; ip: string[] }): string {
  return [...sans.ip, ...sans.dns].join(', ') || '(none)';
}

/** What an event is about, in a few words: the detail column of event tables. */
export function describeEvent(e: TimelineEvent): string {
  switch (e.kind) {
    case 'address-added':
      return `${e.address}${e.prefixLength === null ? '' : `/${e.prefixLength}`} on ${e.interface} (${e.via})`;
    case 'link-up':
      return `${e.interface} up (${e.via})`;
    case 'target-reached':
      return e.unit;
    case 'unit-job':
      return `${e.phase} ${e.unit ?? e.description ?? '?'}`;
    case 'api-address-selected':
      return `${e.component} API address ${e.address}${e.defaulted ? ' (defaulted)' : ''}`;
    case 'sans-configured':
      return `${e.component} SANs ${sansText(e.sans)}`;
    case 'cert-issued':
      return `${e.component} ${e.action ?? 'signed'}${e.certificate ? ` ${e.certificate}` : ''}${e.serial ? ` serial ${e.serial.length > 12 ? `${e.serial.slice(0, 6)}…${e.serial.slice(-4)}` : e.serial}` : ''}${e.sans ? ` for ${sansText(e.sans)}` : ''}`;
    case 'tls-verify-failed':
      if (e.reason === 'client-certificate-expired') return `${e.component ?? 'a client'}'s own client certificate has expired`;
      if (e.reason !== undefined && e.reason !== 'hostname-mismatch') {
        const when = e.currentTime && e.boundary ? ` (clock ${e.currentTime}, ${e.reason === 'expired' ? 'NotAfter' : 'NotBefore'} ${e.boundary})` : '';
        return `${e.component ?? 'a client'} refused the cert${e.wanted ? ` for ${e.wanted}` : ''}: ${e.reason}${when}`;
      }
      return `${e.component ?? 'a client'} wanted ${e.wanted}; cert valid for ${e.validFor.join(', ')}`;
    case 'link-down':
      return `${e.interface} down (${e.via})`;
    case 'address-removed':
      return `${e.address}${e.prefixLength === null ? '' : `/${e.prefixLength}`} gone from ${e.interface} (${e.via})`;
    case 'dhcp-lease': {
      const extra = [
        e.leaseSeconds === null ? null : `lease ${e.leaseSeconds}s`,
        e.renewSeconds === null ? null : `renew in ${e.renewSeconds}s`,
        e.server === null ? null : `from ${e.server}`,
        e.gateway === null ? null : `gateway ${e.gateway}`,
      ].filter((x) => x !== null);
      return `lease ${e.address}${e.prefixLength === null ? '' : `/${e.prefixLength}`} on ${e.interface} (${e.via})${extra.length > 0 ? `, ${extra.join(', ')}` : ''}`;
    }
    case 'interface-renamed':
      return `${e.formerName} renamed to ${e.interface} (${e.via})`;
    case 'bind-failed':
      return `${e.program} could not bind ${e.address === null ? 'an address it did not name' : e.family === 'ipv6' ? `[${e.address}]` : e.address}${e.port === null ? '' : `:${e.port}`}${e.reason ? ` (${e.reason})` : e.reasonCut ? ' (the line is cut before the reason)' : ''}`;
    case 'wait-online-timeout':
      return `${e.unit} timed out`;
    case 'clock-step':
      return `wall clock ${e.stepUs < 0 ? 'stepped back' : 'stepped'} ${(Math.abs(e.stepUs) / 1e6).toFixed(3)}s (${e.via})`;
    case 'tls-handshake-failed':
      return `${e.component ?? 'a server'} refused a TLS handshake from ${e.peer}: ${e.error}`;
    case 'unit-state':
      return `${e.unit} ${e.state}${e.subState === null ? '' : ` (${e.subState})`}${e.result === null ? '' : ` (Result: ${e.result})`}`;
    case 'component-failure':
      return componentFailureText(e);
  }
}

const FAILURE_TEXT: Record<EventOf<'component-failure'>['failure'], string> = {
  'nic-hang': 'NIC hang', 'vrrp-fault': 'VRRP instance in FAULT', 'interface-rename-failed': 'interface rename failed', fatal: 'fatal exit',
  'node-ip-not-found': 'node IP on no interface', 'etcd-publish-failed': 'could not publish itself to the cluster',
  'error-logged': 'logged an error',
};

/** `e1000e: NIC hang on eth0`, `keepalived: VRRP instance in FAULT (VI_2)`, `k3s: fatal exit: failed to find cpu cgroup (v2)`. */
function componentFailureText(e: EventOf<'component-failure'>): string {
  const on = e.subject === null ? '' : e.failure === 'vrrp-fault' || e.failure === 'node-ip-not-found' ? ` (${e.subject})` : ` on ${e.subject}`;
  return `${e.component ?? 'a component'}: ${FAILURE_TEXT[e.failure]}${on}${e.error === null ? '' : `: ${e.error}`}`;
}

/**
 * Events a person needs to see the race: addresses, links, the network targets, wait-online and
 * the services that start on the network, and certificate evidence.
 */
export function isKeyEvent(e: TimelineEvent): boolean {
  if ('interface' in e && e.interface === 'lo') return false;
  switch (e.kind) {
    case 'target-reached':
      return /^(?:network|network-online|network-pre|multi-user|graphical)\.target$/.test(e.unit);
    case 'unit-job':
      return (e.phase === 'starting' || e.phase === 'started' || e.phase === 'failed' || e.phase === 'finished') &&
        /(?:wait-online|^k0s|^k3s|^rke2|^kubelet|^etcd|^NetworkManager\.|^systemd-networkd\.)/.test(e.unit ?? '');
    default:
      return true;
  }
}
