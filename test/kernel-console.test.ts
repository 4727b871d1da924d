import test from 'ava';
import { analyze, readInput, type InputFormat, type JournalEntry } from '@bootlens/core/internal';
import { undecorate } from '../packages/core/src/parse/decorations.js';

// Issue 14, items 1-2: line decorations, syslog as rsyslog and syslog-ng write it, the kernel ring
// buffer, console captures. Every log line below is quoted from the public source named beside it
// (most are in test/corpus/syslog, kernel and console).

interface Read {
  entries: JournalEntry[];
  summary: Awaited<ReturnType<typeof readInput>>['summary'];
  diagnostics: Awaited<ReturnType<typeof readInput>>['diagnostics'];
}

async function read(lines: readonly string[], options: { format?: InputFormat; year?: number; timeZone?: string } = { timeZone: 'UTC' }): Promise<Read> {
  const entries: JournalEntry[] = [];
  const result = await readInput({ path: 'paste.log', content: lines.join('\n') + '\n' }, {
    entry: (e) => entries.push(e),
    bootMarker: () => {},
  }, options);
  t0(result.summary);
  return { entries, ...result };
}

/** Every line is counted: understood or skipped. */
function t0(summary: Read['summary']): void {
  if (summary.lines !== summary.parsed + summary.skipped) throw new Error(`lines ${summary.lines} != parsed ${summary.parsed} + skipped ${summary.skipped}`);
}

const iso = (us: number | null) => (us === null ? null : new Date(us / 1000).toISOString());

// ---- decorations ---------------------------------------------------------------------------------

test('decorations: grep -n numbers, grep -H names and > quotes go; ip addr indices, clock times and prompts stay', (t) => {
  // openSUSE/wicked#271 (grep -rni over /var/log/messages).
  const wicked = '1:2014-06-04T16:17:42.020445+02:00 fux wickedd-dhcp4[2563]: enp1s0f0: Request to acquire DHCPv4 lease with UUID 852a8f53-2243-0300-050a-000004000000';
  t.is(undecorate(wicked), wicked.slice(2));
  // minipli/linux-unofficial_grsec#17, as `grep -H eth1 /var/log/syslog` and `grep -Hn` print it.
  const grsec = 'Jan  1 19:18:05 gdOv kernel: [  874.226421] sky2 0000:06:00.0 eth1: Link is up at 100 Mbps, full duplex, flow control both';
  t.is(undecorate(`/var/log/syslog:${grsec}`), grsec);
  t.is(undecorate(`/var/log/syslog:1234:${grsec}`), grsec);
  t.is(undecorate(`./syslog.1:${grsec}`), grsec);
  // systemd/systemd#7604 (a journal quoted in a reply).
  t.is(undecorate('> Dez 13 10:12:41 pc5 systemd-networkd-wait-online[284]: Event loop failed: Connection timed out'),
    'Dez 13 10:12:41 pc5 systemd-networkd-wait-online[284]: Event loop failed: Connection timed out');
  t.is(undecorate('> > Jul 17 04:19:28 intranet chronyd[17789]: Selected source 81.19.96.148'), 'Jul 17 04:19:28 intranet chronyd[17789]: Selected source 81.19.96.148');
  // Not decorations: `ip addr` (rogers0/OpenLinkstation#13), a clock time, a message naming a file, a prompt, ISO and unix stamps.
  for (const kept of [
    '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq qlen 1000',
    '09:18:29 up 3 days',
    '/usr/bin/k3s: error while loading shared libraries',
    '$ journalctl -u k3s -o short-iso -n10',
    '2024-10-15T17:30:14Z Could not open command socket on [::1]:323',
    '1700000000.123456 host x: y',
  ]) t.is(undecorate(kept), kept);
});

test('decorations: a line wrapped whole in inline code, and talosctl\'s node prefix (talos#8714)', (t) => {
  // siderolabs/talos#8714: `talosctl logs kubelet` for several nodes, pasted as inline code.
  const zap = '{"ts":1715089289928.7717,"caller":"kubelet/kubelet_node_status.go:701","msg":"Failed to set some node status fields"}';
  t.is(undecorate(`\`10.224.238.2: ${zap}\``), zap);
  t.is(undecorate(`10.224.238.2: ${zap}`), zap);
  // systemd/systemd#7604, the line quoted as inline code.
  t.is(undecorate('`Dez 13 10:12:41 pc5 systemd[1]: Started x.`  '), 'Dez 13 10:12:41 pc5 systemd[1]: Started x.');
  // Not decorations: code that does not span the line, an address that is the message, a version.
  // The first and last line of inline code spread over lines (distro-delves#95): the backtick is taken off.
  t.is(undecorate('`Startup finished in 2.860s (firmware) + 3.034s (loader)'), 'Startup finished in 2.860s (firmware) + 3.034s (loader)');
  t.is(undecorate('graphical.target reached after 954ms in userspace`'), 'graphical.target reached after 954ms in userspace');
  for (const kept of ['`a` and `b`', '``', '`', 'a `b` c`', '10.0.0.1:443 refused', '10.0.0.1 host x: y', '1.2.3: not an address', '1.2.3.4.5: no']) {
    t.is(undecorate(kept), kept);
  }
});

test('decorations: a grep -n paste of rsyslog RFC 3339 lines reads with every line counted (wicked#271)', async (t) => {
  const { entries, summary } = await read([
    'fux:~/wicked/git/:[0]# grep -rni "dhcp4" /var/log/messages',
    '',
    '1:2014-06-04T16:17:42.020445+02:00 fux wickedd-dhcp4[2563]: enp1s0f0: Request to acquire DHCPv4 lease with UUID 852a8f53-2243-0300-050a-000004000000',
    '7:2014-06-04T16:17:42.052389+02:00 fux wickedd-dhcp4[2563]: enp1s0f0: Committed DHCPv4 lease with address 10.121.8.133, for 14400 seconds',
  ]);
  t.like(summary, { lines: 4, skipped: 1, entries: 2, format: 'short-iso-precise' });
  t.like(entries[1], { hostname: 'fux', identifier: 'wickedd-dhcp4', pid: 2563, message: 'enp1s0f0: Committed DHCPv4 lease with address 10.121.8.133, for 14400 seconds' });
  t.is(entries[1]!.source.line, 4);
  t.is(iso(entries[1]!.realtimeUs), '2014-06-04T14:17:42.052Z');
});

test('decorations: a > quoted journal in a reply reads as the journal (systemd#7604)', async (t) => {
  const { entries, summary } = await read([
    '> Dez 13 10:12:41 pc5 systemd-networkd-wait-online[284]: Event loop failed: Connection timed out',
    '> Dez 13 10:12:41 pc5 systemd[1]: systemd-networkd-wait-online.service: Main process exited, > code=exited, status=1/FAILURE',
  ], { year: 2017, timeZone: 'UTC' });
  t.like(summary, { format: 'short', lines: 2, parsed: 2, skipped: 0 });
  t.like(entries[0], { hostname: 'pc5', identifier: 'systemd-networkd-wait-online', pid: 284 });
  // The quote mark a rejoined wrap left after the comma is not part of the message.
  t.is(entries[1]!.message, 'systemd-networkd-wait-online.service: Main process exited, code=exited, status=1/FAILURE');
  // Only in quoted lines, and only after a comma or semicolon: a comparison stays.
  t.is(undecorate('> Dez 13 10:12:41 pc5 app[1]: load > limit, > 5 jobs'), 'Dez 13 10:12:41 pc5 app[1]: load > limit, 5 jobs');
  t.is(undecorate('Dez 13 10:12:41 pc5 app[1]: done, > 5 jobs'), 'Dez 13 10:12:41 pc5 app[1]: done, > 5 jobs');
});

// ---- syslog ------------------------------------------------------------------------------------------

test('syslog RFC 3339 (rsyslog RSYSLOG_FileFormat): offsets with a colon, the kernel stamp and caller id inside (systemd#24102)', async (t) => {
  const { entries, summary } = await read([
    '2022-07-25T07:58:39.621962+02:00 linux02 kernel: [ 1465.121238][ T8589] e1000e: Intel(R) PRO/1000 Network Driver',
    '2022-07-25T07:58:39.621974+02:00 linux02 kernel: [ 1465.121241][ T8589] e1000e: Copyright(c) 1999 - 2015 Intel Corporation.',
  ]);
  t.like(summary, { format: 'short-iso-precise', parsed: 2, skipped: 0 });
  t.like(entries[0], { hostname: 'linux02', identifier: 'kernel', monotonicUs: 1465121238, message: 'e1000e: Intel(R) PRO/1000 Network Driver' });
  t.is(entries[0]!.fields['_SOURCE_MONOTONIC_TIMESTAMP'], '1465121238');
  t.is(iso(entries[0]!.realtimeUs), '2022-07-25T05:58:39.621Z');
});

test('syslog traditional with the kernel stamp: monotonic time from the stamp, no clock step from a logger reading the ring buffer late', async (t) => {
  // rogers0/OpenLinkstation#13 (Debian installer syslog, no host name).
  const { entries } = await read([
    'Jan  1 00:00:21 netcfg[1115]: INFO: ethtool-lite: eth0: carrier down',
    'Jan  1 00:00:21 kernel: [   23.500983] mv643xx_eth_port mv643xx_eth_port.0 eth0: link up, 100 Mb/s, full duplex, flow control disabled',
  ], { year: 2015, timeZone: 'UTC' });
  t.like(entries[1], { hostname: null, identifier: 'kernel', monotonicUs: 23500983, message: 'mv643xx_eth_port mv643xx_eth_port.0 eth0: link up, 100 Mb/s, full duplex, flow control disabled' });
  // RobertCNelson/omap-image-builder#37: rsyslog wrote lines 65 s apart on the kernel's clock 3 s apart
  // (it read the ring buffer late); that is no clock step.
  const report = await analyze([{ path: 'messages', content: [
    'Sep  1 09:35:27 bbb kernel: [    4.612459] IPv6: ADDRCONF(NETDEV_UP): eth0: link is not ready',
    'Sep  1 09:35:30 bbb kernel: [   70.219248] can: controller area network core (rev 20120528 abi 9)',
    'Sep  1 09:35:30 bbb kernel: [   70.219368] NET: Registered protocol family 29',
  ].join('\n') }], { year: 2015, timeZone: 'UTC' });
  t.deepEqual(report.boots.flatMap((b) => b.events).map((e) => e.kind), []);
  t.false(report.boots.some((b) => b.events.some((e) => e.kind === 'clock-step')));
});

test('syslog RFC 5424: priority, facility, nil values, structured data, a BOM (RFC 5424 section 6.5)', async (t) => {
  // The examples of RFC 5424 section 6.5, as printed there (the BOM written as U+FEFF).
  const { entries, summary } = await read([
    '<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \ufeff\'su root\' failed for lonvick on /dev/pts/8',
    '<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It\'s time to make the do-nuts.',
    '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] \ufeffAn application event log entry...',
    '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"]',
  ]);
  t.like(summary, { format: 'syslog-rfc5424', lines: 4, parsed: 4, skipped: 0 });
  t.like(entries[0], { hostname: 'mymachine.example.com', identifier: 'su', pid: null, priority: 2, message: '\'su root\' failed for lonvick on /dev/pts/8' });
  t.is(iso(entries[0]!.realtimeUs), '2003-10-11T22:14:15.003Z');
  t.deepEqual(entries[0]!.fields, { SYSLOG_FACILITY: '4', MSGID: 'ID47' });
  t.like(entries[1], { identifier: 'myproc', pid: 8710, priority: 5, message: '%% It\'s time to make the do-nuts.' });
  t.is(iso(entries[1]!.realtimeUs), '2003-08-24T12:14:15.000Z');
  t.is(entries[1]!.realtimeUs! % 1000, 3);
  t.is(entries[2]!.message, 'An application event log entry...');
  t.is(entries[2]!.fields['STRUCTURED_DATA'], '[exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"]');
  t.is(entries[3]!.message, '');
});

test('OpenWrt logread: the year is printed, the kernel stamp inside kernel lines (lede#7357)', async (t) => {
  const { entries, summary } = await read([
    'Sun Jul 11 10:31:58 2021 kern.info kernel: [130441.674591] r8168: eth0: link down',
    'Sun Jul 11 10:31:58 2021 daemon.notice netifd: Network device \'eth0\' link is down',
  ]);
  t.like(summary, { format: 'logread', parsed: 2, skipped: 0 });
  t.like(entries[0], { hostname: null, identifier: 'kernel', monotonicUs: 130441674591, message: 'r8168: eth0: link down' });
  t.like(entries[1], { identifier: 'netifd', pid: null });
  t.is(iso(entries[1]!.realtimeUs), '2021-07-11T10:31:58.000Z');
});

// ---- dmesg ---------------------------------------------------------------------------------------------

test('dmesg: the kernel stamp is the monotonic time, the whole rest the kernel\'s message (csrutil/OpenWrt-NIC-Drivers#9)', async (t) => {
  const { entries, summary } = await read([
    '[ 1482.059393] eth0: 0xffffc90000300000, c4:83:4f:16:0c:85, IRQ 22',
    '[ 1484.991950] r8125: eth0: link up',
    '[ 1484.993361] IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready',
    '[ 1490.313320] pppoe-PPPoE: renamed from ppp0',
  ]);
  t.like(summary, { format: 'dmesg', lines: 4, parsed: 4, skipped: 0 });
  t.deepEqual(entries.map((e) => [e.identifier, e.monotonicUs, e.realtimeUs]), [
    ['kernel', 1482059393, null], ['kernel', 1484991950, null], ['kernel', 1484993361, null], ['kernel', 1490313320, null],
  ]);
  t.is(entries[2]!.message, 'IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready');
});

test('dmesg: read as dmesg, not as -o short-monotonic, when the words after the stamp are no host (lxc#1832, arc#4856)', async (t) => {
  const { entries, summary } = await read([
    '[   16.628542] e1000: ens32 NIC Link is Up 1000 Mbps Full Duplex, Flow Control: None',
    '[   42.784192] r8152 2-1:1.0 eth2: Stop submitting intr, status -108',
    '[   43.169342] usb 2-1: reset SuperSpeed USB device number 2 using xhci_hcd',
    '[   43.495677] r8152 2-1:1.0 eth2: v2.19.2 (2024/10/21)',
    '[   43.495677] ',
  ]);
  t.like(summary, { format: 'dmesg', lines: 5, parsed: 5, skipped: 0 });
  t.true(entries.every((e) => e.identifier === 'kernel' && e.hostname === null));
  t.is(entries[2]!.message, 'usb 2-1: reset SuperSpeed USB device number 2 using xhci_hcd');
});

test('dmesg behind a harness prefix that also ends each line with a blank: the blank is no part of the message (dentOS#11)', async (t) => {
  // https://github.com/dentproject/dentOS/issues/11
  const { entries, summary } = await read([
    'INFO - INFO - [ 6218.812883] mlxsw_spectrum 0000:01:00.0 swp2: link up ',
    'INFO - INFO - [ 6232.090286] mlxsw_spectrum 0000:01:00.0 swp25: renamed from eth0 ',
  ]);
  t.like(summary, { format: 'dmesg', lines: 2, parsed: 2, skipped: 0 });
  t.deepEqual(entries.map((e) => e.message), ['mlxsw_spectrum 0000:01:00.0 swp2: link up', 'mlxsw_spectrum 0000:01:00.0 swp25: renamed from eth0']);
});

test('dmesg -x and -r: the level becomes the priority; printk caller ids (util-linux tests/expected/dmesg)', async (t) => {
  // util-linux's own expected outputs: tests/expected/dmesg/decode and decode-syslog-printk-caller.
  const { entries, summary } = await read([
    'kern  :err   : [   27.000000] example[3]',
    'kern  :notice: [  125.000000] example[5]',
    'daemon:info  : [27000.000000] [   T10] example[30]',
    'authpriv:debug : [658503.000000] [   T87] example[87]',
  ]);
  t.like(summary, { format: 'dmesg', parsed: 4, skipped: 0 });
  t.deepEqual(entries.map((e) => [e.priority, e.monotonicUs, e.message]), [
    [3, 27000000, 'example[3]'], [5, 125000000, 'example[5]'], [6, 27000000000, 'example[30]'], [7, 658503000000, 'example[87]'],
  ]);
});

test('dmesg -T: a wall-clock time in the machine\'s zone, no monotonic time (Linux Mint forum, r8169 watchdog, 2023)', async (t) => {
  // forums.linuxmint.com, "Ethernet stopped working after upgrade to 23.4" (2023-08-16), dmesg -T.
  const { entries, summary, diagnostics } = await read([
    '[Mon Aug  7 12:39:19 2023] NETDEV WATCHDOG: enp2s0 (r8169): transmit queue 0 timed out',
    '[Mon Aug  7 12:39:19 2023]  sha512_ssse3 cmdlinepart aesni_intel drm_kms_helper snd mei_me spi_nor crypto_simd i2c_algo_bit dell_smbios',
    '[Mon Aug  7 12:40:02 2023] r8169 0000:02:00.0 enp2s0: rtl_chipcmd_cond == 1 (loop: 100, delay: 100).',
  ], { timeZone: 'Europe/Berlin' });
  t.like(summary, { format: 'dmesg', parsed: 3, skipped: 0 });
  t.is(iso(entries[2]!.realtimeUs), '2023-08-07T10:40:02.000Z');
  t.is(entries[2]!.monotonicUs, null);
  t.is(entries[0]!.message, 'NETDEV WATCHDOG: enp2s0 (r8169): transmit queue 0 timed out');
  t.deepEqual(diagnostics, []);
  const guessed = await read(['[Mon Aug  7 12:39:19 2023] NETDEV WATCHDOG: enp2s0 (r8169): transmit queue 0 timed out'], {});
  t.deepEqual(guessed.diagnostics.map((d) => d.code), ['zone-assumed']);
});

// ---- console -----------------------------------------------------------------------------------------------

test('console: systemd status lines become systemd entries without time; printk lines keep theirs (d1-build#5)', async (t) => {
  const { entries, summary } = await read([
    '[   33.866501] vdd-cpu: disabling',
    '[ TIME ] Timed out waiting for device /dev/ttyS0.',
    '[DEPEND] Dependency failed for Serial Getty on ttyS0.',
  ]);
  t.like(summary, { format: 'console', lines: 3, parsed: 3, skipped: 0 });
  t.like(entries[1], { identifier: 'systemd', pid: null, realtimeUs: null, monotonicUs: null, message: 'Timed out waiting for device /dev/ttyS0.' });
  t.is(entries[2]!.fields['CONSOLE_STATUS'], 'DEPEND');
  t.is(entries[0]!.monotonicUs, 33866501);
});

test('console: job lines, ci-info lines, the spinner and colour codes that lost their ESC (osism#653, cloud-init#2609, walinuxagent#1359)', async (t) => {
  const { entries, summary } = await read([
    // osism/issues#653: "\x1b" lost, "[K" and the SGR codes kept.
    'M[K[[0;1;31m*[0m[0;31m*    [0m] A start job is running for Wait for?to be Configured (2min / no limit)',
    'M[K[[0;1;31mFAILED[0m] Failed to start [0;1;39mWait for Network to be Configured[0m.',
    // canonical/cloud-init#2609.
    '[[32m OK [0m] Started Initial cloud-init job (pre-networking).',
    'Starting Initial cloud-init job (metadata service crawler)...',
    // Azure/WALinuxAgent#1359.
    '         Starting Raise network interfaces...',
    'See \'systemctl status cloud-init.service\' for details.',
    '[DEPEND] Dependency failed for /mnt.',
  ]);
  t.like(summary, { format: 'console', lines: 7, parsed: 7, skipped: 0, entries: 5 });
  t.deepEqual(entries.map((e) => e.message), [
    'Failed to start Wait for Network to be Configured.',
    'Started Initial cloud-init job (pre-networking).',
    'Starting Initial cloud-init job (metadata service crawler)...',
    'Starting Raise network interfaces...',
    'Dependency failed for /mnt.',
  ]);
  t.deepEqual(entries.map((e) => e.fields['CONSOLE_STATUS'] ?? null), ['FAILED', 'OK', null, null, 'DEPEND']);
});

test('console: a note the author appended after a status line is not part of its message (systemd#17117)', async (t) => {
  const { entries, summary } = await read([
    // systemd/systemd#17117: the author marked the two failure lines.
    '[ TIME ] Timed out waiting for device dev-ttyPS0.device. // **here**',
    '[DEPEND] Dependency failed for Serial Getty on ttyPS0. // **here**',
    // Arrows and shell comments after closing punctuation (made up in the same shape).
    '[FAILED] Failed to start Raise network interfaces.   <-- this one',
    '[  OK  ] Started Update is Completed. # fine',
    // No closing punctuation before the mark, or no note after it: the message as it is.
    '[  OK  ] Mounted /mnt/data // backup',
    '[  OK  ] Started Foo. //',
  ]);
  t.like(summary, { format: 'console', lines: 6, parsed: 6, skipped: 0 });
  t.deepEqual(entries.map((e) => e.message), [
    'Timed out waiting for device dev-ttyPS0.device.',
    'Dependency failed for Serial Getty on ttyPS0.',
    'Failed to start Raise network interfaces.',
    'Started Update is Completed.',
    'Mounted /mnt/data // backup',
    'Started Foo. //',
  ]);
  const report = await analyze([{ path: 'console.log', content: [
    '[ TIME ] Timed out waiting for device dev-ttyPS0.device. // **here**',
    '[DEPEND] Dependency failed for Serial Getty on ttyPS0. // **here**',
  ].join('\n') }], { timeZone: 'UTC' });
  const findings = report.boots.flatMap((b) => b.findings);
  t.deepEqual(findings.map((f) => f.rule).sort(), ['dependency-failed', 'device-timeout']);
  t.false(JSON.stringify(findings).includes('here'));
});

test('console: a status line glued to the end of a printk line by a second writer is its own entry (walinuxagent#1359)', async (t) => {
  const { entries, summary } = await read([
    '[  OK  ] Reached target Network.',
    '[   33.024845] cloud-init[1293]: ci-info: +--------+------+-----------------------------+---------------+--------+-------------------+[FAILED] Failed to start Initial cloud-init job (metadata service crawler).',
    'See \'systemctl status cloud-init.service\' for details.',
  ]);
  t.like(summary, { format: 'console', lines: 3, parsed: 3, skipped: 0, entries: 3 });
  t.like(entries[1], { identifier: 'cloud-init', pid: 1293, monotonicUs: 33024845 });
  t.true(entries[1]!.message.endsWith('-------------------+'));
  t.like(entries[2], { identifier: 'systemd', monotonicUs: null, message: 'Failed to start Initial cloud-init job (metadata service crawler).' });
  t.is(entries[2]!.fields['CONSOLE_STATUS'], 'FAILED');
  // In a plain dmesg (no status line read yet) a bracketed word inside a kernel message stays in it (made up).
  const plain = await read(['[    1.000000] selftest: case 3+[FAILED] Bad checksum']);
  t.is(plain.entries.length, 1);
});

test('console: spinner frames joined by erase-line codes that lost their ESC: the last frame is the line (cloud-init#2855)', async (t) => {
  const { entries, summary } = await read([
    'A start job is running for Raise ne...k interfaces (5min 1s / 5min 2s)[K[   [0;31m*[0;1;31m*[0m[0;31m*[0m] A start job is running for Raise ne...k interfaces (5min 1s / 5min 2s)[K[  [0;31m*[0;1;31m*[0m[0;31m* [0m] A start job is running for Raise ne...k interfaces (5min 2s / 5min 2s)[K[[0;1;31mFAILED[0m] Failed to start Raise network interfaces.',
    'See \'systemctl status networking.service\' for details.',
    '[[0;32m  OK  [0m] Reached target Network.',
  ]);
  t.like(summary, { format: 'console', lines: 3, parsed: 3, skipped: 0, entries: 2 });
  t.like(entries[0], { identifier: 'systemd', message: 'Failed to start Raise network interfaces.' });
  t.is(entries[0]!.fields['CONSOLE_STATUS'], 'FAILED');
  // The last frame of a spinner that was still running: understood, no entry.
  const running = await read(['[  OK  ] Reached target Network.', 'A start job is running for x (1s / 2s)[K[ ***  ] A start job is running for x (2s / 2s)']);
  t.like(running.summary, { lines: 2, parsed: 2, skipped: 0, entries: 1 });
});

test('console: status lines give unit-job and target events in input order (arc#4856, scaleway#14)', async (t) => {
  const report = await analyze([{ path: 'console.log', content: [
    '[   43.678840] IPv6: ADDRCONF(NETDEV_UP): eth2: link is not ready',
    '[  OK  ] Started Load AppArmor profiles.',
    '[  OK  ] Reached target System Initialization.',
    '         Starting bootup upgrade sha package...',
    '[  OK  ] Started bootup upgrade sha package.',
    '[  OK  ] Reached target Basic System.',
  ].join('\n') }], { timeZone: 'UTC' });
  t.is(report.inputs[0]!.format, 'console');
  const events = report.boots.flatMap((b) => b.events);
  t.deepEqual(events.filter((e) => e.kind === 'target-reached').map((e) => (e as { unit: string }).unit), ['sysinit.target', 'basic.target']);
  t.deepEqual(events.filter((e) => e.kind === 'unit-job').map((e) => (e as { phase: string }).phase), ['started', 'starting', 'started']);
});

test('a mixed paste: prompt, dmesg, prose, console and syslog regions, every line counted (lede#7357, scaleway#14)', async (t) => {
  const { summary, diagnostics } = await read([
    'root@OpenWrt:~# dmesg | tail -2',
    '[130441.674591] r8168: eth0: link down',
    '[130444.793566] r8168: eth0: link up',
    'and the console of the next boot:',
    '```',
    '[ TIME ] Timed out waiting for device dev-ttyS0.device.',
    '[DEPEND] Dependency failed for Serial Getty on ttyS0.',
    '```',
    'Sun Jul 11 10:32:01 2021 kern.info kernel: [130444.793566] r8168: eth0: link up',
    'Sun Jul 11 10:32:01 2021 daemon.notice netifd: Network device \'eth0\' link is up',
  ]);
  // The prompt and the fences are paste markup, understood (issue 15); the sentence is the one line in no log format.
  t.like(summary, { lines: 10, skipped: 1, entries: 6 });
  t.deepEqual(diagnostics.filter((d) => d.code === 'not-log').map((d) => d.line), [4]);
  t.deepEqual(summary.regions?.map((r) => r.format), ['console', 'logread']);
});
