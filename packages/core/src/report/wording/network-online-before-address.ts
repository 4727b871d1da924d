import { indent, list, secondsText, str, waitForAddressDropIn, waitOnlineUnitFor, whyNetworkOnlineDidNotWait, type Wording } from './common.js';

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
        lines.push(`  1. Enable the wait-online service of the network stack in use (${via}): systemctl enable ${waitOnlineUnitFor(via)}.`);
      } else {
        lines.push(`  1. Make ${waited[0]} wait for this interface: a drop-in that runs it with --interface=${str(d['interface'])} (systemd-networkd) or sets ipv4.may-fail=no on the connection (NetworkManager).`);
      }
      lines.push(`  2. For a unit that needs this exact address, wait for it in that unit:\n${indent(waitForAddressDropIn('<unit>.service', str(d['interface']), str(d['address'])), 5)}`);
      return lines.join('\n');
    },
  };
