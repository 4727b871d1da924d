import test from 'ava';
import { readFileSync } from 'node:fs';
import type { TimelineEvent } from '@bootlens/core';
import { analyzeText, isoLine } from './helpers/analyze.js';
import { recognize, recognizeAll } from './helpers/recognize.js';

const kinds = (events: TimelineEvent[]) => events.map((e) => e.kind);

// --- systemd-networkd ------------------------------------------------------------------------

test('networkd: DHCPv4 line gives the address and the lease with gateway and server (systemd/systemd#23005 wording)', (t) => {
  const events = recognize('systemd-networkd', 'eth0: DHCPv4 address 10.193.102.105/24, gateway 10.193.102.254 acquired from 10.193.102.1');
  t.deepEqual(kinds(events), ['address-added', 'dhcp-lease']);
  t.like(events[1], { interface: 'eth0', address: '10.193.102.105', prefixLength: 24, gateway: '10.193.102.254', server: '10.193.102.1', via: 'systemd-networkd' });
});

test('networkd: json/export fields INTERFACE=, ADDRESS=, PREFIXLEN=, GATEWAY= win over the text', (t) => {
  const [added, lease] = recognize('systemd-networkd', 'eth0: DHCPv4 address 10.0.0.5/24 via 10.0.0.1',
    { fields: { INTERFACE: 'enp3s0', ADDRESS: '10.0.0.5', PREFIXLEN: '23', GATEWAY: '10.0.0.254' } });
  t.like(added, { interface: 'enp3s0', prefixLength: 23 });
  t.like(lease, { gateway: '10.0.0.254' });
});

test('networkd: links up and down, carrier, renames (systemd/systemd#21912, #19855, #4354, #7143)', (t) => {
  const events = recognizeAll([
    // "Dec 27 17:03:47 localhost systemd-networkd[276]: lo: Link UP" (systemd#21912)
    ['systemd-networkd', 'lo: Link UP'],
    // "Dec 27 17:03:47 localhost systemd-networkd[276]: eth0: Interface name change detected, renamed to ens160." (systemd#21912)
    ['systemd-networkd', 'eth0: Interface name change detected, renamed to ens160.'],
    // "Dec 27 17:03:48 localhost systemd-networkd[276]: ens160: Gained carrier" (systemd#21912)
    ['systemd-networkd', 'ens160: Gained carrier'],
    // "systemd-networkd[376]: localnet: Renamed to eth0" (systemd PR#4354, older wording)
    ['systemd-networkd', 'localnet: Renamed to eth0'],
    // No real paste found: Lost carrier / Link DOWN (log_link_info(link, "Lost carrier") in networkd-link.c).
    ['systemd-networkd', 'ens160: Lost carrier'],
    ['systemd-networkd', 'ens160: Link DOWN'],
    // "ens160: Gained IPv6LL" names no address: not an event.
    ['systemd-networkd', 'ens160: Gained IPv6LL'],
  ]);
  t.deepEqual(kinds(events), ['link-up', 'interface-renamed', 'link-up', 'interface-renamed', 'link-down', 'link-down']);
  t.like(events[1], { formerName: 'eth0', interface: 'ens160' });
  t.like(events[2], { carrier: true });
  t.like(events[0], { carrier: false });
});

test('networkd: DHCPv6 address and lease lost (systemd#21912 "DHCPv6 lease lost"; DHCPv6 address line from networkd-dhcp6.c)', (t) => {
  const events = recognizeAll([
    ['systemd-networkd', 'ens160: DHCPv6 address 2001:db8::5/128 (valid for 1h 59min 59s, preferred for 1h 29min 59s)'],
    ['systemd-networkd', 'ens160: DHCPv6 lease lost'],
  ]);
  t.deepEqual(kinds(events), ['address-added', 'dhcp-lease', 'address-removed']);
  t.like(events[2], { address: '2001:db8::5', family: 'ipv6', prefixLength: 128 });
});

// --- NetworkManager --------------------------------------------------------------------------

test('NetworkManager: new lease with address= (home-assistant/operating-system#2341, find_string 57044315763)', (t) => {
  const events = recognizeAll([
    // "Feb 28 13:00:29 smsgateway NetworkManager[10101]: <info>  [1709121629.8411] dhcp4 (enp0s3): state changed new lease, address=10.0.2.15"
    ['NetworkManager', '<info>  [1709121629.8411] dhcp4 (enp0s3): state changed new lease, address=10.0.2.15'],
    // "Feb 03 18:33:36 homeassistant NetworkManager[358]: <info>  [1675449216.1316] dhcp4 (eth0): state changed extended -> extended, address=192.168.1.50"
    ['NetworkManager', '<info>  [1675449216.1316] dhcp4 (eth0): state changed extended -> extended, address=192.168.1.50'],
    // "… dhcp4 (eth0): state changed extended -> terminated" (home-assistant/operating-system#2341)
    ['NetworkManager', '<info>  [1675449299.9323] dhcp4 (eth0): state changed extended -> terminated'],
    // "… dhcp4 (wlo1): state changed new lease, address=192.168.1.192, acd pending" (find_string 56381096317)
    ['NetworkManager', '<info>  [1776178292.0000] dhcp4 (wlo1): state changed new lease, address=192.168.1.192, acd pending'],
  ]);
  t.deepEqual(kinds(events), ['address-added', 'dhcp-lease', 'address-added', 'dhcp-lease', 'address-removed', 'address-added', 'dhcp-lease']);
  t.like(events[0], { interface: 'enp0s3', address: '10.0.2.15', via: 'NetworkManager' });
  t.like(events[4], { interface: 'eth0', address: '192.168.1.50' });
  t.like(events[5], { interface: 'wlo1', address: '192.168.1.192' });
});

test('NetworkManager: older option lines fill in prefix, gateway and lease time (acassen/keepalived#972, find_string 44484179758)', (t) => {
  const events = recognizeAll([
    ['NetworkManager', '<info>  [1521732508.3093] dhcp4 (eth0):   address 192.168.137.100'],
    ['NetworkManager', '<info>  [1521732508.3094] dhcp4 (eth0):   plen 24 (255.255.255.0)'],
    ['NetworkManager', '<info>  [1521732508.3095] dhcp4 (eth0):   gateway 192.168.137.1'],
    ['NetworkManager', '<info>  [1521732508.3096] dhcp4 (eth0):   lease time 604800'],
  ]);
  t.deepEqual(kinds(events), ['address-added', 'dhcp-lease']);
  t.like(events[0], { address: '192.168.137.100', prefixLength: 24 });
  t.like(events[1], { gateway: '192.168.137.1', leaseSeconds: 604800, prefixLength: 24 });
});

test('NetworkManager: carrier and devices falling to unavailable (home-assistant/operating-system#2341, nymea-networkmanager#42)', (t) => {
  const events = recognizeAll([
    ['NetworkManager', "<info>  [1675449299.9318] device (eth0): state change: activated -> unavailable (reason 'carrier-changed', sys-iface-state: 'managed')"],
    ['NetworkManager', '<info>  [1608898884.7272] device (eth0): carrier: link connected'],
    ['NetworkManager', "<info>  [1693938630.0653] device (enp2s1): state change: config -> ip-config (reason 'none', sys-iface-state: 'managed')"],
    ['NetworkManager', '<info>  [1499305701.7102] manager: NetworkManager state is now CONNECTED_GLOBAL'],
  ]);
  t.deepEqual(kinds(events), ['link-down', 'link-up']);
});

test('NetworkManager words logged by another program are not NetworkManager', (t) => {
  t.deepEqual(recognize('nm-dispatcher', '<info>  [1709121629.8411] dhcp4 (enp0s3): state changed new lease, address=10.0.2.15'), []);
});

// --- dhclient and ifupdown -------------------------------------------------------------------

test('dhclient: DHCPACK and bound-to are tied to the DISCOVER/REQUEST of the same pid (find_string 56995719558, 56754880633)', (t) => {
  const events = recognizeAll([
    ['dhclient', 'DHCPDISCOVER on eth0 to 255.255.255.255 port 67 interval 7', { pid: 3751 }],
    ['dhclient', 'DHCPDISCOVER on eth1 to 255.255.255.255 port 67 interval 3', { pid: 3800 }],
    ['dhclient', 'DHCPREQUEST of 192.168.1.101 on eth0 to 255.255.255.255 port 67', { pid: 3751 }],
    ['dhclient', 'DHCPACK of 192.168.1.101 from 192.168.1.1', { pid: 3751 }],
    ['dhclient', 'bound to 192.168.1.101 -- renewal in 81910 seconds.', { pid: 3751 }],
  ]);
  t.deepEqual(kinds(events), ['address-added', 'dhcp-lease']);
  t.like(events[0], { interface: 'eth0', address: '192.168.1.101', via: 'dhclient' });
  t.like(events[1], { server: '192.168.1.1', renewSeconds: 81910 });
});

test('ifupdown: ifup repeats its dhclient\'s lines; the address appears once (neilbrown/gnubee-tools#15)', (t) => {
  const events = recognizeAll([
    // "Jan 06 23:21:58 gnubee.gnubee dhclient[1449]: DHCPREQUEST for 10.10.0.212 on ethblack to 255.255.255.255 port 67"
    ['dhclient', 'DHCPREQUEST for 10.10.0.212 on ethblack to 255.255.255.255 port 67', { pid: 1449 }],
    ['ifup', 'DHCPREQUEST for 10.10.0.212 on ethblack to 255.255.255.255 port 67', { pid: 1405 }],
    ['ifup', 'DHCPACK of 10.10.0.212 from 10.10.0.1', { pid: 1405 }],
    ['dhclient', 'DHCPACK of 10.10.0.212 from 10.10.0.1', { pid: 1449 }],
    ['dhclient', 'bound to 10.10.0.212 -- renewal in 20050 seconds.', { pid: 1449 }],
    ['ifup', 'bound to 10.10.0.212 -- renewal in 20050 seconds.', { pid: 1405 }],
  ]);
  t.deepEqual(kinds(events), ['address-added', 'dhcp-lease']);
  t.like(events[0], { interface: 'ethblack', address: '10.10.0.212' });
});

test('dhclient words from another program are not dhclient', (t) => {
  t.deepEqual(recognizeAll([['logger', 'DHCPREQUEST for 10.0.0.5 on eth0 to 255.255.255.255 port 67'], ['logger', 'bound to 10.0.0.5 -- renewal in 3 seconds.']]), []);
});

test('ifupdown with udhcpc names the interface through its unit (turnkeylinux/tracker#1492)', (t) => {
  // "Jul 27 23:11:41 canvas ifup[2225]: udhcpc: lease of 10.0.4.29 obtained, lease time 3600"
  t.deepEqual(recognize('ifup', 'udhcpc: lease of 10.0.4.29 obtained, lease time 3600'), []);
  const events = recognize('ifup', 'udhcpc: lease of 10.0.4.29 obtained, lease time 3600', { unit: 'ifup@eth1.service' });
  t.like(events[1], { kind: 'dhcp-lease', interface: 'eth1', address: '10.0.4.29', leaseSeconds: 3600, via: 'ifupdown' });
});

// --- dhcpcd ----------------------------------------------------------------------------------

test('dhcpcd: lease, addresses, carrier (find_string 1256439050 and 57023912285, NetworkConfiguration/dhcpcd#324, iiab/iiab#642)', (t) => {
  const events = recognizeAll([
    // "eth0: offered 192.168.0.254 from 192.168.0.1", "eth0: probing address 192.168.0.254/24", "eth0: leased 192.168.0.254 for 86400 seconds"
    ['dhcpcd', 'eth0: carrier acquired'],
    ['dhcpcd', 'eth0: offered 192.168.0.254 from 192.168.0.1'],
    ['dhcpcd', 'eth0: probing address 192.168.0.254/24'],
    ['dhcpcd', 'eth0: leased 192.168.0.254 for 86400 seconds'],
    // "Dec 31 12:26:05 localhost dhcpcd[10035]: br0: adding address fe80::eec9:547a:bad2:1bc9" (iiab/iiab#642)
    ['dhcpcd', 'br0: adding address fe80::eec9:547a:bad2:1bc9'],
    // No real paste found: `deleting address`, `carrier lost` (dhcpcd src/ipv6.c, src/if.c).
    ['dhcpcd', 'eth0: deleting address 192.168.0.254/24'],
    ['dhcpcd', 'eth0: carrier lost'],
  ]);
  t.deepEqual(kinds(events), ['link-up', 'address-added', 'dhcp-lease', 'address-added', 'address-removed', 'link-down']);
  t.like(events[2], { address: '192.168.0.254', prefixLength: 24, leaseSeconds: 86400, server: '192.168.0.1', via: 'dhcpcd' });
  t.like(events[3], { interface: 'br0', family: 'ipv6' });
  // "Apr 13 08:55:09 pi4 dhcpcd[316]: eth0: waiting for carrier" (k3s-io/k3s#1626) is not an event.
  t.deepEqual(recognize('dhcpcd', 'eth0: waiting for carrier'), []);
});

// --- wicked, cloud-init ----------------------------------------------------------------------

test('wicked: committed lease (find_string 20106840375; format string in wicked src/dhcp4/fsm.c)', (t) => {
  const events = recognizeAll([
    // "Jun 04 … wickedd-dhcp4[2563]: enp1s0f0: Received offer for 10.121.8.133 from 10.121.0.100" (openSUSE/wicked#271)
    ['wickedd-dhcp4', 'eth0: Received offer for 192.168.1.202 from 192.168.1.1'],
    // "Jan 19 10:12:39 localhost wickedd-dhcp4[502]: eth0: Committed DHCPv4 lease with address 192.168.1.202 (lease time 86400 sec, renew in 43200 sec, rebind in 75600 sec)"
    ['wickedd-dhcp4', 'eth0: Committed DHCPv4 lease with address 192.168.1.202 (lease time 86400 sec, renew in 43200 sec, rebind in 75600 sec)'],
  ]);
  t.deepEqual(kinds(events), ['address-added', 'dhcp-lease']);
  t.like(events[1], { interface: 'eth0', address: '192.168.1.202', leaseSeconds: 86400, server: '192.168.1.1', via: 'wicked' });
});

test('cloud-init ci-info rows, with and without the Scope column (find_string 4451430815, 48602492841)', (t) => {
  const events = recognizeAll([
    ['cloud-init', 'ci-info: | Device |  Up  |          Address           |       Mask      | Scope  |     Hw-Address    |'],
    ['cloud-init', 'ci-info: |  eth0  | True |      111.222.133.144       | 255.255.255.255 | global | 14:00:01:70:8a:fa |'],
    ['cloud-init', 'ci-info: |  eth0  | True |  2a03:1a8:b011:3437::1/64  |        .        | global | 14:00:01:70:8a:fa |'],
    ['cloud-init', 'ci-info: |  eth0  | True | 172.31.12.39 | 255.255.240.0 | 0a:57:5c:34:4e:fd |'],
  ]);
  t.deepEqual(events.map((e) => e.kind === 'address-added' && [e.interface, e.address, e.prefixLength, e.via]), [
    ['eth0', '111.222.133.144', 32, 'cloud-init'], ['eth0', '2a03:1a8:b011:3437::1', 64, 'cloud-init'], ['eth0', '172.31.12.39', 20, 'cloud-init'],
  ]);
});

// --- avahi, keepalived, kube-vip -------------------------------------------------------------

test('avahi: joining/registering and withdrawing/leaving, once each (find_string 57053924491, 13005341399)', (t) => {
  const events = recognizeAll([
    ['avahi-daemon', 'Joining mDNS multicast group on interface wlan0.IPv4 with address 192.168.1.69.'],
    ['avahi-daemon', 'Registering new address record for 192.168.1.69 on wlan0.IPv4.'],
    ['avahi-daemon', 'Registering new address record for fe80::221:5dff:fe42:e508 on wlan0.*.'],
    ['avahi-daemon', 'Withdrawing address record for 192.168.1.69 on wlan0.'],
    ['avahi-daemon', 'Leaving mDNS multicast group on interface wlan0.IPv4 with address 192.168.1.69.'],
  ]);
  t.deepEqual(kinds(events), ['address-added', 'address-added', 'address-removed']);
  t.like(events[0], { interface: 'wlan0', address: '192.168.1.69', via: 'avahi' });
});

test('keepalived: VIPs from gratuitous ARP, removed when leaving MASTER (acassen/keepalived#166, #472, #2469)', (t) => {
  const events = recognizeAll([
    ['Keepalived_vrrp', 'VRRP_Instance(VI_1) Entering MASTER STATE'],
    ['Keepalived_vrrp', 'VRRP_Instance(VI_1) Sending gratuitous ARPs on eth0 for 1.2.3.4'],
    ['Keepalived_vrrp', '(VI_2) Sending/queueing gratuitous ARPs on ens161 for 172.18.83.174'],
    ['Keepalived_vrrp', 'Sending gratuitous ARP on ens161 for 172.18.83.174'],
    ['Keepalived_vrrp', '(VI_1) Entering BACKUP STATE'],
  ]);
  t.deepEqual(kinds(events), ['address-added', 'address-added', 'address-removed']);
  t.like(events[2], { interface: 'eth0', address: '1.2.3.4', via: 'keepalived' });
});

test('kube-vip: ARP broadcast of the VIP, only as kube-vip\'s own logrus line (kube-vip/kube-vip#229)', (t) => {
  const line = 'time="2021-07-07T08:29:37Z" level=info msg="Broadcasting ARP update for 192.168.0.40 (00:50:56:a5:4f:05) via ens160"';
  t.like(recognize('kube-vip', line)[0], { kind: 'address-added', interface: 'ens160', address: '192.168.0.40', via: 'kube-vip' });
  t.deepEqual(recognize('bash', 'echo Broadcasting ARP update for 192.168.0.40 (00:50:56:a5:4f:05) via ens160'), []);
});

// --- kernel ----------------------------------------------------------------------------------

test('kernel: link and rename messages (systemd#14879, #7143, k3s#1626, k3s#5885, find_string 33854654370, shredos#212; udev: coreos/docs#125)', (t) => {
  const events = recognizeAll([
    ['kernel', 'igb 0000:01:00.0 enp1s0: renamed from eth0'],
    ['kernel', 'cdc_ether 1-1.6.3:1.0 idrac: renamed from eth0'],
    ['kernel', 'e1000: ens33 NIC Link is Up 1000 Mbps Full Duplex, Flow Control: None'],
    ['kernel', 'e1000e 0000:00:1f.6 eth0: NIC Link is Down'],
    ['kernel', 'bcmgenet fd580000.genet eth0: Link is Down'],
    ['kernel', 'IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready'],
    ['kernel', 'IPv6: ADDRCONF(NETDEV_UP): eth0: link is not ready'],
    ['systemd-udevd', 'renamed network interface eth0 to ens3'],
  ]);
  t.deepEqual(events.map((e) => `${e.kind} ${'interface' in e ? e.interface : ''}`), [
    'interface-renamed enp1s0', 'interface-renamed idrac', 'link-up ens33', 'link-down eth0', 'link-down eth0', 'link-up eth0', 'interface-renamed ens3',
  ]);
  t.like(events[0], { formerName: 'eth0', via: 'kernel' });
  t.deepEqual(recognize('myapp', 'igb 0000:01:00.0 enp1s0: renamed from eth0'), []);
});

// --- bind failures and wait-online -----------------------------------------------------------

test('bind failures of nginx, sshd, haproxy and Go programs (openHPI/poseidon#375, NixOS/nixpkgs#4748, mmumshad-kubernetes-the-hard-way#7, shakenfist#688, autobase#854)', (t) => {
  const events = recognizeAll([
    ['nginx', 'nginx: [emerg] bind() to [2001:1438:4010:4700::5:e2]:80 failed (99: Cannot assign requested address)'],
    ['nginx', 'nginx: [emerg] bind() to 192.168.0.104:80 failed (99: Cannot assign requested address)'],
    ['sshd', 'error: Bind to port 22 on 192.168.77.222 failed: Cannot assign requested address.'],
    ['haproxy', '[ALERT] 028/000017 (16567) : Starting frontend kubernetes: cannot bind socket [192.168.5.30:6443]'],
    ['etcd', 'listen tcp 192.168.255.10:2380: bind: cannot assign requested address'],
    ['bash', '{"level":"error","ts":"2024-12-19T13:27:46.359912Z","caller":"embed/etcd.go:539","msg":"creating peer listener failed","error":"listen tcp 20.244.40.54:2380: bind: cannot assign requested address"}'],
    // haproxy ≥ 2.4 with another errno is not a missing address (apache/cloudstack#10733).
    ['haproxy', '[ALERT]    (2066) : Binding [/etc/haproxy/haproxy.cfg:34] for proxy 10_0_53_2-53: cannot bind socket (Address already in use) for [10.0.53.2:53]'],
  ]);
  t.deepEqual(events.map((e) => e.kind === 'bind-failed' && `${e.program} ${e.address} ${e.port}`), [
    'nginx 2001:1438:4010:4700::5:e2 80', 'nginx 192.168.0.104 80', 'sshd 192.168.77.222 22', 'haproxy 192.168.5.30 6443',
    'etcd 192.168.255.10 2380', 'bash 20.244.40.54 2380',
  ]);
});

// shadowsocks/shadowsocks-libev#729 (ss-server), 3cky/mbusd#58: bind failures that name no address.
test('bind failures without an address or reason: ss-server, mbusd, chronyd, haproxy; their other error lines and a redis line stay as they were', (t) => {
  const events = recognizeAll([
    ['ss-server', ' 2016-07-19 21:47:50 ERROR: bind: Cannot assign requested address'],
    ['ss-server', ' 2016-07-19 21:47:50 ERROR: Could not bind'],
    ['mbusd', '14 May 2020 16:02:13 sock_create_server(): unable to bind() socket (Cannot assign requested address)'],
    ['mbusd', "14 May 2020 16:02:13 conn_init(): can't create listen socket (Cannot assign requested address)"],
    ['redis-server', 'Could not create server TCP listening socket ::1:6379: bind: Cannot assign requested address'],
    // dockur/chrony#18 (chronyd 4.6.1 in Docker, its own log), nbevans' haproxy init script output.
    ['chronyd', 'Could not open command socket on [::1]:323'],
    ['chronyd', 'Could not open NTP socket on [::]:123'],
    ['chronyd', 'Could not read valid frequency and skew from driftfile /var/lib/chrony/chrony.drift'],
    ['haproxy', '[ALERT] : Starting proxy Public-HTTPS: cannot bind socket'],
  ]);
  t.deepEqual(events.map((e) => e.kind === 'bind-failed' && `${e.program} ${e.address} ${e.port} ${e.reason}`), [
    'ss-server null null Cannot assign requested address', 'mbusd null null Cannot assign requested address', 'redis-server ::1 6379 Cannot assign requested address',
    'chronyd ::1 323 null', 'chronyd null 123 null', 'haproxy null null null',
  ]);
});

test('wait-online timeouts: networkd message, old wording, unit result; NetworkManager-wait-online failing (systemd#25607, #41220, NixOS/nixpkgs#180175)', (t) => {
  t.like(recognize('systemd-networkd-wait-online', 'Timeout occurred while waiting for network connectivity.')[0], { kind: 'wait-online-timeout', unit: 'systemd-networkd-wait-online.service' });
  t.like(recognize('systemd-networkd-wait-online', 'Event loop failed: Connection timed out')[0], { kind: 'wait-online-timeout' });
  // The unit's failure is also a unit-job event (phase failed, with its result: issue 19); the timeout is its own event.
  const timeoutOf = (message: string) => recognize('systemd', message).find((e) => e.kind === 'wait-online-timeout');
  t.like(timeoutOf("systemd-networkd-wait-online.service: Failed with result 'timeout'."), { kind: 'wait-online-timeout' });
  t.like(timeoutOf('NetworkManager-wait-online.service: Main process exited, code=exited, status=1/FAILURE'), { kind: 'wait-online-timeout', unit: 'NetworkManager-wait-online.service' });
  // networkd's waiter failing for another reason is not a timeout (but a failed unit).
  t.deepEqual(recognize('systemd', "systemd-networkd-wait-online.service: Failed with result 'exit-code'.").map((e) => e.kind === 'unit-job' && `${e.kind} ${e.phase} ${e.result}`), ['unit-job failed exit-code']);
});

// --- ip monitor ------------------------------------------------------------------------------

test('ip -ts monitor: real capture (iproute2 6.1.0 in a network namespace) gives links, renames and addresses by index', async (t) => {
  const capture = readFileSync(new URL('./fixtures/ip-monitor-veth.txt', import.meta.url), 'utf8');
  const report = await analyzeText(capture, 'ipmon.txt');
  t.is(report.inputs[0]!.format, 'ip-monitor');
  t.is(report.inputs[0]!.skipped, 0);
  const events = report.boots[0]!.events;
  const added = events.filter((e) => e.kind === 'address-added').map((e) => e.kind === 'address-added' && `${e.interface} ${e.address}/${e.prefixLength}`);
  t.deepEqual(added, ['veth0 192.168.2.10/24', 'veth0 2001:db8::5/64', 'enp3s0 10.0.0.7/8']);
  t.true(events.some((e) => e.kind === 'interface-renamed' && e.formerName === 'veth0' && e.interface === 'enp3s0'));
  const removed = events.filter((e) => e.kind === 'address-removed').map((e) => e.kind === 'address-removed' && `${e.interface} ${e.address}`);
  t.true(removed.includes('enp3s0 192.168.2.10'));
  const story = report.boots[0]!.addresses.find((a) => a.address === '192.168.2.10')!;
  t.deepEqual(story.interfaces, ['veth0', 'enp3s0']);
  t.is(story.interface, 'enp3s0');
  t.not(story.goneAtUs, null);
});

test('an ip monitor capture joins the journal boot it overlaps', async (t) => {
  const { analyze } = await import('@bootlens/core');
  const journal = [online(2.8), isoLine(3.0, 'k0s[891]', 'time="2024-11-20 09:27:03" level=info msg="using api address: 127.0.0.1"')].join('\n');
  const capture = '[2024-11-20T09:27:08.750123] 2: eth0    inet 192.168.2.10/24 brd 192.168.2.255 scope global dynamic eth0\n       valid_lft 86400sec preferred_lft 86400sec\n';
  const report = await analyze([{ path: 'j.log', content: journal }, { path: 'ipmon.txt', content: capture }]);
  t.is(report.boots.length, 1);
  t.like(report.boots[0]!.addresses[0], { address: '192.168.2.10', via: 'ip-monitor', appearedAtUs: 5_950_123 }); // since the journal's first entry (2.8 s)
  t.true(report.boots[0]!.findings.some((f) => f.rule === 'network-online-before-address'));
});

// --- address stories and rules ---------------------------------------------------------------

const online = (s: number) => isoLine(s, 'systemd[1]', 'Reached target network-online.target - Network is Online.');
const unit = (s: number, phase: string, what: string) => isoLine(s, 'systemd[1]', `${phase} ${what}`);

test('address stories follow an interface across its rename: eth0 early, enp3s0 later is one story', async (t) => {
  const lines = [
    isoLine(1.0, 'kernel', 'igb 0000:03:00.0 enp3s0: renamed from eth0'),
    isoLine(0.5, 'dhclient[700]', 'DHCPDISCOVER on eth0 to 255.255.255.255 port 67 interval 3'),
    isoLine(2.0, 'NetworkManager[600]', '<info>  [1732094822.0000] device (enp3s0): carrier: link connected'),
    isoLine(4.0, 'NetworkManager[600]', '<info>  [1732094824.0000] dhcp4 (enp3s0): state changed new lease, address=192.168.2.10'),
    isoLine(9.0, 'avahi-daemon[500]', 'Withdrawing address record for 192.168.2.10 on enp3s0.'),
  ];
  // The dhclient line refers to eth0 before the rename (input order = time order here).
  lines.sort((a, b) => a.localeCompare(b));
  const report = await analyzeText(lines.join('\n'));
  const boot = report.boots[0]!;
  t.like(boot.addresses[0], { address: '192.168.2.10', interface: 'enp3s0', via: 'NetworkManager', prefixLength: null, appearedAtUs: 3_500_000, goneAtUs: 8_500_000 });
  t.deepEqual(boot.addresses[0]!.seenBy, ['NetworkManager']);
  t.deepEqual(boot.addresses[0]!.interfaces, ['eth0', 'enp3s0']);
  t.deepEqual(boot.interfaces, [{ name: 'enp3s0', formerNames: ['eth0'], upAtUs: 1_500_000, downAtUs: null }]);
});

test('network-online-before-address works for every stack (dhclient, dhcpcd, NetworkManager, wicked)', async (t) => {
  const late = {
    dhclient: [isoLine(5, 'dhclient[7]', 'DHCPREQUEST for 10.0.0.9 on eth0 to 255.255.255.255 port 67'), isoLine(6, 'dhclient[7]', 'bound to 10.0.0.9 -- renewal in 300 seconds.')],
    dhcpcd: [isoLine(6, 'dhcpcd[316]', 'eth0: leased 10.0.0.9 for 86400 seconds')],
    NetworkManager: [isoLine(6, 'NetworkManager[5]', '<info>  [1732094826.0000] dhcp4 (eth0): state changed new lease, address=10.0.0.9')],
    wicked: [isoLine(6, 'wickedd-dhcp4[5]', 'eth0: Committed DHCPv4 lease with address 10.0.0.9 (lease time 600 sec, renew in 300 sec, rebind in 525 sec)')],
  };
  for (const [via, lines] of Object.entries(late)) {
    const report = await analyzeText([online(1), ...lines].join('\n'));
    const f = report.boots[0]!.findings.find((x) => x.rule === 'network-online-before-address');
    t.like(f, { details: { address: '10.0.0.9', interface: 'eth0', via, stack: via } }, via);
    t.regex(f!.remediation, via === 'dhcpcd' ? /-w/ : via === 'wicked' ? /WAIT_FOR_INTERFACES/ : via === 'dhclient' ? /ifupdown-wait-online/ : /NetworkManager-wait-online/, via);
  }
});

test('wait-online-missing: warning when the address came after the target, info when it was there, silent with a waiter', async (t) => {
  const lease = (s: number) => isoLine(s, 'NetworkManager[5]', `<info>  [1732094826.0000] dhcp4 (eth0): state changed new lease, address=10.0.0.9`);
  let report = await analyzeText([online(1), lease(6)].join('\n'));
  let f = report.boots[0]!.findings.find((x) => x.rule === 'wait-online-missing');
  t.like(f, { severity: 'warning', details: { stack: 'NetworkManager', firstAddressAfter: '10.0.0.9' } });
  t.regex(f!.remediation, /systemctl enable NetworkManager-wait-online\.service/);
  report = await analyzeText([lease(0.5), online(1)].join('\n'));
  f = report.boots[0]!.findings.find((x) => x.rule === 'wait-online-missing');
  t.is(f!.severity, 'info');
  report = await analyzeText([unit(0.2, 'Starting', 'NetworkManager-wait-online.service - Network Manager Wait Online...'), lease(0.5),
    unit(0.9, 'Finished', 'NetworkManager-wait-online.service - Network Manager Wait Online.'), online(1)].join('\n'));
  t.deepEqual(report.boots[0]!.findings.map((x) => x.rule), []);
});

test('wait-online-timeout: networkd waiter timing out names the unit, the wait and the address that came later', async (t) => {
  const report = await analyzeText([
    unit(1, 'Starting', 'systemd-networkd-wait-online.service - Wait for Network to be Online...'),
    isoLine(121, 'systemd-networkd-wait-online[400]', 'Timeout occurred while waiting for network connectivity.'),
    isoLine(121.1, 'systemd[1]', 'systemd-networkd-wait-online.service: Main process exited, code=exited, status=1/FAILURE'),
    unit(121.2, 'Failed to start', 'systemd-networkd-wait-online.service - Wait for Network to be Online.'),
    online(121.3),
    isoLine(130, 'systemd-networkd[300]', 'eth1: DHCPv4 address 10.1.0.5/24, gateway 10.1.0.1 acquired from 10.1.0.1'),
  ].join('\n'));
  const f = report.boots[0]!.findings.filter((x) => x.rule === 'wait-online-timeout');
  t.is(f.length, 1);
  t.like(f[0], { severity: 'warning', details: { unit: 'systemd-networkd-wait-online.service', reason: 'timeout', waitedMs: 120000, startedAtMs: 0 } });
  t.deepEqual(f[0]!.details['addressesLater'], ['10.1.0.5']);
  t.regex(f[0]!.summary, /^systemd-networkd-wait-online\.service timed out at 120\.000s after waiting 120\.000s; 10\.1\.0\.5 appeared only later$/);
  t.regex(f[0]!.remediation, /--interface=eth1:routable/);
});

test('bind-before-address: nginx failed on an address NetworkManager added later (openHPI/poseidon#375 lines)', async (t) => {
  const report = await analyzeText([
    unit(1.0, 'Starting', 'nginx.service - A high performance web server and a reverse proxy server...'),
    isoLine(1.1, 'nginx[631]', 'nginx: [emerg] bind() to 192.168.2.10:443 failed (99: Cannot assign requested address)'),
    isoLine(1.2, 'systemd[1]', "nginx.service: Control process exited, code=exited, status=1/FAILURE"),
    unit(1.3, 'Failed to start', 'nginx.service - A high performance web server and a reverse proxy server.'),
    isoLine(6.75, 'NetworkManager[5]', '<info>  [1732094826.7500] dhcp4 (eth0): state changed new lease, address=192.168.2.10'),
  ].join('\n'));
  const [f] = report.boots[0]!.findings.filter((x) => x.rule === 'bind-before-address');
  t.like(f, { severity: 'error', details: { address: '192.168.2.10', port: 443, program: 'nginx', unit: 'nginx.service', interface: 'eth0', via: 'NetworkManager', failedAtMs: 100, addressAppearedAtMs: 5750, gapMs: 5650 } });
  t.deepEqual(f!.evidence.map((e) => e.line), [2, 4, 5]);
  t.regex(f!.summary, /^nginx \(nginx\.service\) could not bind 192\.168\.2\.10:443 at 0\.100s; the address appeared on eth0 \(NetworkManager\) 5\.650s later$/);
  t.regex(f!.remediation, /ip_nonlocal_bind/);
  t.regex(f!.remediation, /nginx\.service\.d\/wait-for-address\.conf/);
});

test('bind-before-address: silent when the address never appears, or was there already', async (t) => {
  const bind = isoLine(3, 'sshd[1822]', 'error: Bind to port 22 on 192.168.77.222 failed: Cannot assign requested address.');
  let report = await analyzeText([bind].join('\n'));
  t.deepEqual(report.boots[0]!.findings.filter((x) => x.rule === 'bind-before-address'), []);
  report = await analyzeText([isoLine(1, 'dhcpcd[3]', 'eth0: leased 192.168.77.222 for 600 seconds'), bind, isoLine(5, 'dhcpcd[3]', 'eth0: leased 192.168.77.222 for 600 seconds')].join('\n'));
  t.deepEqual(report.boots[0]!.findings.filter((x) => x.rule === 'bind-before-address'), []);
});
