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

/**
 * How to make network-online.target wait, for the stack in use: a command where the stack ships a
 * wait-online unit, the stack's own setting where it does not.
 */
export function enableWaitOnline(stack: string | null): string {
  switch (stack) {
    case 'NetworkManager': return 'systemctl enable NetworkManager-wait-online.service (NetworkManager)';
    case 'systemd-networkd': return 'systemctl enable systemd-networkd-wait-online.service (systemd-networkd)';
    case 'ifupdown': case 'dhclient':
      return 'systemctl enable ifupdown-wait-online.service (ifupdown ≥ 0.8.36; it waits for the interfaces marked auto in /etc/network/interfaces)';
    case 'dhcpcd':
      return 'make dhcpcd wait for its lease before network-online.target: run it with -w (Raspberry Pi OS: raspi-config → System Options → "Wait for Network at Boot")';
    case 'wicked':
      return 'wicked orders network-online.target after its interfaces are up: set WAIT_FOR_INTERFACES in /etc/sysconfig/network/config and keep wicked.service enabled';
    default:
      return 'enable the wait-online service of the network stack in use: systemctl enable systemd-networkd-wait-online.service or NetworkManager-wait-online.service';
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


/**
 * Where a bind failed, from a bind rule's details: `address:port` (IPv6 in brackets), the address
 * alone, `port N` when the line named no address, or `none` when it named neither.
 */
export function bindPlace(d: Readonly<Record<string, unknown>>, none: string): string {
  const address = d['address'];
  const port = d['port'] === null || d['port'] === undefined ? null : str(d['port']);
  if (address === null || address === undefined) return port === null ? none : `port ${port}`;
  const a = String(address).includes(':') ? `[${str(address)}]` : str(address);
  return port === null ? a : `${a}:${port}`;
}
