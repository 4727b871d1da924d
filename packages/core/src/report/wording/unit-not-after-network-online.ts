import { indent, list, secondsText, str, type Wording } from './common.js';

function dropIn(unit: string): string {
  return [
    `/etc/systemd/system/${unit}.d/network-online.conf:`,
    '  [Unit]',
    '  Wants=network-online.target',
    '  After=network-online.target',
    'then: systemctl daemon-reload',
  ].join('\n');
}

export const unitNotAfterNetworkOnline: Wording = {
  summary(d) {
    const unit = str(d['unit']);
    switch (d['reason']) {
      case 'never-reached':
        return `${unit} started at ${secondsText(d['startedAtMs'])}, but network-online.target was never reached in this boot`;
      case 'chain-lacks-network-online':
        return `${unit} is on the pasted critical chain with no network-online.target before it`;
      default:
        return `${unit} started at ${secondsText(d['startedAtMs'])}, ${secondsText(d['gapMs'])} before network-online.target was reached (${secondsText(d['networkOnlineAtMs'])})`;
    }
  },
  remediation(d) {
    const unit = str(d['unit']);
    const waited = list(d['waitOnlineUnits']);
    const lines: string[] = [];
    const why = d['why'] === 'sshd-listen-address'
      ? `${unit} failed to bind a specific address (ListenAddress), so it needs that address at start.`
      : d['why'] === 'named-by-finding'
        ? `${unit} chose its address or certificate at start (another finding names it).`
        : `${unit} serves on the network and picks its addresses when it starts.`;
    lines.push(`Why it matters: ${why} Nothing ordered it after network-online.target, so systemd started it as soon as its other dependencies were met.`);
    if (d['reason'] === 'chain-lacks-network-online') {
      const preds = list(d['chainPredecessors']);
      lines.push(`The chain shows it waited for ${preds.length > 0 ? preds.join(' ← ') : 'nothing'}; network-online.target is not among them.`);
    }
    lines.push('What to change:');
    lines.push(`  1. Order it after the network being online, with a drop-in:\n${indent(dropIn(unit), 5)}`);
    lines.push(waited.length > 0
      ? `  2. ${waited.join(', ')} ran in this boot; check that it waits for the interface ${unit} uses (systemd-networkd-wait-online --interface=…, or ipv4.may-fail=no in NetworkManager).`
      : '  2. Make network-online.target wait for something: systemctl enable systemd-networkd-wait-online.service (systemd-networkd) or NetworkManager-wait-online.service (NetworkManager).');
    lines.push('  3. If the unit needs one exact address, After=network-online.target is not enough: wait for that address in an ExecStartPre= loop (see cert-issued-before-address).');
    return lines.join('\n');
  },
};
