import test from 'ava';
import { withoutPrefix } from '../packages/core/src/parse/prefix.js';
import { analyzeText, eventsOf } from './helpers/analyze.js';

// Issue 14/15: pastes of what people actually have — a component's own stamped log, log lines
// behind a prefix some tool put there.

test('a component\'s own stamped log is read: stamp, then the message as a journal line\'s', async (t) => {
  // https://github.com/LemmyNet/lemmy-ansible/issues/191 (postgres in docker, after a fence)
  const report = await analyzeText([
    '```',
    '',
    'PostgreSQL Database directory appears to contain a database; Skipping initialization',
    '',
    '2023-10-16 18:03:42.979 GMT [1] LOG:  listening on IPv4 address "127.0.0.1", port 5432',
    '2023-10-16 18:03:42.979 GMT [1] LOG:  could not bind IPv6 address "::1": Address not available',
    '```',
  ].join('\n'), 'postgres.log');
  t.like(report.inputs[0], { format: 'stamped', lines: 7, skipped: 1, entries: 2 });
  t.is(report.boots[0]!.firstRealtime, '2023-10-16T18:03:42.979000Z');
  t.true(eventsOf(report).some((e) => e.kind === 'bind-failed'));
});

test('a stamp without a zone, with a journal line after it, gives host, identifier and pid', async (t) => {
  // https://github.com/home-assistant/operating-system/issues/4491
  const report = await analyzeText([
    '2026-01-19 16:20:18.037 homeassistant systemd[1]: Starting Network Manager Wait Online...',
    '2026-01-19 16:20:18.042 homeassistant NetworkManager[418]: <info>  [1768839618.0409] device (enp0s3): carrier: link connected',
  ].join('\n'), 'haos.log', { timeZone: 'UTC' });
  t.like(report.inputs[0], { format: 'stamped', skipped: 0, entries: 2 });
  t.is(report.boots[0]!.hostname, 'homeassistant');
  t.true(eventsOf(report).some((e) => e.kind === 'link-up'));
});

test('a CI runner\'s stamps before a console capture: status lines read as the console reader reads them', async (t) => {
  // https://github.com/AstrBotDevs/AstrBot/issues/615
  const report = await analyzeText([
    '2025-02-26 17:22:12 ',
    '2025-02-26 17:22:12 Welcome to CentOS Linux 7 (Core)!',
    '2025-02-26 17:22:12 [  OK  ] Reached target Network is Online.',
    '2025-02-26 17:22:12          Mounting Huge Pages File System...',
  ].join('\n'), 'console.log', { timeZone: 'UTC' });
  t.like(report.inputs[0], { format: 'stamped', skipped: 0, entries: 3 });
  t.true(eventsOf(report).some((e) => e.kind === 'target-reached'));
});

test('journal formats keep their lines: the stamped reader takes only what no other format explains', async (t) => {
  const report = await analyzeText([
    '2024-11-20T09:27:02.812345+0000 node-0 systemd[1]: Reached target Network is Online.',
    '2024-11-20T09:27:03.000000+0000 node-0 systemd[1]: Started k0s.',
  ].join('\n'));
  t.is(report.inputs[0]!.format, 'short-iso-precise');
});

test('a prefix before log lines is taken off: harness levels, socklog facilities, pod names, bullets, serial stamps', (t) => {
  const claimed = (l: string) => /^(?:\[ *\d+\.\d+\]|[A-Z][a-z]{2} [ \d]\d \d\d:|\d{4}\/\d\d\/\d\d |[IWEF]\d{4} )/.test(l);
  // https://github.com/dentproject/dentOS/issues/11
  t.is(withoutPrefix('INFO - INFO - [ 6213.959196] mlxsw_spectrum 0000:01:00.0 swp1: link down ', claimed), '[ 6213.959196] mlxsw_spectrum 0000:01:00.0 swp1: link down ');
  // https://github.com/NetworkConfiguration/dhcpcd/issues/298
  t.is(withoutPrefix('daemon.info: Apr  5 11:19:33 dhcpcd[958]: wlp4s0: soliciting a DHCP lease', claimed), 'Apr  5 11:19:33 dhcpcd[958]: wlp4s0: soliciting a DHCP lease');
  // https://github.com/kube-vip/kube-vip/issues/1579
  t.is(withoutPrefix('kube-vip-75bd8 2026/07/07 06:08:21 DEBUG finding service namespace=nginx-gateway', claimed), '2026/07/07 06:08:21 DEBUG finding service namespace=nginx-gateway');
  // Prose stays prose; a prefix longer than four words or 64 characters is none.
  t.is(withoutPrefix('the log said nothing useful', claimed), null);
  t.is(withoutPrefix('one two three four five [ 1.000000] x', claimed), null);
  t.is(withoutPrefix(`${'x'.repeat(41)} [ 1.000000] x`, claimed), null);
  t.is(withoutPrefix(' indented [ 1.000000] x', claimed), null);
});

test('prefixed lines are read in their format, and the paste is no longer refused', async (t) => {
  // https://github.com/NetworkConfiguration/dhcpcd/issues/298
  const report = await analyzeText([
    '```',
    'daemon.debug: Apr  5 11:19:38 dhcpcd[958]: wlp4s0: probing for 169.254.69.177',
    'daemon.info: Apr  5 11:19:42 dhcpcd[958]: wlp4s0: using IPv4LL address 169.254.69.177',
    '```',
  ].join('\n'), 'socklog.txt', { year: 2024, timeZone: 'UTC' });
  t.like(report.inputs[0], { format: 'short', skipped: 0, entries: 2 });
  t.true(eventsOf(report).some((e) => e.kind === 'address-added'));
});

test('behind the serial stamp the lines before had: the console reader\'s lines, and the harness\'s own messages', async (t) => {
  // https://github.com/systemd/systemd/issues/41220 (a riscv64 VM's console, stamped by the test harness)
  const report = await analyzeText([
    '29471s [  601.012049] systemd[1]: 5:185msystemd-networkd-wait-online.service: start operation timed out. Terminating.',
    '29471s [   ***] (1 of 2) Job systemd-networkd-wait-\u2026start running (6min 3s / 7min 32s)',
    '29472s [  602.167716] systemd[1]: 5:185msystemd-networkd-wait-online.service: Failed with result \'timeout\'.',
    '29473s [FAILED] Failed to start systemd-networkd-w\u2026ce - Wait for Network to be Online.',
    '29473s See \'systemctl status systemd-networkd-wait-online.service\' for details.',
    '[...]',
    '30163s made it to the test rootfs!',
    'the author: it never came up',
  ].join('\n'), 'console.log', { timeZone: 'UTC' });
  // The sentence without the stamp is the one line in no log format.
  t.like(report.inputs[0], { format: 'console', lines: 8, skipped: 1 });
  const events = eventsOf(report);
  // The colour code's remnant (`5:185m`) is not part of the unit name.
  t.true(events.some((e) => e.kind === 'unit-job' && (e as { unit: string | null }).unit === 'systemd-networkd-wait-online.service' &&
    (e as { result?: string | null }).result === 'timeout'));
  t.false(JSON.stringify(events).includes('185m'));
  // Another number before the same stamp shape: no prefix (prose with a number stays prose).
  const prose = await analyzeText([
    '29471s [  601.012049] systemd[1]: Started Foo.',
    '29471 seconds later it failed',
  ].join('\n'), 'console.log', { timeZone: 'UTC' });
  t.like(prose.inputs[0], { lines: 2, skipped: 1 });
});

test('a line a terminal wrapped continues the entry before it; a message of its own after a long line does not', async (t) => {
  // https://github.com/systemd/systemd/issues/16768 (wrapped by the terminal it was copied from)
  const long = 'Aug 18 21:37:44 archlinux systemd-networkd[245]: Sent message type=signal sender=n/a destination=n/a path=/org/freedesktop/network1/link/_32 interface=org.freedesktop.DBus.Properties member=PropertiesC';
  const report = await analyzeText([
    long,
    'hanged cookie=19 reply_cookie=0 signature=sa{sv}as error-name=n/a error-message=n/a',
    'Aug 18 21:37:44 archlinux systemd-networkd[245]: enp0s5: Lost carrier',
  ].join('\n'), 'wrapped.log', { year: 2020, timeZone: 'UTC' });
  t.like(report.inputs[0], { lines: 3, skipped: 0, entries: 2 });
  // https://github.com/cert-manager/cert-manager/issues/3281: the error after a long klog line is its own message (bare.ts), no wrap.
  const own = await analyzeText([
    'E0107 21:07:01.753641       1 manager.go:279] cert-manager/controller-runtime/manager "msg"="Failed to get API Group-Resources" "error"="Get \\"https://10.96.0.1:443/api?timeout=32s\\": x509: certificate signed by unknown authority"  ',
    'Error: error creating manager: Get "https://10.96.0.1:443/api?timeout=32s": x509: certificate signed by unknown authority',
  ].join('\n'), 'cainjector.log', { year: 2021, timeZone: 'UTC' });
  t.like(own.inputs[0], { skipped: 0, entries: 2 });
});

test('HTML around a paste, a tagged prompt and a lone backtick are paste markup', async (t) => {
  // https://github.com/systemd/systemd/issues/2342
  const report = await analyzeText([
    '<pre>...',
    'Jan 17 10:44:43 myhost.mylocalnetwork.example systemd[1411]: Reached target Basic System.',
    '...</pre>',
    // https://github.com/coreos/bugs/issues/1767
    '[stg] root@k8s1-5 system # journalctl -o short-precise -u systemd-udevd.service | head -n2',
    '`',
  ].join('\n'), 'pre.log', { year: 2016, timeZone: 'UTC' });
  t.like(report.inputs[0], { lines: 5, parsed: 5, skipped: 0, entries: 1 });
});

test('systemd 260 pads critical-chain names to a column: still read as critical-chain', async (t) => {
  // https://github.com/ncaq/dotfiles/issues/1201
  const report = await analyzeText([
    '```',
    'graphical.target      @8.459s',
    '└─multi-user.target   @8.459s',
    '  └─wpa_supplicant.service @9.216s +55ms',
    '    └─basic.target    @3.731s',
    '```',
  ].join('\n'), 'chain.txt');
  t.like(report.inputs[0], { format: 'systemd-analyze', skipped: 0 });
});

test('a program\'s own error and systemctl\'s report among log lines are messages without time, not prose', async (t) => {
  // https://github.com/docker/for-linux/issues/1301 (dockerd), https://github.com/kubesphere/kubesphere/issues/2266
  const report = await analyzeText([
    '```',
    'INFO[2021-09-10T23:03:45.524721468-04:00] Starting up',
    'failed to load listeners: listen tcp 192.168.1.101:2376: bind: cannot assign requested address',
    'Error: Get https://10.96.0.1:443/api?timeout=32s: x509: cannot validate certificate for 10.96.0.1 because it doesn\'t contain any IP SANs',
    '```',
    'and then nothing: it just stops',
  ].join('\n'), 'dockerd.log', { timeZone: 'UTC' });
  t.like(report.inputs[0], { lines: 6, skipped: 1, entries: 3 });
  t.true(eventsOf(report).some((e) => e.kind === 'bind-failed'));
  // the two lines systemctl prints when a start job fails (baikalanleitung#6, pipwn#14 in test/corpus)
  const job = await analyzeText([
    'Job for nginx.service failed because the control process exited with error code.',
    'See "systemctl status nginx.service" and "journalctl -xe" for details.',
    'Jan 10 10:00:00 rpi systemd[1]: Failed to start A high performance web server and a reverse proxy server.',
  ].join('\n'), 'job.log', { year: 2021, timeZone: 'UTC' });
  t.like(job.inputs[0], { skipped: 0, entries: 3 });
});

test('a level in brackets without a stamp is a component\'s line; an indented boot marker is chrome', async (t) => {
  // https://github.com/kubernetes/kubernetes/issues/89368 (etcd in docker)
  const etcd = await analyzeText([
    '[WARNING] Deprecated \'--logger=capnslog\' flag is set; use \'--logger=zap\' flag instead',
    '2020-03-25 00:06:36.496644 I | etcdmain: etcd Version: 3.4.3',
  ].join('\n'), 'etcd.log', { timeZone: 'UTC' });
  t.like(etcd.inputs[0], { skipped: 0, entries: 2 });
  // https://github.com/delphix/delphix-platform/issues/147
  const delphix = await analyzeText([
    ' -- Reboot --',
    'Oct 01 22:39:37 localhost sshd[604]: Server listening on 127.0.0.1 port 22.',
  ].join('\n'), 'sshd.log', { year: 2019, timeZone: 'UTC' });
  t.like(delphix.inputs[0], { skipped: 0, entries: 1 });
});

test('a journal line wrapped at 80 columns is read whole: the dhclient lease of gnubee-tools#15', async (t) => {
  // https://github.com/neilbrown/gnubee-tools/issues/15
  const report = await analyzeText([
    'Jan 06 23:21:58 gnubee.gnubee dhclient[1449]: DHCPREQUEST for 10.10.0.212 on eth',
    'black to 255.255.255.255 port 67',
    'Jan 06 23:22:54 gnubee.gnubee dhclient[1449]: bound to 10.10.0.212 -- renewal in',
    ' 20050 seconds.',
    'Jan 06 23:22:54 gnubee.gnubee ifup[1405]: bound to 10.10.0.212 -- renewal in 200',
    '50 seconds.',
  ].join('\n'), 'gnubee.log', { year: 2020, timeZone: 'UTC' });
  t.like(report.inputs[0], { skipped: 0, entries: 3 });
  t.true(eventsOf(report).some((e) => e.kind === 'dhcp-lease'));
});

test('syslog with the priority between host and identifier: SONiC\'s severity word, busybox\'s facility.level', async (t) => {
  // https://github.com/sonic-net/sonic-buildimage/issues/7310
  const sonic = await analyzeText(
    'Apr  9 21:05:38.106121 str-s6100-acs-4 INFO kernel: [10601.214044] igb 0000:00:14.0 eth0: igb: eth0 NIC Link is Down',
    'syslog', { year: 2021, timeZone: 'UTC' });
  t.true(eventsOf(sonic).some((e) => e.kind === 'link-down'));
  // https://github.com/systemd/systemd/issues/12200 (busybox syslogd)
  const busybox = await analyzeText([
    'Jan  1 00:01:30 fhs daemon.warn systemd[1]: dev-ttyPS0.device: Job dev-ttyPS0.device/start timed out.',
    'Jan  1 00:01:30 fhs daemon.err systemd[1]: Timed out waiting for device dev-ttyPS0.device.',
  ].join('\n'), 'messages', { year: 1970, timeZone: 'UTC' });
  t.like(busybox.inputs[0], { skipped: 0, entries: 2 });
  t.true(eventsOf(busybox).every((e) => e.identifier === 'systemd'));
  // An identifier with a blank that is no level stays as it was.
  const plain = await analyzeText('Jan  1 00:01:30 fhs Some Daemon[12]: started', 'm', { year: 1970, timeZone: 'UTC' });
  t.is(plain.inputs[0]!.skipped, 0);
});

test('a line wrapped whole in strong emphasis loses it', async (t) => {
  const { undecorate } = await import('../packages/core/src/parse/decorations.js');
  // https://github.com/k3s-io/k3s/issues/4149
  t.is(undecorate('**x509: certificate is valid for 10.43.0.1, old-ip, not new-ip**'), 'x509: certificate is valid for 10.43.0.1, old-ip, not new-ip');
  t.is(undecorate('__Feb 09 14:51:25 gf2 systemd[1]: Failed to start Chrony.__  '), 'Feb 09 14:51:25 gf2 systemd[1]: Failed to start Chrony.');
  for (const kept of ['**bold** and **more**', '** not **', '*a*', '_x_']) t.is(undecorate(kept), kept);
});
