import { indent, list, secondsText, str, waitForAddressDropIn, type Wording } from './common.js';

export const waitOnlineTimeout: Wording = {
  summary(d) {
    const waited = typeof d['waitedMs'] === 'number' ? ` after waiting ${secondsText(d['waitedMs'])}` : '';
    const how = d['reason'] === 'timeout' ? 'timed out' : 'failed';
    const later = list(d['addressesLater']);
    return `${str(d['unit'])} ${how} at ${secondsText(d['timedOutAtMs'])}${waited}` +
      (later.length > 0 ? `; ${later.join(', ')} appeared only later` : '');
  },
  remediation(d) {
    const unit = str(d['unit']);
    const later = list(d['addressesLater']);
    const ifaces = list(d['interfacesLater']);
    const lines: string[] = [];
    lines.push(`What happened: ${unit} gave up${typeof d['waitedMs'] === 'number' ? ` after ${secondsText(d['waitedMs'])}` : ''}. ` +
      'network-online.target only Wants= the waiter, so it was reached anyway' +
      (typeof d['networkOnlineAtMs'] === 'number' ? ` (at ${secondsText(d['networkOnlineAtMs'])})` : '') +
      ': every unit ordered After=network-online.target started late, and on a network that was not ready.');
    lines.push('What to change:');
    if (unit.startsWith('NetworkManager')) {
      lines.push('  1. Find the connection that never activated (nmcli -f NAME,DEVICE,STATE connection show) and fix it, or stop it from ' +
        'blocking startup: nmcli connection modify <name> connection.autoconnect no (an unused port) or ipv4.may-fail yes.');
      lines.push('  2. If the network is only slow, give it more time: a drop-in /etc/systemd/system/NetworkManager-wait-online.service.d/timeout.conf with\n' +
        indent('[Service]\nEnvironment=NM_ONLINE_TIMEOUT=120', 5));
    } else {
      lines.push('  1. systemd-networkd-wait-online waits for every link networkd manages. A link that never comes up (an unplugged port) ' +
        'makes it time out: mark that link optional (RequiredForOnline=no in its .network file), or wait for the link that matters:\n' +
        indent([
          '/etc/systemd/system/systemd-networkd-wait-online.service.d/wait-for.conf:',
          '  [Service]',
          '  ExecStart=',
          `  ExecStart=/usr/lib/systemd/systemd-networkd-wait-online --interface=${ifaces[0] ?? '<interface>'}:routable --timeout=120`,
        ].join('\n'), 5));
      lines.push('  2. Or be satisfied by any one routable link: systemd-networkd-wait-online --any.');
    }
    if (later.length > 0) {
      lines.push(`  3. For a unit that needs ${later[0]} itself, wait for it in that unit:\n` +
        indent(waitForAddressDropIn('<unit>.service', ifaces[0] ?? '<interface>', later[0]!), 5));
    }
    return lines.join('\n');
  },
};
