import test from 'ava';
import { recognize, recognizeAll } from './helpers/recognize.js';

// Network and clock message variants the corpus shows (issue 15), each with its real line and source.

test('networkd rename, v247–v249 wording: "eth0 has been renamed to ens3" (systemd#17803, #21853)', (t) => {
  // https://github.com/systemd/systemd/issues/17803
  t.like(recognize('systemd-networkd', 'eth0: Interface name change detected, eth0 has been renamed to ens3.')[0],
    { kind: 'interface-renamed', interface: 'ens3', formerName: 'eth0', via: 'systemd-networkd' });
  // https://github.com/systemd/systemd/issues/21853
  t.like(recognize('systemd-networkd', 'eth6: Interface name change detected, eth6 has been renamed to eno1v22.')[0], { interface: 'eno1v22', formerName: 'eth6' });
  t.is(recognize('systemd-networkd', 'ens3: Interface is being renamed, pending initialization.').length, 0);
});

test('networkd configuring an address, debug level: old "Updating address:" and v250+ "Requesting DHCPv4 address (configured):"', (t) => {
  // https://github.com/systemd/systemd/issues/15445
  const old = recognize('systemd-networkd', 'eth1: Updating address: 172.20.1.5/24 (valid forever)');
  t.is(old.length, 1);
  t.like(old[0], { kind: 'address-added', interface: 'eth1', address: '172.20.1.5', prefixLength: 24 });
  // https://github.com/systemd/systemd/issues/33306
  const v250 = recognize('systemd-networkd', 'eth1: Requesting DHCPv4 address (configured): 192.168.10.161/24 (valid for 2d 23h 59min 59s, preferred for 2d 23h 59min 59s), flags: n/a, scope: global');
  t.deepEqual(v250.map((e) => e.kind), ['address-added', 'dhcp-lease']);
  t.like(v250[1], { interface: 'eth1', address: '192.168.10.161', prefixLength: 24 });
  // After the info-level lease line, the debug line adds no second lease.
  const both = recognizeAll([
    ['systemd-networkd', 'eth1: DHCPv4 address 192.168.10.161/24, gateway 192.168.10.1 acquired from 192.168.10.1'],
    ['systemd-networkd', 'eth1: Requesting DHCPv4 address (configured): 192.168.10.161/24 (valid for 2d 23h 59min 59s, preferred for 2d 23h 59min 59s), flags: n/a, scope: global'],
  ]);
  t.is(both.filter((e) => e.kind === 'dhcp-lease').length, 1);
  t.is(recognize('systemd-networkd', 'eth1: Removing DHCPv4 address (configured): 192.168.10.161/24 (valid for 2d, preferred for 2d), flags: n/a, scope: global').length, 0);
  t.is(recognize('NetworkManager', 'eth1: Updating address: 172.20.1.5/24 (valid forever)').length, 0);
});

test('Realtek r8168/r8125 out-of-tree drivers: "r8168: eth0: link up" (lede#7357, OpenWrt-NIC-Drivers#9)', (t) => {
  // https://github.com/coolsnowwolf/lede/issues/7357
  t.like(recognize('kernel', 'r8168: eth0: link down')[0], { kind: 'link-down', interface: 'eth0', via: 'kernel', carrier: true });
  // https://github.com/csrutil/OpenWrt-NIC-Drivers/issues/9
  t.like(recognize('kernel', 'r8125: eth2: link up')[0], { kind: 'link-up', interface: 'eth2', via: 'kernel', carrier: true });
  t.is(recognize('kernel', 'r8125: eth2: link up again').length, 0);
});

test('Mellanox Spectrum switch ports (mlxsw): "mlxsw_spectrum 0000:01:00.0 swp2: link up" (dentOS#11)', (t) => {
  // https://github.com/dentproject/dentOS/issues/11
  t.like(recognize('kernel', 'mlxsw_spectrum 0000:01:00.0 swp2: link up')[0], { kind: 'link-up', interface: 'swp2', via: 'kernel', carrier: true });
  t.like(recognize('kernel', 'mlxsw_spectrum 0000:01:00.0 swp1: link down')[0], { kind: 'link-down', interface: 'swp1' });
  t.like(recognize('kernel', 'mlxsw_spectrum 0000:01:00.0 swp25: renamed from eth0')[0], { kind: 'interface-renamed', interface: 'swp25', formerName: 'eth0' });
  t.is(recognize('kernel', 'mlxsw_spectrum 0000:01:00.0 swp2: link up again').length, 0);
});

test('NixOS network-addresses-<ifname>: "adding address A/P... done", an address already there, a failure, the old "added ip"', (t) => {
  // https://github.com/nix-community/nixos-infect/issues/209
  t.like(recognize('network-addresses-eth0-start', 'adding address 68.183.215.64/20... done')[0],
    { kind: 'address-added', interface: 'eth0', address: '68.183.215.64', prefixLength: 20, via: 'nixos' });
  // The same paste: `File exists` prints nothing, so the next echo runs on; the address is there.
  t.like(recognize('network-addresses-eth0-start', 'adding address fe80::1476:abff:fe53:1586/64... adding route 68.183.208.1/32... done')[0],
    { address: 'fe80::1476:abff:fe53:1586', family: 'ipv6' });
  // https://github.com/NixOS/nixpkgs/issues/306841: the address could not be added.
  t.is(recognize('network-addresses-venet0-start', "adding address 2a03:3b40:101:6f:3ca6:ef1a:e811:5488/64... 'ip addr add 2a03:3b40:101:6f:3ca6:ef1a:e811:5488/64 dev venet0' failed: RTNETLINK answers: Cannot assign requested address").length, 0);
  // https://github.com/NixOS/nixops/issues/833
  t.like(recognize('network-addresses-eth0-start', 'added ip 46.4.89.8/27')[0], { interface: 'eth0', address: '46.4.89.8', prefixLength: 27 });
  t.like(recognize('network-addresses-eno1.service', 'adding address 192.168.178.7/24... done')[0], { interface: 'eno1' });
  t.is(recognize('myscript', 'adding address 192.168.178.7/24... done').length, 0);
});

test('chronyd about to step: "System clock wrong by N seconds" without ", adjustment started" (rockstor-core#2843)', (t) => {
  // https://github.com/rockstor/rockstor-core/issues/2843
  t.like(recognize('chronyd', 'System clock wrong by 5447576.763763 seconds')[0], { kind: 'clock-step', via: 'chronyd', stepUs: 5447576763763 });
  t.like(recognize('chronyd', 'System clock wrong by -32400.283303 seconds, adjustment started')[0], { stepUs: -32400283303 });
  t.is(recognize('chronyd', 'System clock wrong by many seconds').length, 0);
});
