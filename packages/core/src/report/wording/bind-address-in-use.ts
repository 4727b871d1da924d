import { bindPlace, str, type Wording } from './common.js';
import type { Details } from '../../rules/rule.js';

function where(d: Details): string {
  return bindPlace(d, 'its port (the line names none)');
}

/** `ss` shows who holds a port: TCP and UDP for DNS (dnsmasq, named, unbound), TCP otherwise. */
function holderCommand(d: Details): string {
  const port = d['port'] === null || d['port'] === undefined ? null : str(d['port']);
  if (port === null) return 'ss -ltnup (every listening socket, with its process)';
  return `ss -ltnup 'sport = :${port}' (the listening socket on that port, with its process)`;
}

export const bindAddressInUse: Wording = {
  summary(d) {
    const n = Number(d['failures']);
    const unit = d['unit'] === null || d['unit'] === undefined ? '' : ` (${str(d['unit'])})`;
    return `${str(d['program'])}${unit} could not bind ${where(d)}: another process held the port (address in use)` +
      `${n > 1 ? ` (${n} attempts)` : ''}${d['unitFailed'] === true ? '; the unit failed' : ''}`;
  },
  remediation(d) {
    const program = str(d['program']);
    const lines = [
      `What happened: ${program} asked the kernel for ${where(d)} and got EADDRINUSE ("${str(d['reason'] ?? 'Address already in use')}"): ` +
      'a socket of another process (or an earlier copy of this one) was already bound there. The address itself was fine.',
      `Who holds it: on the machine, ${holderCommand(d)}.`,
      'What to change (one of):',
      '  1. Stop and disable the other service, or move one of the two to another port or address.',
      '  2. If the holder is an earlier copy of the same service (started by hand, by a socket unit and by its service, or not yet exited after a restart): let only one start it.',
    ];
    if (d['port'] === 53 || d['port'] === '53') {
      lines.push('  Port 53: systemd-resolved\'s stub listener holds 127.0.0.53:53 (and 127.0.0.54); set DNSStubListener=no in /etc/systemd/resolved.conf, or bind the DNS server to its own addresses only (dnsmasq: bind-interfaces with listen-address).');
    }
    return lines.join('\n');
  },
};
