import { enableWaitOnline, indent, list, secondsText, str, waitForAddressDropIn, type Wording } from './common.js';

export const bindBeforeAddress: Wording = {
  summary(d) {
    const n = Number(d['failures']);
    const port = d['port'] === null ? '' : `:${str(d['port'])}`;
    const address = String(d['address']).includes(':') ? `[${str(d['address'])}]${port}` : `${str(d['address'])}${port}`;
    return `${str(d['program'])} (${str(d['unit'])}) could not bind ${address} at ${secondsText(d['failedAtMs'])}` +
      `${n > 1 ? ` (${n} attempts)` : ''}; the address appeared on ${str(d['interface'])} (${str(d['via'])}) ${secondsText(d['gapMs'])} later`;
  },
  remediation(d) {
    const unit = str(d['unit']);
    const address = str(d['address']);
    const iface = str(d['interface']);
    const via = str(d['via']);
    const waited = list(d['waitOnlineUnits']);
    const stack = typeof d['stack'] === 'string' ? d['stack'] : via;
    const family = address.includes(':') ? 'ipv6' : 'ipv4';
    const lines = [
      `What happened: ${unit} started and tried to listen on ${address} before ${via} had put it on ${iface}; ` +
      `the kernel refused with EADDRNOTAVAIL ("Cannot assign requested address").` +
      (d['unitGuessed'] === true ? ` (The journal did not name the unit; ${unit} is a guess from the program name.)` : ''),
      waited.length > 0
        ? `${waited.join(', ')} ran, but it considers the network online without this address.`
        : 'No wait-online service ran, so After=network-online.target did not wait for any address.',
      'What to change (one of):',
      `  1. Make ${unit} wait for the address itself. A drop-in:\n${indent(waitForAddressDropIn(unit, iface, address), 5)}`,
      `  2. Let it bind an address that is not there yet (the kernel accepts the socket and traffic flows once the address appears): ` +
      `sysctl -w net.${family}.ip_nonlocal_bind=1, persisted in /etc/sysctl.d/60-nonlocal-bind.conf` +
      (via === 'keepalived' || via === 'kube-vip' ? ' — the usual setting for services on a virtual IP.' : '.'),
      `  3. Order it after the network is online: Wants=network-online.target and After=network-online.target in ${unit}, and ${enableWaitOnline(stack)}.`,
    ];
    if (/sshd?|ssh/.test(str(d['program']))) lines.push('  (sshd: or drop the ListenAddress line so that it listens on every address.)');
    return lines.join('\n');
  },
};
