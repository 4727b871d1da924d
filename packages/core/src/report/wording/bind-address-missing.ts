import { enableWaitOnline, str, type Wording } from './common.js';
import type { Details } from '../../rules/rule.js';

function where(d: Details): string {
  const address = d['address'];
  const port = d['port'] === null || d['port'] === undefined ? '' : `:${str(d['port'])}`;
  if (address === null || address === undefined) return 'the address it was configured for (the line does not name it)';
  return String(address).includes(':') ? `[${str(address)}]${port}` : `${str(address)}${port}`;
}

/** The program's own way to bind an address that is not there yet, where it has one (checked against each program's documentation). */
function ownOption(program: string, unit: string): string | null {
  const p = `${program} ${unit}`.toLowerCase();
  if (/\.socket\b/.test(p)) return `FreeBind=yes in the [Socket] section of ${unit} (systemd sets IP_FREEBIND on the socket)`;
  if (/haproxy/.test(p)) return 'the `transparent` option on the `bind` line (haproxy binds an address the node does not have; Linux, needs CAP_NET_ADMIN)';
  if (/unbound/.test(p)) return '`ip-freebind: yes` in unbound.conf';
  if (/\bnsd\b/.test(p)) return '`ip-freebind: yes` in nsd.conf';
  if (/dnsmasq/.test(p)) return '`bind-dynamic` instead of `bind-interfaces` in dnsmasq.conf (dnsmasq then binds addresses as they appear)';
  if (/named|bind9/.test(p)) return 'nothing to set: named listens on addresses that appear later when it rescans the interfaces (`interface-interval`; automatic on Linux since BIND 9.16)';
  if (/redis/.test(p)) return 'prefix the address with `-` on the `bind` line (`bind -192.0.2.10`; Redis 7 and later): Redis then starts without it';
  if (/nginx/.test(p)) return 'nginx has no freebind option on `listen`: listen on the wildcard (`listen 80;`) or let it bind early (2.)';
  if (/sshd?\b|ssh\./.test(p)) return 'sshd has no freebind option: drop the ListenAddress line (it then listens on every address) or let it bind early (2.)';
  return null;
}

export const bindAddressMissing: Wording = {
  summary(d) {
    const n = Number(d['failures']);
    const unit = d['unit'] === null || d['unit'] === undefined ? '' : ` (${str(d['unit'])})`;
    return `${str(d['program'])}${unit} could not bind ${where(d)}: the node did not have that address at that moment` +
      `${n > 1 ? ` (${n} attempts)` : ''}${d['unitFailed'] === true ? '; the unit failed' : ''}`;
  },
  remediation(d) {
    const program = str(d['program']);
    const unit = typeof d['unit'] === 'string' ? d['unit'] : `${program}.service`;
    const family = d['family'] === 'ipv6' || String(d['address'] ?? '').includes(':') ? 'ipv6' : 'ipv4';
    const own = ownOption(program, unit);
    const lines = [
      `What happened: ${program} asked the kernel for ${where(d)} and got EADDRNOTAVAIL ("${str(d['reason'] ?? 'Cannot assign requested address')}"): ` +
      'no interface had that address at that moment. The input does not show the address arriving later, so the cause is one of:',
      '  - the service started before the interface was configured (DHCP not done yet, a bridge or VLAN still being created);',
      family === 'ipv6'
        ? '  - the IPv6 address was still tentative: duplicate address detection (DAD) holds a new address for about a second, and binds fail until it ends;'
        : '  - the address comes late: a DHCP lease, or a virtual IP that keepalived/kube-vip only adds on the active node;',
      '  - the address moved or was removed (a new DHCP lease, a changed static configuration): the service is configured for an old one.',
      'What to change (one of):',
      `  1. Order ${unit} after the address is there: Wants=network-online.target and After=network-online.target in the unit, and ` +
      `${enableWaitOnline(null)} — with networkd, make the wait-online service wait for this interface (--interface=<if>:routable).`,
      `  2. Let it bind an address that is not there yet: sysctl -w net.${family}.ip_nonlocal_bind=1 (persist it in /etc/sysctl.d/); ` +
      'the socket works once the address appears.',
    ];
    if (own) lines.push(`  3. ${own}.`);
    lines.push('If the address is simply wrong (it moved for good), correct it in the service\'s configuration.');
    return lines.join('\n');
  },
};
