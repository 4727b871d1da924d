import { enableWaitOnline, indent, list, secondsText, str, waitForAddressDropIn, whyNetworkOnlineDidNotWait, type Wording } from './common.js';

export const networkOnlineBeforeAddress: Wording = {
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
        lines.push(`  1. Make network-online.target wait for the network stack in use (${str(d['stack'] ?? via)}): ${enableWaitOnline(typeof d['stack'] === 'string' ? d['stack'] : via)}.`);
      } else {
        lines.push(`  1. ${waitForInterface(waited[0]!, str(d['interface']))}`);
      }
      lines.push(`  2. For a unit that needs this exact address, wait for it in that unit:\n${indent(waitForAddressDropIn('<unit>.service', str(d['interface']), str(d['address'])), 5)}`);
      return lines.join('\n');
    },
  };

/** How to make the wait-online service that ran wait for one interface. */
function waitForInterface(unit: string, iface: string): string {
  if (unit.startsWith('NetworkManager')) {
    return `Make ${unit} wait for ${iface}'s address: nmcli connection modify <connection on ${iface}> ipv4.may-fail no ` +
      '(NetworkManager-wait-online then waits until that connection has its IPv4 address).';
  }
  if (unit.startsWith('ifupdown')) return `Make ${unit} wait for ${iface}: mark it \`auto ${iface}\` (not allow-hotplug) in /etc/network/interfaces.`;
  return `Make ${unit} wait for ${iface}:\n${indent([
    `/etc/systemd/system/${unit}.d/wait-for-${iface}.conf:`,
    '  [Service]',
    '  ExecStart=',
    `  ExecStart=/usr/lib/systemd/systemd-networkd-wait-online --interface=${iface}:routable`,
  ].join('\n'), 5)}`;
}
