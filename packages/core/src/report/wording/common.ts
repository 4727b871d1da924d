import type { Details } from '../../rules/rule.js';
import type { Severity } from '../../model/finding.js';

/** The words of one rule's findings: what happened, why, and what to change. */
export interface Wording {
  summary(d: Details, severity: Severity): string;
  remediation(d: Details, severity: Severity): string;
}

export const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '?' : String(v));
export const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
export function secondsText(msValue: unknown): string {
  return typeof msValue === 'number' ? `${(msValue / 1000).toFixed(3)}s` : 'an unknown time';
}

/** The wait-online service that makes network-online.target meaningful for a stack. */
export function waitOnlineUnitFor(via: string): string {
  switch (via) {
    case 'NetworkManager': return 'NetworkManager-wait-online.service';
    case 'systemd-networkd': return 'systemd-networkd-wait-online.service';
    case 'ifupdown': case 'dhclient': return 'ifupdown-wait-online.service';
    default: return 'systemd-networkd-wait-online.service or NetworkManager-wait-online.service';
  }
}

export function whyNetworkOnlineDidNotWait(d: Details): string {
  const waited = list(d['waitOnlineUnits']);
  const at = secondsText(d['networkOnlineAtMs']);
  if (d['networkOnlineAtMs'] === null || d['networkOnlineAtMs'] === undefined) {
    return 'The journal does not show network-online.target being reached in this boot.';
  }
  if (waited.length === 0) {
    return `network-online.target was reached at ${at}, before the address existed: no wait-online service ran in this boot, ` +
      'so the target waits for nothing and After=network-online.target orders only after network.target.';
  }
  return `network-online.target was reached at ${at}, before the address existed: ${waited.join(', ')} ran but considers the ` +
    'network online as soon as any link is configured, not when this address is present.';
}

export function waitForAddressDropIn(unit: string, iface: string, address: string): string {
  const family = address.includes(':') ? 'inet6' : 'inet';
  return [
    `/etc/systemd/system/${unit}.d/wait-for-address.conf:`,
    '  [Service]',
    `  ExecStartPre=/bin/sh -c 'until ip -o -f ${family} addr show dev ${iface} | grep -qF " ${address}/"; do sleep 1; done'`,
    '  TimeoutStartSec=5min',
    'then: systemctl daemon-reload',
  ].join('\n');
}

export function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text.split('\n').map((l) => pad + l).join('\n');
}

