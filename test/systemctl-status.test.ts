import test from 'ava';
import { join } from 'node:path';
import { analyze, readInput, type JournalEntry, type ReadResult, type TimelineEvent } from '@bootlens/core/internal';
import { analyzeText, eventsOf } from './helpers/analyze.js';
import { ROOT } from './helpers/cli.js';

// Issue 14: `systemctl status UNIT` pastes. Every paste below is quoted from the public report named
// above it (test/corpus/ keeps the excerpts with their sources), line for line.

interface Read extends ReadResult {
  entries: JournalEntry[];
}

async function read(text: string, options: { year?: number; timeZone?: string } = { timeZone: 'UTC' }): Promise<Read> {
  const entries: JournalEntry[] = [];
  const result = await readInput({ path: 'paste', content: text }, { entry: (e) => entries.push(e), bootMarker: () => {} }, options);
  return { entries, ...result };
}

const skippedLines = (r: ReadResult) => r.diagnostics.filter((d) => d.code === 'not-log' || d.code === 'unparsable-line').map((d) => d.line);
const unitStates = (events: TimelineEvent[]) => events.filter((e) => e.kind === 'unit-state');

// WWBN/AVideo#9819: systemd 252+ layout, the failed glyph ×, no journal tail.
const AVIDEO = [
  'sudo systemctl status nginx',
  '× nginx.service - A high performance web server and a reverse proxy server',
  '     Loaded: loaded (/usr/lib/systemd/system/nginx.service; enabled; preset: enabled)',
  '     Active: failed (Result: exit-code) since Sat 2025-01-18 15:51:23 UTC; 1min 28s ago',
  '       Docs: man:nginx(8)',
  '    Process: 15453 ExecStartPre=/usr/sbin/nginx -t -q -g daemon on; master_process on; (code=exited, status=0/SUCCESS)',
  '    Process: 15454 ExecStart=/usr/sbin/nginx -g daemon on; master_process on; (code=exited, status=1/FAILURE)',
  '        CPU: 47ms',
].join('\n');

test('the header is read, and its Active line becomes a structured entry (AVideo#9819)', async (t) => {
  const r = await read(AVIDEO);
  t.is(r.summary.format, 'systemctl-status');
  t.is(r.summary.lines, 8);
  t.is(r.summary.lines, r.summary.parsed + r.summary.skipped);
  t.deepEqual(skippedLines(r), [], 'the command line is paste markup (issue 15): understood, not status output');
  t.is(r.entries.length, 1);
  const [e] = r.entries;
  t.is(e!.identifier, 'systemctl');
  t.is(e!.realtimeUs, Date.UTC(2025, 0, 18, 15, 51, 23) * 1000);
  t.deepEqual(e!.fields, { UNIT: 'nginx.service', ACTIVE_STATE: 'failed', UNIT_RESULT: 'exit-code', UNIT_DESCRIPTION: 'A high performance web server and a reverse proxy server' });
  t.is(e!.message, 'Active: failed (Result: exit-code) since Sat 2025-01-18 15:51:23 UTC; 1min 28s ago');
  t.deepEqual(e!.source, { path: 'paste', line: 4 });
});

test('unit-state: the state, sub-state, result and since of the Active line (AVideo#9819, k3s#5901)', async (t) => {
  const failed = unitStates(eventsOf(await analyzeText(AVIDEO)));
  t.like(failed, [{ kind: 'unit-state', unit: 'nginx.service', state: 'failed', subState: null, result: 'exit-code', since: '2025-01-18T15:51:23.000000Z', identifier: 'systemctl' }]);

  // k3s-io/k3s#5901: a restart loop, sub-state and result both printed.
  const k3s = await analyzeText([
    ' ```',
    'sudo systemctl status k3s',
    '● k3s.service - Lightweight Kubernetes',
    '     Loaded: loaded (/etc/systemd/system/k3s.service; enabled; vendor preset: enabled)',
    '     Active: activating (auto-restart) (Result: exit-code) since Mon 2022-07-25 17:11:33 CEST; 1s ago',
    '       Docs: https://k3s.io',
    '    Process: 165181 ExecStartPre=/bin/sh -xc ! /usr/bin/systemctl is-enabled --quiet nm-cloud-setup.service (code=exited, status>',
    '    Process: 165183 ExecStartPre=/sbin/modprobe br_netfilter (code=exited, status=0/SUCCESS)',
    '    Process: 165184 ExecStartPre=/sbin/modprobe overlay (code=exited, status=0/SUCCESS)',
    '    Process: 165185 ExecStart=/usr/local/bin/k3s server (code=exited, status=1/FAILURE)',
    '   Main PID: 165185 (code=exited, status=1/FAILURE)',
    '        CPU: 3.781s',
    '```',
  ].join('\n'));
  t.like(unitStates(eventsOf(k3s)), [{ unit: 'k3s.service', state: 'activating', subState: 'auto-restart', result: 'exit-code', since: '2022-07-25T15:11:33.000000Z' }]);
  t.is(k3s.inputs[0]!.skipped, 0, 'the fences and the command are paste markup (issue 15)');
});

test('the journal tail under the header is a short region, read as journalctl output (BaikalAnleitung#6)', async (t) => {
  // JsBergbau/BaikalAnleitung#6: systemctl's own "Job for … failed" lines, a status whose bullet was
  // lost in the paste, and the unit's journal tail.
  const paste = [
    'Job for nginx.service failed because the control process exited with error code.',
    'See "systemctl status nginx.service" and "journalctl -xe" for details.',
    '',
    ' nginx.service - A high performance web server and a reverse proxy server',
    '   Loaded: loaded (/lib/systemd/system/nginx.service; enabled; vendor preset: enabled)',
    '   Active: failed (Result: exit-code) since Fri 2021-01-08 13:46:17 CET; 1min 13s ago',
    '     Docs: man:nginx(8)',
    '  Process: 14213 ExecStartPre=/usr/sbin/nginx -t -q -g daemon on; master_process on; (code=exited, status=1/FAILURE)',
    '',
    'Jan 08 13:46:17 raspberrypi systemd[1]: Starting A high performance web server and a reverse proxy server...',
    'Jan 08 13:46:17 raspberrypi nginx[14213]: nginx: [emerg] "listen" directive is not allowed here in /etc/nginx/sites-enabled/baikal-nginx.site:1',
    'Jan 08 13:46:17 raspberrypi nginx[14213]: nginx: configuration file /etc/nginx/nginx.conf test failed',
    'Jan 08 13:46:17 raspberrypi systemd[1]: nginx.service: Control process exited, code=exited, status=1/FAILURE',
    'Jan 08 13:46:17 raspberrypi systemd[1]: nginx.service: Failed with result \'exit-code\'.',
    'Jan 08 13:46:17 raspberrypi systemd[1]: Failed to start A high performance web server and a reverse proxy server',
  ].join('\n');
  const r = await read(paste, { timeZone: 'Europe/Berlin' });
  // systemctl's own report of the failed job (lines 1, 2) is read as bare messages (parse/bare.ts).
  t.deepEqual(skippedLines(r), []);
  t.deepEqual(r.summary.regions?.map((g) => [g.format, g.firstLine, g.lastLine]), [['systemctl-status', 3, 9], ['short', 10, 15]]);
  t.deepEqual(r.entries.map((e) => e.identifier), ['systemctl', 'systemctl', 'systemctl', 'systemd', 'nginx', 'nginx', 'systemd', 'systemd', 'systemd']);
  // The header's CET and the tail read in Europe/Berlin are the same clock; the tail's year is the status's.
  t.is(r.entries[2]!.realtimeUs, r.entries[3]!.realtimeUs);

  const report = await analyzeText(paste, 'paste', { timeZone: 'Europe/Berlin' });
  t.is(report.boots.length, 1);
  const kinds = eventsOf(report).map((e) => e.kind);
  t.true(kinds.includes('unit-state') && kinds.includes('unit-job'), kinds.join(', '));
  // `nginx.service: Control process exited` and `… Failed with result` name no description: the header gives it (issue 15).
  // (Line 1, systemctl's `Job for nginx.service failed`, comes before the header: it has none.)
  const failed = eventsOf(report).filter((e) => e.kind === 'unit-job' && e.phase === 'failed' && e.source.line > 9);
  t.like(failed, [{ unit: 'nginx.service', description: 'A high performance web server and a reverse proxy server', result: 'exit-code', source: { line: 13 }, run: { count: 2 } }]);
});

test('bullets: ASCII x and *, mojibake, none; systemd 257 fields (jabali-panel#133, systemd#25607, sonic-buildimage#19620, moby#39314)', async (t) => {
  const cases: Array<[string, string[], string, string]> = [
    // shukiv/jabali-panel#133: systemd 257 without UTF-8 (x, TriggeredBy: *), Duration, Invocation, Mem peak.
    ['jabali-panel#133', [
      'x ssh.service - OpenBSD Secure Shell server',
      '     Loaded: loaded (/usr/lib/systemd/system/ssh.service; enabled; preset: enabled)',
      '     Active: failed (Result: exit-code) since Sat 2026-06-13 15:49:32 UTC; 6min ago',
      '   Duration: 16min 47.409s',
      ' Invocation: 7fcfbeecce3c4a7b86887a078b57c610',
      'TriggeredBy: * ssh.socket',
      '       Docs: man:sshd(8)',
      '             man:sshd_config(5)',
      '   Main PID: 3280 (code=exited, status=255/EXCEPTION)',
      '   Mem peak: 13M',
      '        CPU: 1.470s',
    ], 'ssh.service', 'failed'],
    // systemd/systemd#25607: the ASCII star of a non-UTF-8 terminal.
    ['systemd#25607', [
      '* systemd-networkd-wait-online.service - Wait for Network to be Configured',
      '     Loaded: loaded (/lib/systemd/system/systemd-networkd-wait-online.service; enabled-runtime; vendor preset: enabled)',
      '     Active: failed (Result: exit-code) since Fri 2022-12-02 17:26:51 UTC; 11min ago',
      '       Docs: man:systemd-networkd-wait-online.service(8)',
      '   Main PID: 1882 (code=exited, status=1/FAILURE)',
    ], 'systemd-networkd-wait-online.service', 'failed'],
    // sonic-net/sonic-buildimage#19620: the bullet as mojibake.
    ['sonic-buildimage#19620', [
      'Ã systemd-networkd-wait-online.service - Wait for Network to be Configured',
      '     Loaded: loaded (/lib/systemd/system/systemd-networkd-wait-online.service; disabled; preset: disabled)',
      '     Active: failed (Result: exit-code) since Tue 2024-07-16 21:53:06 UTC; 37s ago',
      '       Docs: man:systemd-networkd-wait-online.service(8)',
      '    Process: 2838062 ExecStart=/lib/systemd/systemd-networkd-wait-online (code=exited, status=1/FAILURE)',
      '   Main PID: 2838062 (code=exited, status=1/FAILURE)',
      ' ',
    ], 'systemd-networkd-wait-online.service', 'failed'],
    // moby/moby#39314: no bullet, a Chinese weekday in the since time.
    ['moby#39314', [
      'docker.service - Docker Application Container Engine',
      '   Loaded: loaded (/usr/lib/systemd/system/docker.service; enabled; vendor preset: disabled)',
      '   Active: inactive (dead) since 二 2019-06-04 14:31:08 CST; 10min ago',
      '     Docs: https://docs.docker.com',
      '  Process: 2184 ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock (code=killed, signal=TERM)',
      ' Main PID: 2184 (code=killed, signal=TERM)',
    ], 'docker.service', 'inactive'],
  ];
  for (const [report, lines, unit, state] of cases) {
    const r = await read(lines.join('\n'));
    t.is(r.summary.skipped, 0, `${report}: ${JSON.stringify(r.diagnostics.slice(0, 2))}`);
    t.is(r.summary.format, 'systemctl-status', report);
    t.like(r.entries, [{ identifier: 'systemctl', fields: { UNIT: unit, ACTIVE_STATE: state } }], report);
    t.not(r.entries[0]!.realtimeUs, null, report);
  }
});

test('Drop-In and CGroup trees, indented or not, and wrapped lines (nixpkgs#180175, keepalived#2237, kubeadm#2499, gnubee-tools#15)', async (t) => {
  // NixOS/nixpkgs#180175: a Drop-In directory and its file on the tree line, the IP accounting field.
  const nixos = await read([
    '```',
    'warning: the following units failed: NetworkManager-wait-online.service',
    '',
    '× NetworkManager-wait-online.service - Network Manager Wait Online',
    '     Loaded: loaded (/etc/systemd/system/NetworkManager-wait-online.service; enabled; vendor preset: enabled)',
    '    Drop-In: /nix/store/k5yq51spcggip2h6aq1y0bydkpr4zahc-system-units/NetworkManager-wait-online.service.d',
    '             └─overrides.conf',
    '     Active: failed (Result: exit-code) since Tue 2022-07-05 10:18:52 NZST; 36ms ago',
    '       Docs: man:nm-online(1)',
    '    Process: 1258376 ExecStart=/nix/store/b4yhg54s70i0v0k1qnnv8vnja6018yrh-networkmanager-1.38.2/bin/nm-online -s -q (code=exited, status=1/FAILURE)',
    '   Main PID: 1258376 (code=exited, status=1/FAILURE)',
    '         IP: 0B in, 0B out',
    '        CPU: 22ms',
    '',
    'Jul 05 10:17:52 nixos systemd[1]: Starting Network Manager Wait Online...',
    'Jul 05 10:18:52 nixos systemd[1]: NetworkManager-wait-online.service: Main process exited, code=exited, status=1/FAILURE',
    'Jul 05 10:18:52 nixos systemd[1]: NetworkManager-wait-online.service: Failed with result \'exit-code\'.',
    '```',
  ].join('\n'));
  // The fences are paste markup (issue 15); nixos-rebuild's warning is not status output.
  t.deepEqual(skippedLines(nixos), [2]);
  t.is(nixos.entries[0]!.realtimeUs, Date.UTC(2022, 6, 4, 22, 18, 52) * 1000, 'NZST is +12:00');
  t.is(nixos.entries.length, 4);

  // acassen/keepalived#2237: pasted with a blank line after every line and the indentation lost, the
  // CGroup tree included; the journal tail follows.
  const keepalived = await read([
    'raspberryben@raspberrypi:~ $ sudo systemctl status keepalived.service', '',
    '● keepalived.service - Keepalive Daemon (LVS and VRRP)', '',
    'Loaded: loaded (/lib/systemd/system/keepalived.service; enabled; vendor preset: enabled)', '',
    'Active: active (running) since Mon 2022-12-26 23:56:27 EST; 1min 58s ago', '',
    'Main PID: 677 (keepalived)', '',
    'Tasks: 2 (limit: 4915)', '',
    'CPU: 6.727s', '',
    'CGroup: /system.slice/keepalived.service', '',
    '├─677 /usr/sbin/keepalived --dont-fork', '',
    '└─721 /usr/sbin/keepalived --dont-fork', '', '',
    'Dec 26 23:56:28 raspberrypi Keepalived[677]: Starting VRRP child process, pid=721', '',
  ].join('\n'));
  t.deepEqual(skippedLines(keepalived), []); // the prompt and command are paste markup (issue 15)
  t.like(keepalived.entries, [{ fields: { UNIT: 'keepalived.service', ACTIVE_STATE: 'active', SUB_STATE: 'running' } }, { identifier: 'Keepalived' }]);

  // kubernetes/kubeadm#2499: the whole paste indented by four spaces, a Drop-In, a line cut by the pager.
  const kubeadm = await read([
    '    systemctl status kubelet',
    '    ● kubelet.service - kubelet: The Kubernetes Node Agent',
    '         Loaded: loaded (/lib/systemd/system/kubelet.service; enabled; vendor preset: enabled)',
    '        Drop-In: /etc/systemd/system/kubelet.service.d',
    '                 └─10-kubeadm.conf',
    '         Active: activating (auto-restart) (Result: exit-code) since Wed 2021-06-02 18:47:22 CEST; 5s ago',
    '           Docs: https://kubernetes.io/docs/home/',
    '        Process: 7677 ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $K>',
    '       Main PID: 7677 (code=exited, status=1/FAILURE)',
  ].join('\n'));
  t.deepEqual(skippedLines(kubeadm), []); // the command is paste markup (issue 15)
  t.like(kubeadm.entries, [{ fields: { UNIT: 'kubelet.service', ACTIVE_STATE: 'activating', SUB_STATE: 'auto-restart', UNIT_RESULT: 'exit-code' } }]);

  // neilbrown/gnubee-tools#15: hard wraps at 80 columns split the zone (`U` / `TC`): the state is
  // still read; a wrapped remainder after an 80-column line continues it (understood, issue 15); `TC; 9min ago`
  // follows a 71-column line, a width no terminal wraps at: no log.
  const gnubee = await read([
    '● networking.service - Raise network interfaces',
    '   Loaded: loaded (/lib/systemd/system/networking.service; enabled; vendor prese',
    't: enabled)',
    '   Active: failed (Result: exit-code) since Mon 2020-01-06 23:22:54 U',
    'TC; 9min ago',
    '     Docs: man:interfaces(5)',
    ' Main PID: 1405 (code=exited, status=1/FAILURE)',
  ].join('\n'));
  t.deepEqual(skippedLines(gnubee), [5]);
  t.like(gnubee.entries, [{ fields: { UNIT: 'networking.service', ACTIVE_STATE: 'failed', UNIT_RESULT: 'exit-code' } }]);
  t.is(gnubee.entries[0]!.realtimeUs, Date.UTC(2020, 0, 6, 23, 22, 54) * 1000, 'the cut zone is read in --tz');
});

test('Active lines as pastes bend them: markdown bold, a line the pager cut, no since (archlinuxarm#1091, k3s#6802, astroarch#80)', async (t) => {
  // archlinuxarm/PKGBUILDs#1091: the author made the state bold; `?` is the bullet's mojibake.
  const arch = await read([
    '? chrony.service - Chrony Network Time Daemon',
    '   Loaded: loaded (/usr/lib/systemd/system/chrony.service; enabled; vendor preset: disabled)',
    '   Active: **failed (Result: exit-code)** since Mon 2015-02-09 14:51:25 CET; 1min 42s ago',
  ].join('\n'));
  t.like(arch.entries, [{ realtimeUs: Date.UTC(2015, 1, 9, 13, 51, 25) * 1000, fields: { UNIT: 'chrony.service', ACTIVE_STATE: 'failed', UNIT_RESULT: 'exit-code' } }]);

  // k3s-io/k3s#6802: `less` cut the Active line right after the zone.
  const k3s = await read([
    'xinmans@truenas:~$ sudo systemctl status k3s',
    '● k3s.service - Lightweight Kubernetes',
    '     Loaded: loaded (/lib/systemd/system/k3s.service; disabled; vendor preset: disabled)',
    '     Active: activating (auto-restart) (Result: exit-code) since Sun 2023-01-22 17:01:55 CST;>',
  ].join('\n'), { timeZone: 'Asia/Shanghai' });
  t.like(k3s.entries, [{ realtimeUs: Date.UTC(2023, 0, 22, 9, 1, 55) * 1000, fields: { SUB_STATE: 'auto-restart' } }]);

  // devDucks/astroarch#80: two statuses in one paste, between prompts and a ruler; an inactive unit
  // without a since time, and an active one.
  const astro = await read([
    '```',
    'sudo systemctl status systemd-timesyncd                                                                                                   astronaut@astroarch',
    '○ systemd-timesyncd.service - Network Time Synchronization',
    '     Loaded: loaded (/usr/lib/systemd/system/systemd-timesyncd.service; enabled; preset: enabled)',
    '     Active: inactive (dead)',
    '       Docs: man:systemd-timesyncd.service(8)',
    '------------------------------------------------------------------------------------------------------------------------------------------------------------------',
    '~ » sudo systemctl status chronyd                                                                                                         4 ↵ astronaut@astroarch',
    '● chronyd.service - NTP client/server',
    '     Loaded: loaded (/usr/lib/systemd/system/chronyd.service; enabled; preset: disabled)',
    '     Active: active (running) since Tue 2024-03-05 02:41:23 CET; 2 months 8 days ago',
    '       Docs: man:chronyd(8)',
    '             man:chrony.conf(5)',
    '    Process: 345 ExecStart=/usr/bin/chronyd $OPTIONS (code=exited, status=0/SUCCESS)',
    '   Main PID: 365 (chronyd)',
    '      Tasks: 1 (limit: 8528)',
    '        CPU: 100ms',
    '     CGroup: /system.slice/chronyd.service',
    '             └─365 /usr/bin/chronyd',
    '',
  ].join('\n'));
  // The fence, both commands and the dashed rule between the two pastes are paste markup (issue 15).
  t.deepEqual(skippedLines(astro), []);
  t.like(astro.entries, [
    { realtimeUs: null, fields: { UNIT: 'systemd-timesyncd.service', ACTIVE_STATE: 'inactive', SUB_STATE: 'dead' } },
    { realtimeUs: Date.UTC(2024, 2, 5, 1, 41, 23) * 1000, fields: { UNIT: 'chronyd.service', ACTIVE_STATE: 'active', SUB_STATE: 'running' } },
  ]);
});

test('what systemctl prints after the tail belongs to the status (systemd#14281, systemd#18465)', async (t) => {
  // systemd/systemd#14281 (quoted there with "> ", which is the forum's, not systemctl's): TriggeredBy
  // with two sockets, Status, and the warning after the (empty) tail.
  const udevd = await read([
    '● systemd-udevd.service - udev Kernel Device Manager',
    '     Loaded: loaded (/usr/lib/systemd/system/systemd-udevd.service; static; vendor >',
    '     Active: active (running) since Sat 2019-12-07 23:29:43 EET; 19min ago',
    'TriggeredBy: ● systemd-udevd-kernel.socket',
    '             ● systemd-udevd-control.socket',
    '       Docs: man:systemd-udevd.service(8)',
    '             man:udev(7)',
    '   Main PID: 513 (systemd-udevd)',
    '     Status: "Processing with 24 children at max"',
    '      Tasks: 1',
    '     Memory: 42.9M',
    '     CGroup: /system.slice/systemd-udevd.service',
    '             └─513 /usr/lib/systemd/systemd-udevd',
    '',
    'Warning: Journal has been rotated since unit was started. Log output is incomplete',
  ].join('\n'));
  t.is(udevd.summary.skipped, 0, JSON.stringify(udevd.diagnostics));
  t.like(udevd.entries, [{ fields: { UNIT: 'systemd-udevd.service', ACTIVE_STATE: 'active' } }]);

  // The status and tail of openshift/machine-config-operator#2927, followed by the two lines
  // systemd/systemd#18465 quotes from after a tail (the notice of systemd ≥ 248, the older warning).
  const tail = await read([
    '● NetworkManager-wait-online.service - Network Manager Wait Online',
    '   Loaded: loaded (/usr/lib/systemd/system/NetworkManager-wait-online.service; enabled; vendor preset: disabled)',
    '   Active: failed (Result: exit-code) since Tue 2022-01-25 02:49:52 UTC; 14h ago',
    '     Docs: man:nm-online(1)',
    ' Main PID: 3563 (code=exited, status=1/FAILURE)',
    '      CPU: 27ms',
    '',
    'Jan 25 02:48:52 master-0.ostest.test.metalkube.org systemd[1]: Starting Network Manager Wait Online...',
    'Jan 25 02:49:52 master-0.ostest.test.metalkube.org systemd[1]: NetworkManager-wait-online.service: Main process exited, code=exited, status=1/FAILURE',
    'Notice: journal has been rotated since unit was started, output may be incomplete.',
    'Warning: journal has been rotated since unit was started, output may be incomplete.',
  ].join('\n'));
  t.is(tail.summary.skipped, 0, JSON.stringify(tail.diagnostics));
  t.deepEqual(tail.summary.regions?.map((g) => g.format), ['systemctl-status', 'short', 'systemctl-status']);
});

test('lines of other output are not claimed: unit lists, prose with Error: or Status:; a Failed Units banner is units in the failed state (coreos/bugs#259)', async (t) => {
  // coreos/bugs#259: CoreOS's login banner lists the units `systemctl list-units --state=failed` lists,
  // under `Failed Units: N`: each is a unit in the failed state, as an Active line says (no time).
  const coreosText = [
    '```',
    'CoreOS alpha (575.0.0)',
    'Failed Units: 8',
    '  docker.service',
    '  mariadb.service',
    '$ systemctl status docker -l',
    '● docker.service - Docker Application Container Engine',
    '   Loaded: loaded (/usr/lib64/systemd/system/docker.service; disabled; vendor preset: disabled)',
    '   Active: failed (Result: start-limit) since Wed 2015-02-04 14:10:23 SGT; 3min 32s ago',
    '     Docs: http://docs.docker.com',
    '  Process: 1132 ExecStart=/usr/lib/coreos/dockerd --daemon --host=fd:// $DOCKER_OPTS (code=exited, status=1/FAILURE)',
    ' Main PID: 1132 (code=exited, status=1/FAILURE)',
  ].join('\n');
  const coreos = await read(coreosText);
  // The OS line of the banner is skipped; the fence and the prompt with its command are paste markup (issue 15).
  t.deepEqual(skippedLines(coreos), [2]);
  t.like(coreos.entries, [
    { realtimeUs: null, identifier: 'systemctl', fields: { UNIT: 'docker.service', ACTIVE_STATE: 'failed' }, source: { line: 4 } },
    { realtimeUs: null, fields: { UNIT: 'mariadb.service', ACTIVE_STATE: 'failed' }, source: { line: 5 } },
    { realtimeUs: Date.UTC(2015, 1, 4, 6, 10, 23) * 1000, fields: { UNIT: 'docker.service', UNIT_RESULT: 'start-limit' } },
  ]);
  t.is(coreos.entries.length, 3);
  const failed = (await analyzeText(coreosText, 'paste', { timeZone: 'UTC' })).boots[0]!.failedUnits!;
  t.deepEqual(failed.map((f) => f.unit), ['docker.service', 'mariadb.service']);
  // Unit names after the banner's count is used up, or not indented, are not its list.
  const over = await read(['Failed Units: 1', '  docker.service', '  mariadb.service'].join('\n')).catch(() => null);
  t.deepEqual(over === null ? null : over.entries.map((e) => e.fields['UNIT']), ['docker.service']);

  // Lines that begin like weaker status fields, outside a status block, stay not-log; the input is refused.
  await t.throwsAsync(read(['Error: could not connect', 'Status: "up"', 'Tasks: 3', 'docker.service'].join('\n')), { message: /not a journal bootlens can read/ });
});

test('the status samples agree with the journals they were made from (samples/journals/pastes.mjs)', async (t) => {
  const samples = join(ROOT, 'samples/journals');
  for (const [paste, journal, unit, phase] of [
    ['k0s-reboot-race-status.log', 'k0s-reboot-race.json', 'k0scontroller.service', 'started'],
    ['bind-race-status.log', 'bind-race.json', 'nginx.service', 'failed'],
  ] as const) {
    const status = await analyze([join(samples, paste)], { timeZone: 'UTC' });
    t.is(status.inputs[0]!.skipped, 0, paste);
    t.deepEqual(status.inputs[0]!.regions?.map((g) => g.format), ['systemctl-status', 'short'], paste);
    const state = eventsOf(status).find((e) => e.kind === 'unit-state');
    const job = eventsOf(await analyze([join(samples, journal)])).findLast((e) => e.kind === 'unit-job' && e.unit === unit && e.phase === phase);
    t.truthy(state && job, paste);
    // systemctl prints whole seconds; the tail's year comes from the status (year evidence).
    t.is(state!.realtime!.slice(0, 19), job!.realtime!.slice(0, 19), paste);
    t.true(eventsOf(status).filter((e) => e.kind !== 'unit-state').every((e) => e.realtime!.startsWith('2024-11-20T09:2')), paste);
  }
});
