import type { Finding, Severity } from '../model/finding.js';
import type { Details, RuleHit } from '../rules/rule.js';

/**
 * The words of every finding, in one place, apart from detection (rules return data). Texts are
 * written for a person at a terminal at 3 a.m.: what happened, why, and what to change.
 */
interface Wording {
  summary(d: Details, severity: Severity): string;
  remediation(d: Details, severity: Severity): string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '?' : String(v));
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
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

function whyNetworkOnlineDidNotWait(d: Details): string {
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

function waitForAddressDropIn(unit: string, iface: string, address: string): string {
  const family = address.includes(':') ? 'inet6' : 'inet';
  return [
    `/etc/systemd/system/${unit}.d/wait-for-address.conf:`,
    '  [Service]',
    `  ExecStartPre=/bin/sh -c 'until ip -o -f ${family} addr show dev ${iface} | grep -qF " ${address}/"; do sleep 1; done'`,
    '  TimeoutStartSec=5min',
    'then: systemctl daemon-reload',
  ].join('\n');
}

const WORDINGS: Record<string, Wording> = {
  'cert-issued-before-address': {
    summary(d, severity) {
      const n = Number(d['certificates']);
      const what = `${str(d['component'])} issued ${n === 1 ? 'its certificate' : `${n} certificates`} (last at ${secondsText(d['issuedAtMs'])})`;
      const healed = severity === 'info' ? `; it re-issued them at ${secondsText(d['reissuedAtMs'])}` : '';
      return `${what} before ${str(d['address'])} appeared on ${str(d['interface'])} at ${secondsText(d['addressAppearedAtMs'])}` +
        ` (${secondsText(d['gapMs'])} later)${healed}`;
    },
    remediation(d, severity) {
      const component = str(d['component']);
      const address = str(d['address']);
      const iface = str(d['interface']);
      const unit = typeof d['unit'] === 'string' ? d['unit'] : `${component}.service`;
      const validFor = list(d['certificateValidFor']);
      const lines: string[] = [];
      const picked = d['apiAddressDefaulted'] === true
        ? `found no usable address and fell back to ${str(d['apiAddress'])}`
        : d['apiAddress'] !== null ? `chose ${str(d['apiAddress'])} as its API address` : 'started';
      lines.push(`What happened: ${component} ${picked} and signed its certificates with the addresses it had then; ` +
        `${address} appeared on ${iface} (${str(d['via'])}) ${secondsText(d['gapMs'])} after the last certificate.` +
        (validFor.length > 0 ? ` Clients that connect to ${address} fail with "x509: certificate is valid for ${validFor.join(', ')}, not ${address}".` : ''));
      if (severity === 'info') {
        lines.push(`It re-issued its certificates at ${secondsText(d['reissuedAtMs'])}, after the address appeared, so this boot healed itself; the next boot may not.`);
      }
      lines.push(`Why After=network-online.target did not help: ${whyNetworkOnlineDidNotWait(d)}`);
      lines.push('What to change:');
      lines.push(`  1. Make ${unit} wait for the address itself. A drop-in:\n${indent(waitForAddressDropIn(unit, iface, address), 5)}`);
      lines.push(`  2. Make network-online.target mean something: systemctl enable ${waitOnlineUnitFor(str(d['via']))}.`);
      if (component === 'k0s') {
        lines.push(`  3. Pin the address in k0s.yaml so the certificate does not depend on timing: spec.api.address: ${address} and spec.api.sans: [${address}].`);
        lines.push('  4. Repair this node now: k0s stop && k0s start (k0s re-signs its certificates on every start).');
      } else {
        lines.push(`  3. Configure ${component} with the address explicitly, and restart it once the address is present so it re-issues its certificate.`);
      }
      return lines.join('\n');
    },
  },
  'network-online-before-address': {
    summary(d) {
      return `network-online.target was reached at ${secondsText(d['networkOnlineAtMs'])}, ${secondsText(d['gapMs'])} before ` +
        `${str(d['address'])} appeared on ${str(d['interface'])} (${str(d['via'])})`;
    },
    remediation(d) {
      const via = str(d['via']);
      const waited = list(d['waitOnlineUnits']);
      const lines = [`Why: ${whyNetworkOnlineDidNotWait(d)} Units ordered After=network-online.target started without ${str(d['address'])}.`];
      lines.push('What to change:');
      if (waited.length === 0) {
        lines.push(`  1. Enable the wait-online service of the network stack in use (${via}): systemctl enable ${waitOnlineUnitFor(via)}.`);
      } else {
        lines.push(`  1. Make ${waited[0]} wait for this interface: a drop-in that runs it with --interface=${str(d['interface'])} (systemd-networkd) or sets ipv4.may-fail=no on the connection (NetworkManager).`);
      }
      lines.push(`  2. For a unit that needs this exact address, wait for it in that unit:\n${indent(waitForAddressDropIn('<unit>.service', str(d['interface']), str(d['address'])), 5)}`);
      return lines.join('\n');
    },
  },
};

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text.split('\n').map((l) => pad + l).join('\n');
}

/** Words a rule's hit into a finding. */
export function wordFinding(rule: string, hit: RuleHit): Finding {
  const wording = WORDINGS[rule];
  if (!wording) throw new Error(`rule ${rule} has no wording in report/findings.ts`);
  return {
    rule,
    severity: hit.severity,
    summary: wording.summary(hit.details, hit.severity),
    details: hit.details,
    evidence: hit.evidence,
    remediation: wording.remediation(hit.details, hit.severity),
  };
}

export function hasWording(rule: string): boolean {
  return rule in WORDINGS;
}
