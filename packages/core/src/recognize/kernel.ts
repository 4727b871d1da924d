import { interfaceRenamed, linkDown, linkUp } from './net.js';
import { componentFailure, type Recognizer } from './recognizer.js';

const VIA = 'kernel';

// Driver link messages: `e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx` (netdev_info),
// `e1000: ens33 NIC Link is Up 1000 Mbps Full Duplex, Flow Control: None` (older pr_info form), `… eth0: NIC Link is Down`;
// phylib: `bcmgenet fd580000.genet eth0: Link is Down`, `… eth0: Link is Up - 1Gbps/Full - flow control rx/tx`.
const NIC_LINK = /(?:^|[ :])([^\s:]+):? NIC Link is (Up|Down)\b/;
const PHY_LINK = /^\S+ \S+ ([^\s:]+): Link is (Up|Down)\b/;
// Realtek's own drivers (r8168, r8125, r8152 from realtek.com) print `r8168: eth0: link up` and `… link down`
// (coolsnowwolf/lede#7357, csrutil/OpenWrt-NIC-Drivers#9).
const REALTEK_LINK = /^r81\d\d\w?: ([^\s:]+): link (up|down)$/;
// Mellanox Spectrum switch ports (mlxsw, netdev_info): `mlxsw_spectrum 0000:01:00.0 swp2: link up` (dentproject/dentOS#11).
const NETDEV_LINK = /^mlxsw_\w{1,20} [\da-f]{4}:[\da-f]{2}:[\da-f]{2}\.[\da-f] ([^\s:]+): link (up|down)$/;
// `IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready` (addrconf: the carrier came).
const ADDRCONF_READY = /^IPv6: ADDRCONF\(NETDEV_CHANGE\): ([^\s:]+): link becomes ready$/;
// `igb 0000:01:00.0 enp1s0: renamed from eth0` (net/core/dev.c, via netdev_info), `pppoe-PPPoE: renamed from ppp0`.
const RENAMED = /(?:^|\s)([^\s:]+): renamed from (\S+)$/;
// udev before v2xx logged renames itself: `systemd-udevd[291]: renamed network interface eth0 to ens3` (coreos/docs#125).
const UDEV_RENAMED = /^renamed network interface (\S+) to (\S+)$/;
// A NIC's transmit unit stopped (the driver resets it; traffic stalls meanwhile): e1000e's netdev_err
// `e1000e 0000:00:19.0 eth0: Detected Hardware Unit Hang:` (gislab/gislab#407, openmptcprouter#286),
// igb's dev_err `igb 0000:09:00.0: Detected Tx Unit Hang` (AVnu/OpenAvnu#210). Driver, PCI address, interface when named.
const NIC_HANG = /^([\w-]+) ([\da-f]{4}:[\da-f]{2}:[\da-f]{2}\.[\da-f])(?: ([^\s:]+))?: Detected (?:Hardware|Tx) Unit Hang\b/;
// udev could not give an interface its predictable name (something held it up already):
// `eth0: Failed to rename network interface 2 from 'eth0' to 'ens3': Device or resource busy` (systemd/systemd#15445).
const UDEV_RENAME_FAILED = /^(?:[^\s:]+: )?Failed to rename network interface \d+ from '([^'\s]+)' to '[^'\s]+': (.+)$/;

/** The kernel's link and rename messages, NIC hangs, and udev's rename messages (done or failed). */
export const kernel: Recognizer = {
  id: 'kernel',
  needles: ['Link is ', 'link becomes ready', ': link up', ': link down', 'renamed from ', 'renamed network interface ', 'Failed to rename network interface ', ' Unit Hang'],
  identifiers: ['kernel', 'systemd-udevd'],
  recognize(entry, ctx) {
    const message = entry.message;
    if (entry.identifier === 'systemd-udevd') {
      const udev = UDEV_RENAMED.exec(message);
      if (udev) return interfaceRenamed(ctx, entry, udev[1]!, udev[2]!, 'udev');
      const failed = UDEV_RENAME_FAILED.exec(message);
      if (failed) componentFailure(ctx, entry, 'interface-rename-failed', { component: 'udev', subject: failed[1]!, error: failed[2]! });
      return;
    }
    if (entry.identifier !== 'kernel') return;
    const link = NIC_LINK.exec(message) ?? PHY_LINK.exec(message) ?? REALTEK_LINK.exec(message) ?? NETDEV_LINK.exec(message);
    if (link) {
      if (link[2] === 'Up' || link[2] === 'up') linkUp(ctx, entry, link[1]!, VIA, true);
      else linkDown(ctx, entry, link[1]!, VIA, true);
      return;
    }
    const realtek = REALTEK_LINK.exec(message);
    if (realtek) return realtek[2] === 'up' ? linkUp(ctx, entry, realtek[1]!, VIA, true) : linkDown(ctx, entry, realtek[1]!, VIA, true);
    const ready = ADDRCONF_READY.exec(message);
    if (ready) return linkUp(ctx, entry, ready[1]!, VIA, true);
    const renamed = RENAMED.exec(message);
    if (renamed) return interfaceRenamed(ctx, entry, renamed[2]!, renamed[1]!, VIA);
    const hang = NIC_HANG.exec(message);
    if (hang) componentFailure(ctx, entry, 'nic-hang', { component: hang[1]!, subject: hang[3] ?? hang[2]!, error: null });
  },
};
