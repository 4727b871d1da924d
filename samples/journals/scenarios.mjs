#!/usr/bin/env node
// Scenario definitions for bootlens' sample journals.
//
// Writes samples/journals/sources/<scenario>.export in Journal Export Format
// (https://systemd.io/JOURNAL_EXPORT_FORMATS/). render.sh imports these with the real
// systemd-journal-remote and renders them with the real journalctl 252: nothing here
// formats a rendering, it only models what journald would have *stored*.
//
// Field names, message texts, CODE_* locations and MESSAGE_IDs were checked against
// systemd v252.30 (src/core/job.c, src/network/networkd-*.c, src/journal/journald-*.c),
// k0s v1.31.1+k0s.1 (cmd/controller, pkg/certificate, pkg/supervisor) and cloudflare/cfssl.
// Deterministic: fixed ids and times; every other id is a hash of fixed strings.

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MACHINE_ID = 'b3c5e0a47d2f4e19a8c61f0d9e2b7a53';
const HOSTNAME = 'k0s-ctrl-1';
const T0 = Date.UTC(2024, 10, 20, 9, 27, 0) * 1000; // µs; realtime = T0 + monotonic
const RACE_BOOT = '7c1e4f5a9b2d4c3e8f6a1b0c9d8e7f60';
const HEALTHY_BOOT = '2a9d5e1f7c3b4a6e9d8c7b6a5f4e3d21';
const CLOCK_BOOT = '5e8b1d3f6a2c4e7b9d0f1a3c5e7b9d2f';
const IPV6LL = 'fe80::1a66:daff:fe4c:2e91'; // EUI-64 of the NIC's MAC 18:66:da:4c:2e:91
const NIC = { subsystem: 'pci', device: '+pci:0000:00:19.0', sysname: '0000:00:19.0' };

// MESSAGE_IDs from systemd's sd-messages.h.
const MID = {
  unitStarting: '7d4958e842da4a758f6c1cdc7b36dcc5', unitStarted: '39f53479d3a045ac8e11786248231fbf',
  unitStopping: 'de5b426a63be47a7b6ac3eaac82e2f6f', unitStopped: '9d1aaa27d60140bd96365438aad20286',
  unitSuccess: '7ad2d189f7e94e70a38c781354912448', startupFinished: 'b07a249cd024414a82dd00cd181378ff',
  journalStart: 'f77379a8490b408bbe5f6940505a777b', journalStop: 'd93fb3c9c24d451a97cea615ce59c00b',
  journalUsage: 'ec387f577b844b8fa948f33cad9a75e6',
};

// Processes as journald sees them (it reads these from /proc). Services live in
// /system.slice/<unit>; PID 1 in init.scope. _COMM is truncated to 15 chars by the kernel.
const PROCS = {
  systemd: { comm: 'systemd', exe: '/usr/lib/systemd/systemd', cmdline: '/sbin/init', cap: '1ffffffffff', unit: 'init.scope' },
  journald: { comm: 'systemd-journal', exe: '/usr/lib/systemd/systemd-journald', cmdline: '/lib/systemd/systemd-journald', cap: '25402800cf', unit: 'systemd-journald.service' },
  networkd: { comm: 'systemd-network', exe: '/usr/lib/systemd/systemd-networkd', cmdline: '/lib/systemd/systemd-networkd', cap: '3c00', uid: 998, unit: 'systemd-networkd.service' },
  cron: { comm: 'cron', exe: '/usr/sbin/cron', cmdline: '/usr/sbin/cron -f', cap: '1ffffffffff', unit: 'cron.service' },
  sshd: { comm: 'sshd', exe: '/usr/sbin/sshd', cmdline: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', cap: '1ffffffffff', unit: 'ssh.service' },
  timesyncd: { comm: 'systemd-timesyn', exe: '/usr/lib/systemd/systemd-timesyncd', cmdline: '/lib/systemd/systemd-timesyncd', cap: '2000000', uid: 997, unit: 'systemd-timesyncd.service' },
  k0s: { comm: 'k0s', exe: '/usr/local/bin/k0s', cmdline: '/usr/local/bin/k0s controller --single=true', cap: '1ffffffffff', unit: 'k0scontroller.service' },
  // The other network stacks (issue 5): NetworkManager 1.42.4, ifupdown 0.8.41 + isc-dhcp-client 4.4.3-P1,
  // dhcpcd5 9.4.1 (Debian 12 packages), and nginx 1.22.1 as the service that binds the node's address.
  nm: { comm: 'NetworkManager', exe: '/usr/sbin/NetworkManager', cmdline: '/usr/sbin/NetworkManager --no-daemon', cap: '200534e2', unit: 'NetworkManager.service' },
  ifup: { comm: 'ifup', exe: '/usr/sbin/ifup', cmdline: '/sbin/ifup -a --read-environment', cap: '1ffffffffff', unit: 'networking.service' },
  dhclient: { comm: 'dhclient', exe: '/usr/sbin/dhclient', cmdline: '/sbin/dhclient -4 -v -i -pf /run/dhclient.eth0.pid -lf /var/lib/dhcp/dhclient.eth0.leases -I -df /var/lib/dhcp/dhclient6.eth0.leases eth0', cap: '1ffffffffff', unit: 'networking.service' },
  dhcpcd: { comm: 'dhcpcd', exe: '/usr/sbin/dhcpcd', cmdline: '/usr/sbin/dhcpcd -q -b', cap: '1ffffffffff', unit: 'dhcpcd.service' },
  nginx: { comm: 'nginx', exe: '/usr/sbin/nginx', cmdline: '/usr/sbin/nginx -g daemon on; master_process on;', cap: '1ffffffffff', unit: 'nginx.service' },
};

// Unit descriptions as Debian 12 / k0s install them (StatusUnitFormat=combined prints "id - description").
export const DESC = {
  'system-getty.slice': 'Slice /system/getty', 'system-modprobe.slice': 'Slice /system/modprobe',
  'user.slice': 'User and Session Slice',
  'systemd-journald-dev-log.socket': 'Journal Socket (/dev/log)', 'systemd-journald.socket': 'Journal Socket',
  'systemd-udevd-control.socket': 'udev Control Socket', 'systemd-udevd-kernel.socket': 'udev Kernel Socket',
  'systemd-journald.service': 'Journal Service', 'systemd-modules-load.service': 'Load Kernel Modules',
  'systemd-udev-trigger.service': 'Coldplug All udev Devices',
  'systemd-journal-flush.service': 'Flush Journal to Persistent Storage',
  'systemd-udevd.service': 'Rule-based Manager for Device Events and Files',
  'sysinit.target': 'System Initialization', 'sockets.target': 'Socket Units', 'basic.target': 'Basic System',
  'systemd-networkd.service': 'Network Configuration',
  'systemd-timesyncd.service': 'Network Time Synchronization', 'time-set.target': 'System Time Set',
  'systemd-networkd-wait-online.service': 'Wait for Network to be Configured',
  'network.target': 'Network', 'network-online.target': 'Network is Online',
  'cron.service': 'Regular background program processing daemon', 'ssh.service': 'OpenBSD Secure Shell server',
  'k0scontroller.service': 'k0s - Zero Friction Kubernetes',
  'dbus.service': 'D-Bus System Message Bus', 'NetworkManager.service': 'Network Manager',
  'NetworkManager-wait-online.service': 'Network Manager Wait Online',
  'ifupdown-pre.service': 'Helper to synchronize boot up for ifupdown', 'networking.service': 'Raise network interfaces',
  'dhcpcd.service': 'DHCP Client Daemon on all interfaces',
  'nginx.service': 'A high performance web server and a reverse proxy server',
  'multi-user.target': 'Multi-User System', 'graphical.target': 'Graphical Interface',
  'systemd-update-utmp-runlevel.service': 'Record Runlevel Change in UTMP',
  'shutdown.target': 'System Shutdown', 'final.target': 'Late Shutdown Phase',
  'systemd-reboot.service': 'System Reboot', 'reboot.target': 'System Reboot',
};

const us = (s) => Math.round(s * 1e6);
const sha = (...parts) => createHash('sha256').update(parts.join('\0')).digest('hex');
const id128 = (...parts) => sha(...parts).slice(0, 32);
const pad = (n, w = 2) => String(n).padStart(w, '0');
const utc = (usec) => new Date(Math.floor(usec / 1000));

// systemd's format_timespan() (src/basic/time-util.c), as used by "Startup finished" etc.
function formatTimespan(t, accuracy) {
  const out = [];
  for (const [suffix, unit] of [['min', 60e6], ['s', 1e6], ['ms', 1e3], ['us', 1]]) {
    if (t <= 0 || (t < accuracy && out.length)) break;
    if (t < unit) continue;
    const a = Math.floor(t / unit);
    let b = t % unit;
    if (t < 60e6 && b > 0) {
      let j = String(unit).length - 1;
      for (let cc = accuracy; cc > 1; cc /= 10) { b = Math.floor(b / 10); j--; }
      if (j > 0) { out.push(`${a}.${pad(b, j)}${suffix}`); t = 0; continue; }
    }
    out.push(`${a}${suffix}`);
    t = b;
  }
  return out.join(' ') || '0';
}

// systemd's FORMAT_BYTES() (IEC, one digit below the point), for journald's usage messages.
function formatBytes(t) {
  const units = [['G', 2 ** 30], ['M', 2 ** 20], ['K', 2 ** 10]];
  for (const [s, f] of units) if (t >= f) return `${Math.floor(t / f)}.${Math.floor(Math.floor(t / (f / 1024)) * 10 / 1024) % 10}${s}`;
  return `${t}B`;
}

// Go's strconv.Quote for the printable ASCII we log: what logrus (%q) and klog use.
const goQuote = (s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
// logrus TextFormatter quotes a value unless it only has these characters.
const logrusValue = (s) => (/^[A-Za-z0-9\-._/@^+]+$/.test(s) ? s : goQuote(s));

class Boot {
  constructor(bootId, rtBase, pids) {
    Object.assign(this, { bootId, rtBase, pids, entries: [], kmsgBuffer: [], journaldUp: false, jobs: new Map() });
  }

  // Each entry keeps the wall clock of the moment it was logged: setClock() moves it mid-boot.
  add(mono, fields) { this.entries.push({ mono, fields, rt: this.rtBase + mono }); }

  // clock_settime(): from `t` on, realtime reads `rt` (µs) at monotonic `t`.
  setClock(t, rt) { this.rtBase = rt - us(t); }

  // journald's trusted fields for a process (what it learns from SCM_CREDENTIALS and /proc).
  trusted(name) {
    const p = PROCS[name];
    const pid = name === 'systemd' ? 1 : this.pids[name];
    const service = p.unit.endsWith('.service');
    return [
      ['_PID', pid], ['_UID', p.uid ?? 0], ['_GID', p.uid ?? 0], ['_COMM', p.comm], ['_EXE', p.exe],
      ['_CMDLINE', p.cmdline], ['_CAP_EFFECTIVE', p.cap],
      ['_SYSTEMD_CGROUP', service ? `/system.slice/${p.unit}` : `/${p.unit}`], ['_SYSTEMD_UNIT', p.unit],
      ['_SYSTEMD_SLICE', service ? 'system.slice' : '-.slice'],
      ...(service ? [['_SYSTEMD_INVOCATION_ID', this.invocation(p.unit)]] : []),
    ];
  }

  // A unit started again in the same boot (`runs[unit]` = 2, 3, …) gets a new invocation id.
  invocation(unit) { return id128('invocation', this.bootId, unit, ...(this.runs?.[unit] > 1 ? [this.runs[unit]] : [])); }

  // Another machine than k0s-ctrl-1 (set `machineId`/`hostname` on the boot).
  get machine() { return this.machineId ?? MACHINE_ID; }

  jobId(unit, type) {
    // Job ids are small and increase in queueing order; 1 is the default target's job.
    const key = `${type} ${unit}`;
    if (!this.jobs.has(key)) this.jobs.set(key, 2 + this.jobs.size * 3 + (parseInt(sha(key).slice(0, 2), 16) % 3));
    return this.jobs.get(key);
  }

  // A /dev/kmsg record: the kernel's own lines, and PID 1's lines before journald runs.
  // Records written before journald starts are read in one go when it starts, so they get
  // journald's *read* time as __MONOTONIC/__REALTIME_TIMESTAMP; only _SOURCE_MONOTONIC_TIMESTAMP
  // keeps the time they were logged (journalctl 252 displays that one).
  kmsg(t, priority, message, { facility = 0, ident, pid, dev } = {}) {
    const f = dev ? [['_KERNEL_SUBSYSTEM', dev.subsystem], ['_KERNEL_DEVICE', dev.device], ['_UDEV_SYSNAME', dev.sysname]] : [];
    f.push(['_SOURCE_MONOTONIC_TIMESTAMP', us(t)], ['_TRANSPORT', 'kernel'], ['PRIORITY', priority], ['SYSLOG_FACILITY', facility]);
    f.push(...(facility === 0 ? [['SYSLOG_IDENTIFIER', 'kernel']] : [['SYSLOG_IDENTIFIER', ident], ['SYSLOG_PID', pid]]));
    f.push(['MESSAGE', message]);
    if (this.journaldUp) this.add(us(t) + 27, f); // read from /dev/kmsg a few µs later
    else this.kmsgBuffer.push(f);
  }

  kernel(t, message, priority = 6, dev) { this.kmsg(t, priority, message, { dev }); }

  // journald's own ("driver") messages.
  driver(t, message, extra = []) {
    this.add(us(t), [['SYSLOG_FACILITY', 3], ['SYSLOG_IDENTIFIER', 'systemd-journald'], ['_TRANSPORT', 'driver'],
      ['PRIORITY', 6], ...extra.filter(([k]) => k === 'MESSAGE_ID'), ['MESSAGE', message],
      ...extra.filter(([k]) => k !== 'MESSAGE_ID'), ...this.trusted('journald')]);
  }

  usage(t, name, path, used, limit, keepFree, diskAvailable) {
    const bytes = (k, v) => [[k, v], [`${k}_PRETTY`, formatBytes(v)]];
    this.driver(t, `${name} (${path}) is ${formatBytes(used)}, max ${formatBytes(limit)}, ${formatBytes(limit - used)} free.`, [
      ['MESSAGE_ID', MID.journalUsage], ['JOURNAL_NAME', name], ['JOURNAL_PATH', path],
      ...bytes('CURRENT_USE', used), ...bytes('MAX_USE', limit), ...bytes('DISK_KEEP_FREE', keepFree),
      ...bytes('DISK_AVAILABLE', diskAvailable), ...bytes('LIMIT', limit), ...bytes('AVAILABLE', limit - used)]);
  }

  journaldStarts(t) {
    let mono = us(t) - 1800;
    for (const f of this.kmsgBuffer) this.add((mono += 11), f);
    this.kmsgBuffer = [];
    this.journaldUp = true;
    this.driver(t, 'Journal started', [['MESSAGE_ID', MID.journalStart]]);
    this.usage(t + 0.000412, 'Runtime Journal', `/run/log/journal/${this.machine}`, 8388608, 167153664, 250730496, 1662926848);
  }

  // A sd_journal_send()-style entry as systemd's log_struct() writes it: log_do_header()
  // fields, then the caller's fields, then journald's. The sender's clock reading
  // (_SOURCE_REALTIME_TIMESTAMP, from SO_TIMESTAMP) is a few µs before journald's.
  native(t, proc, priority, [file, line, func], fields, object = []) {
    const ident = { systemd: 'systemd', networkd: 'systemd-networkd', timesyncd: 'systemd-timesyncd' }[proc];
    const tid = proc === 'systemd' ? 1 : this.pids[proc];
    this.add(us(t), [['PRIORITY', priority], ['SYSLOG_FACILITY', 3], ['TID', tid], ['CODE_FILE', file],
      ['CODE_LINE', line], ['CODE_FUNC', func], ...object, ['SYSLOG_IDENTIFIER', ident], ...fields,
      ['_TRANSPORT', 'journal'], ...this.trusted(proc), ['_SOURCE_REALTIME_TIMESTAMP', this.rtBase + us(t) - 41]]);
  }

  // systemd[1]. Before journald runs PID 1 logs to /dev/kmsg, which keeps only the text.
  pid1(t, message, code, fields = [], priority = 6) {
    if (!this.journaldUp) return this.kmsg(t, priority, message, { facility: 3, ident: 'systemd', pid: 1 });
    this.native(t, 'systemd', priority, code, [['MESSAGE', message], ...fields]);
  }

  // "Starting/Stopping <unit> - <desc>..." (job_emit_start_message). Type=simple services,
  // targets, slices and sockets never print it: their job is done before it would be logged.
  starting(t, unit, type = 'start') {
    this.pid1(t, `${type === 'start' ? 'Starting' : 'Stopping'} ${unit} - ${DESC[unit]}...`,
      ['src/core/job.c', 581, 'job_emit_start_message'],
      [['JOB_ID', this.jobId(unit, type)], ['JOB_TYPE', type], ['INVOCATION_ID', this.invocation(unit)],
        ['MESSAGE_ID', type === 'start' ? MID.unitStarting : MID.unitStopping], ['UNIT', unit]]);
  }

  // "Started/Finished/Reached target/Listening on/Created slice/Stopped ..." (job_emit_done_message).
  done(t, unit, type = 'start') {
    const kind = unit.split('.').pop();
    const oneshot = /^(systemd-(modules-load|udev-trigger|journal-flush|networkd-wait-online|update-utmp-runlevel|reboot)|NetworkManager-wait-online|ifupdown-pre|networking|cloud-final)\.service$/.test(unit);
    const verb = type === 'stop' ? (kind === 'target' ? 'Stopped target' : 'Stopped')
      : { target: 'Reached target', slice: 'Created slice', socket: 'Listening on' }[kind] ?? (oneshot ? 'Finished' : 'Started');
    this.pid1(t, `${verb} ${unit} - ${DESC[unit]}.`, ['src/core/job.c', 768, 'job_emit_done_message'],
      [['JOB_ID', this.jobId(unit, type)], ['JOB_TYPE', type], ['JOB_RESULT', 'done'], ['INVOCATION_ID', this.invocation(unit)],
        ['MESSAGE_ID', type === 'start' ? MID.unitStarted : MID.unitStopped], ['UNIT', unit]]);
  }

  deactivated(t, unit) {
    this.pid1(t, `${unit}: Deactivated successfully.`, ['src/core/unit.c', 5627, 'unit_log_success'],
      [['MESSAGE_ID', MID.unitSuccess], ['INVOCATION_ID', this.invocation(unit)], ['UNIT', unit]]);
  }

  // Bare metal with BIOS (no firmware/loader times) and a non-systemd initramfs: "kernel" is
  // everything up to PID 1's start.
  startupFinished(t, userspaceStart) {
    const kernel = us(userspaceStart), userspace = us(t) - kernel, fmt = (v) => formatTimespan(v, 1000);
    this.native(t, 'systemd', 6, ['src/core/manager.c', 3536, 'manager_notify_finished'], [
      ['MESSAGE_ID', MID.startupFinished], ['KERNEL_USEC', kernel], ['USERSPACE_USEC', userspace],
      ['MESSAGE', `Startup finished in ${fmt(kernel)} (kernel) + ${fmt(userspace)} (userspace) = ${fmt(us(t))}.`]]);
  }

  // systemd-networkd's log_link_info(): INTERFACE= is the log "object", the message gets "eth0: ".
  link(t, iface, message, [line, func]) {
    this.native(t, 'networkd', 6, ['src/network/networkd-link.c', line, func], [['MESSAGE', `${iface}: ${message}`]],
      [['INTERFACE', iface]]);
  }

  dhcp4(t, iface, address, prefixlen, gateway, server) {
    this.native(t, 'networkd', 6, ['src/network/networkd-dhcp4.c', 846, 'dhcp4_request_address'], [
      ['INTERFACE', iface],
      ['MESSAGE', `${iface}: DHCPv4 address ${address}/${prefixlen}, gateway ${gateway} acquired from ${server}`],
      ['ADDRESS', address], ['PREFIXLEN', prefixlen], ['GATEWAY', gateway]]);
  }

  // A syslog(3) client such as cron or sshd.
  syslog(t, proc, facility, priority, ident, message) {
    const rt = this.rtBase + us(t) - 63, d = utc(rt);
    const stamp = `${d.toUTCString().slice(8, 11)} ${String(d.getUTCDate()).padStart(2)} ${d.toISOString().slice(11, 19)} `;
    this.add(us(t), [['_TRANSPORT', 'syslog'], ['PRIORITY', priority], ['SYSLOG_FACILITY', facility],
      ['SYSLOG_IDENTIFIER', ident], ['SYSLOG_PID', this.pids[proc]], ['SYSLOG_TIMESTAMP', stamp], ['MESSAGE', message],
      ...this.trusted(proc), ['_SOURCE_REALTIME_TIMESTAMP', rt]]);
  }

  // A line on a service's stdout, which systemd connects to journald's stream socket.
  stdout(t, proc, message) {
    this.add(us(t), [['_TRANSPORT', 'stdout'], ['_STREAM_ID', id128('stream', this.bootId, proc)], ['PRIORITY', 6],
      ['SYSLOG_FACILITY', 3], ['SYSLOG_IDENTIFIER', PROCS[proc].comm], ['MESSAGE', message], ...this.trusted(proc)]);
  }

  // k0s logs with logrus' TextFormatter (TimestampFormat "2006-01-02 15:04:05", node-local = UTC
  // here), fields sorted by key after msg.
  k0s(t, level, msg, fields = {}) {
    const d = utc(this.rtBase + us(t));
    const time = `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)}`;
    const extra = Object.keys(fields).sort().map((k) => ` ${k}=${logrusValue(String(fields[k]))}`).join('');
    this.stdout(t, 'k0s', `time=${goQuote(time)} level=${level} msg=${logrusValue(msg)}${extra}`);
  }

  // A child's stderr line (klog format), relayed by k0s' supervisor at level=info.
  klog(t, component, pid, severity, source, text) {
    const d = utc(this.rtBase + us(t) - 412); // the child wrote it a little before k0s relayed it
    const micros = pad((this.rtBase + us(t) - 412) % 1e6, 6);
    const head = `${severity}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${d.toISOString().slice(11, 19)}.${micros} ${String(pid).padStart(7)} ${source}]`;
    this.k0s(t, 'info', `${head} ${text}`, { component, stream: 'stderr' });
  }

  // k0s' certificate manager regenerates every k0s-managed cert on each start (8 of them,
  // concurrently). cfssl logs through k0s with component=cfssl.
  certificates(t, seed) {
    const starts = [0, 0.0004, 0.0009, 0.0013, 0.0017, 0.0021, 0.0302, 0.0306]; // server/k0s-api after detectLocalIPs
    const keygen = [0.41, 0.93, 0.27, 1.12, 0.66, 0.52, 1.38, 0.84]; // RSA-2048 generation is slow and varies
    const steps = [];
    starts.forEach((s, i) => {
      const at = t + s;
      const serial = BigInt(`0x${sha('serial', this.bootId, seed, i)}`) % (1n << 159n); // cfssl: random < 2^159
      steps.push([at, 'generate received request'], [at + 0.00011, 'received CSR'], [at + 0.00016, 'generating key: rsa-2048'],
        [at + keygen[i], 'encoded CSR'], [at + keygen[i] + 0.0021, `signed certificate with serial number ${serial}`]);
    });
    steps.sort((a, b) => a[0] - b[0]).forEach(([at, msg]) => this.k0s(at, 'info', msg, { component: 'cfssl' }));
  }

  supervise(t, component, pid) {
    this.k0s(t, 'info', 'Starting to supervise', { component });
    this.k0s(t + 0.0031, 'info', `Started successfully, go nuts pid ${pid}`, { component });
  }

  // Export Format text: entries in the order journald wrote them, blank line after each.
  toExport() {
    const rows = this.entries.map((e, i) => ({ ...e, i })).sort((a, b) => a.mono - b.mono || a.i - b.i);
    return rows.map(({ mono, fields, rt }) => [
      ['__REALTIME_TIMESTAMP', rt], ['__MONOTONIC_TIMESTAMP', mono], ['_BOOT_ID', this.bootId],
      ...fields, ['_MACHINE_ID', this.machine], ['_HOSTNAME', this.hostname ?? HOSTNAME],
    ].map(([k, v]) => {
      if (v === undefined || /\n/.test(String(v))) throw new Error(`bad value for ${k}: ${v}`);
      return `${k}=${v}\n`;
    }).join('') + '\n').join('');
  }
}

// Kernel + PID 1 up to networkd's first link event: the same hardware and unit set on every
// boot; `skew` shifts userspace a little so two boots don't look copy-pasted.
function earlyBoot(b, skew, { networkd = true } = {}) {
  const s = (t) => t + skew;
  const cmdline = 'BOOT_IMAGE=/boot/vmlinuz-6.1.0-26-amd64 root=UUID=5b1f7c2e-8a43-4d0e-9b6f-2c7d1e9a4f30 ro net.ifnames=0 quiet';
  b.kernel(0, 'Linux version 6.1.0-26-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.112-1 (2024-09-30)', 5);
  b.kernel(0, `Command line: ${cmdline}`);
  b.kernel(0, 'DMI: Dell Inc. OptiPlex 9020/0PC5F7, BIOS A25 05/30/2019');
  b.kernel(0, 'tsc: Detected 3591.683 MHz processor');
  b.kernel(0.038915, `Kernel command line: ${cmdline}`, 5);
  b.kernel(0.112403, 'smpboot: CPU0: Intel(R) Core(TM) i7-4790 CPU @ 3.60GHz (family: 0x6, model: 0x3c, stepping: 0x3)');
  b.kernel(0.612084, 'Run /init as init process');
  b.kernel(0.791264, 'ata1: SATA link up 6.0 Gbps (SStatus 133 SControl 300)');
  b.kernel(0.803517, 'sd 0:0:0:0: [sda] 500118192 512-byte logical blocks: (256 GB/238 GiB)', 5,
    { subsystem: 'scsi', device: '+scsi:0:0:0:0', sysname: '0:0:0:0' });
  b.kernel(1.21433, 'EXT4-fs (sda2): mounted filesystem with ordered data mode. Quota mode: none.');

  // PID 1 starts (MANAGER_TIMESTAMP_USERSPACE is taken just before its first line).
  b.pid1(s(1.902114), 'systemd 252.30-1~deb12u2 running in system mode (+PAM +AUDIT +SELINUX +APPARMOR +IMA +SMACK +SECCOMP +GCRYPT -GNUTLS +OPENSSL +ACL +BLKID +CURL +ELFUTILS +FIDO2 +IDN2 -IDN +IPTC +KMOD +LIBCRYPTSETUP +LIBFDISK +PCRE2 -PWQUALITY +P11KIT +QRENCODE +TPM2 +BZIP2 +LZ4 +XZ +ZLIB +ZSTD -BPF_FRAMEWORK -XKBCOMMON +UTMP +SYSVINIT default-hierarchy=unified)');
  b.pid1(s(1.902187), 'Detected architecture x86-64.');
  b.pid1(s(1.98341), 'Queued start job for default target graphical.target.');
  b.done(s(1.99612), 'system-getty.slice');
  b.done(s(1.996528), 'system-modprobe.slice');
  b.done(s(1.997012), 'user.slice');
  b.done(s(1.998334), 'systemd-journald-dev-log.socket');
  b.done(s(1.99841), 'systemd-journald.socket');
  b.done(s(1.998655), 'systemd-udevd-control.socket');
  b.done(s(1.998702), 'systemd-udevd-kernel.socket');
  b.starting(s(2.001244), 'systemd-journald.service');
  b.starting(s(2.002011), 'systemd-modules-load.service');
  b.starting(s(2.00239), 'systemd-udev-trigger.service');
  b.journaldStarts(s(2.046113));
  b.done(s(2.049201), 'systemd-journald.service');
  b.done(s(2.061437), 'systemd-modules-load.service');
  b.starting(s(2.098012), 'systemd-journal-flush.service');
  b.driver(s(2.12493), `Time spent on flushing to /var/log/journal/${b.machine} is ${formatTimespan(25812, 0)} for ${b.entries.length} entries.`);
  b.usage(s(2.125302), 'System Journal', `/var/log/journal/${b.machine}`, 50331648, 4294967296, 4294967296, 201390080000);
  b.done(s(2.127713), 'systemd-journal-flush.service');
  b.starting(s(2.150318), 'systemd-udevd.service');
  b.done(s(2.171092), 'systemd-udevd.service');
  b.done(s(2.18654), 'systemd-udev-trigger.service');
  // udev loads the NIC driver; the kernel names it eth0 (net.ifnames=0 on the command line).
  b.kernel(s(2.213348), 'e1000e: Intel(R) PRO/1000 Network Driver');
  b.kernel(s(2.213355), 'e1000e: Copyright(c) 1999 - 2015 Intel Corporation.');
  b.kernel(s(2.213682), 'e1000e 0000:00:19.0: Interrupt Throttling Rate (ints/sec) set to dynamic conservative mode', 6, NIC);
  b.kernel(s(2.297511), 'e1000e 0000:00:19.0 0000:00:19.0 (uninitialized): registered PHC clock', 6, NIC);
  b.kernel(s(2.36583), 'e1000e 0000:00:19.0 eth0: (PCI Express:2.5GT/s:Width x1) 18:66:da:4c:2e:91', 6, NIC);
  b.kernel(s(2.365836), 'e1000e 0000:00:19.0 eth0: Intel(R) PRO/1000 Network Connection', 6, NIC);
  b.kernel(s(2.365901), 'e1000e 0000:00:19.0 eth0: MAC: 11, PHY: 12, PBA No: FFFFFF-0FF', 6, NIC);
  b.done(s(2.410125), 'sysinit.target');
  b.done(s(2.41102), 'sockets.target');
  b.done(s(2.412214), 'basic.target');
  if (!networkd) return s(1.897332); // another stack configures eth0 (the scenarios of issue 5)
  b.starting(s(2.601302), 'systemd-networkd.service');
  b.link(s(2.648811), 'lo', 'Link UP', [1960, 'link_update_flags']);
  b.link(s(2.648902), 'lo', 'Gained carrier', [1974, 'link_update_flags']);
  b.native(s(2.651377), 'networkd', 6, ['src/network/networkd.c', 110, 'run'], [['MESSAGE', 'Enumeration completed']]);
  b.done(s(2.65512), 'systemd-networkd.service');
  b.link(s(2.707415), 'eth0', 'Link UP', [1960, 'link_update_flags']);
  return s(1.897332); // userspace start, for "Startup finished"
}

// Common tail of a boot once the default target is reached.
function reachDefaultTarget(b, t, userspaceStart) {
  b.done(t, 'multi-user.target');
  b.done(t + 0.000177, 'graphical.target');
  b.starting(t + 0.002892, 'systemd-update-utmp-runlevel.service');
  b.deactivated(t + 0.016315, 'systemd-update-utmp-runlevel.service');
  b.done(t + 0.016587, 'systemd-update-utmp-runlevel.service');
  b.startupFinished(t + 0.017278, userspaceStart);
}

function cronAndSsh(b, t) {
  b.done(t, 'cron.service');
  b.starting(t + 0.004482, 'ssh.service');
  b.syslog(t + 0.012384, 'cron', 9, 6, 'cron', '(CRON) INFO (pidfile fd = 3)');
  b.syslog(t + 0.013671, 'cron', 9, 6, 'cron', '(CRON) INFO (Running @reboot jobs)');
  b.syslog(t + 0.229936, 'sshd', 4, 6, 'sshd', 'Server listening on 0.0.0.0 port 22.');
  b.syslog(t + 0.23, 'sshd', 4, 6, 'sshd', 'Server listening on :: port 22.');
  b.done(t + 0.230788, 'ssh.service');
}

const x509 = 'tls: failed to verify certificate: x509: certificate is valid for 127.0.0.1, ::1, 127.0.1.1, ' +
  `${IPV6LL}, 10.96.0.1, not 192.168.2.10`;

// The race: systemd-networkd-wait-online.service is not enabled, so network-online.target is
// reached right after network.target, k0s starts before eth0 has any address, defaults its API
// address to 127.0.0.1 and signs its serving certs without 192.168.2.10. DHCP arrives ~5.7 s later;
// the kubelet (whose kubeconfig points at 192.168.2.10) then fails TLS verification.
export function raceBoot(rtBase = T0, { reboot = false } = {}) {
  const b = new Boot(RACE_BOOT, rtBase, { journald: 241, networkd: 412, cron: 873, sshd: 884, k0s: 891 });
  const userspaceStart = earlyBoot(b, 0);
  b.done(2.804377, 'network.target');
  b.done(2.812114, 'network-online.target'); // nothing orders it after a configured link
  cronAndSsh(b, 2.86153);
  b.done(2.894407, 'k0scontroller.service'); // Type=simple: "Started" only, no "Starting..."
  b.k0s(3.05214, 'warning', 'failed to find any non-local, non podnetwork addresses on host, defaulting public address to 127.0.0.1');
  b.k0s(3.052391, 'info', 'using api address: 127.0.0.1');
  b.k0s(3.052415, 'info', 'using listen port: 6443');
  b.k0s(3.052433, 'info', 'using sans: []'); // default spec.api.sans = all non-loopback addresses: none yet
  b.k0s(3.052806, 'info', 'DNS address: 10.96.0.10');
  b.k0s(3.053027, 'info', 'using storage backend kine');
  b.kernel(3.096812, 'e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx', 6, NIC);
  b.kernel(3.09684, 'IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready');
  b.link(3.097105, 'eth0', 'Gained carrier', [1974, 'link_update_flags']);
  reachDefaultTarget(b, 3.101225, userspaceStart);
  b.certificates(4.021507, 'race');
  b.link(4.503218, 'eth0', 'Gained IPv6LL', [657, 'link_ipv6ll_gained']);
  b.supervise(5.611482, 'kine', 1027);
  b.supervise(5.982215, 'kube-apiserver', 1041);
  b.dhcp4(8.751309, 'eth0', '192.168.2.10', 24, '192.168.2.1', '192.168.2.1');
  b.supervise(38.903117, 'kubelet', 1158);
  const nodes = 'https://192.168.2.10:6443/api/v1/nodes?fieldSelector=metadata.name%3Dk0s-ctrl-1&limit=500&resourceVersion=0';
  const services = 'https://192.168.2.10:6443/api/v1/services?fieldSelector=spec.clusterIP%21%3DNone&limit=500&resourceVersion=0';
  const listFailed = (t, kind, url) => {
    b.klog(t, 'kubelet', 1158, 'W', 'reflector.go:561', `k8s.io/client-go/informers/factory.go:160: failed to list *v1.${kind}: Get "${url}": ${x509}`);
    b.klog(t + 0.000068, 'kubelet', 1158, 'E', 'reflector.go:158', `"Unhandled Error" err=${goQuote(`k8s.io/client-go/informers/factory.go:160: Failed to watch *v1.${kind}: failed to list *v1.${kind}: Get "${url}": ${x509}`)} logger="UnhandledError"`);
  };
  const registerFailed = (t) => b.klog(t, 'kubelet', 1158, 'E', 'kubelet_node_status.go:95',
    `"Unable to register node with API server" err=${goQuote(`Post "https://192.168.2.10:6443/api/v1/nodes": ${x509}`)} node="k0s-ctrl-1"`);
  listFailed(41.613582, 'Node', nodes);
  listFailed(41.615027, 'Service', services);
  registerFailed(41.702114);
  registerFailed(42.318806);
  listFailed(42.947321, 'Node', nodes);
  registerFailed(43.520447);
  if (reboot) rebootTail(b, 571.402116);
  return b;
}

// The admin reboots a few minutes later (only in the multi-boot journal).
function rebootTail(b, t) {
  b.done(t, 'graphical.target', 'stop');
  b.done(t + 0.000412, 'multi-user.target', 'stop');
  b.starting(t + 0.001205, 'k0scontroller.service', 'stop');
  b.k0s(t + 0.001891, 'info', 'Shutting down k0s controller');
  b.k0s(t + 0.002614, 'info', 'Shutting down pid 1158', { component: 'kubelet' });
  b.k0s(t + 0.611027, 'info', 'Shutting down pid 1041', { component: 'kube-apiserver' });
  b.k0s(t + 1.203318, 'info', 'Shutting down pid 1027', { component: 'kine' });
  b.k0s(t + 1.310942, 'info', 'All node components stopped');
  b.deactivated(t + 1.318204, 'k0scontroller.service');
  b.done(t + 1.318377, 'k0scontroller.service', 'stop');
  b.done(t + 1.402593, 'shutdown.target');
  b.done(t + 1.402711, 'final.target');
  b.starting(t + 1.403012, 'systemd-reboot.service');
  b.deactivated(t + 1.409915, 'systemd-reboot.service');
  b.done(t + 1.410118, 'systemd-reboot.service');
  b.done(t + 1.410204, 'reboot.target');
  b.pid1(t + 1.410501, 'Shutting down.', ['src/core/main.c', 2026, 'invoke_main_loop'], [], 5);
  b.driver(t + 1.517736, 'Journal stopped', [['MESSAGE_ID', MID.journalStop]]);
}

// The fix: systemd-networkd-wait-online.service holds network-online.target until eth0 is
// configured (DHCPv4 lease + IPv6LL), so k0s only starts once 192.168.2.10 is there.
export function healthyBoot(rtBase = T0) {
  const b = new Boot(HEALTHY_BOOT, rtBase, { journald: 243, networkd: 409, cron: 870, sshd: 881, k0s: 902 });
  const userspaceStart = earlyBoot(b, 0.003817);
  b.starting(2.701224, 'systemd-networkd-wait-online.service');
  b.done(2.80802, 'network.target');
  cronAndSsh(b, 2.864205);
  b.kernel(3.050614, 'e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx', 6, NIC);
  b.kernel(3.050641, 'IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready');
  b.link(3.050903, 'eth0', 'Gained carrier', [1974, 'link_update_flags']);
  b.dhcp4(4.103518, 'eth0', '192.168.2.10', 24, '192.168.2.1', '192.168.2.1');
  b.link(4.18724, 'eth0', 'Gained IPv6LL', [657, 'link_ipv6ll_gained']);
  b.done(4.204377, 'systemd-networkd-wait-online.service');
  b.done(4.20602, 'network-online.target');
  b.done(4.210144, 'k0scontroller.service');
  reachDefaultTarget(b, 4.214806, userspaceStart);
  b.k0s(4.331208, 'info', 'using api address: 192.168.2.10');
  b.k0s(4.331236, 'info', 'using listen port: 6443');
  b.k0s(4.331251, 'info', `using sans: [192.168.2.10 ${IPV6LL}]`);
  b.k0s(4.331702, 'info', 'DNS address: 10.96.0.10');
  b.k0s(4.331925, 'info', 'using storage backend kine');
  b.certificates(4.528331, 'healthy');
  b.supervise(6.124067, 'kine', 1031);
  b.supervise(6.497512, 'kube-apiserver', 1046);
  b.supervise(22.408836, 'kubelet', 1163);
  b.klog(24.811547, 'kubelet', 1163, 'I', 'kubelet_node_status.go:72', '"Attempting to register node" node="k0s-ctrl-1"');
  b.klog(25.102933, 'kubelet', 1163, 'I', 'kubelet_node_status.go:75', '"Successfully registered node" node="k0s-ctrl-1"');
  return b;
}

// systemd's FORMAT_TIMESTAMP() in UTC: `Wed 2024-11-20 06:40:02 UTC`.
const formatTimestamp = (usec) => {
  const d = utc(usec);
  return `${d.toUTCString().slice(0, 3)} ${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} UTC`;
};

// The RTC is 3 hours behind (a flat CMOS battery). systemd-timesyncd restores the time it saved at
// the last shutdown (/var/lib/systemd/timesync/clock, 47 minutes old: the machine was off that
// long), then steps again once DHCP gave eth0 an address and the NTP server answered. The race of
// k0s-reboot-race happens in between: every wall-clock stamp before 9.9 s is off.
export function clockStepBoot() {
  const b = new Boot(CLOCK_BOOT, T0 - 3 * 3600e6, { journald: 240, networkd: 411, timesyncd: 398, cron: 871, sshd: 882, k0s: 895 });
  const userspaceStart = earlyBoot(b, 0.001204);
  // After earlyBoot's last line (2.708619): entries are stamped with the clock of when they are added.
  b.starting(2.711203, 'systemd-timesyncd.service');
  const saved = T0 - 47 * 60e6 + us(2.750304) - 2.4e6; // the clock file's mtime: the last shutdown
  b.native(2.750304, 'timesyncd', 6, ['src/timesync/timesyncd.c', 77, 'load_clock_timestamp'],
    [['MESSAGE', `System clock time unset or jumped backwards, restoring from recorded timestamp: ${formatTimestamp(saved)}`]]);
  b.setClock(2.750411, saved + 107);
  b.done(2.752052, 'systemd-timesyncd.service');
  b.done(2.752297, 'time-set.target');
  b.done(2.804377, 'network.target');
  b.done(2.812114, 'network-online.target');
  cronAndSsh(b, 2.86153);
  b.done(2.894407, 'k0scontroller.service');
  b.k0s(3.05214, 'warning', 'failed to find any non-local, non podnetwork addresses on host, defaulting public address to 127.0.0.1');
  b.k0s(3.052391, 'info', 'using api address: 127.0.0.1');
  b.k0s(3.052415, 'info', 'using listen port: 6443');
  b.k0s(3.052433, 'info', 'using sans: []');
  b.kernel(3.096812, 'e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx', 6, NIC);
  b.kernel(3.09684, 'IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready');
  b.link(3.097105, 'eth0', 'Gained carrier', [1974, 'link_update_flags']);
  reachDefaultTarget(b, 3.101225, userspaceStart);
  b.certificates(4.021507, 'clock-step');
  b.link(4.503218, 'eth0', 'Gained IPv6LL', [657, 'link_ipv6ll_gained']);
  b.supervise(5.611482, 'kine', 1027);
  b.dhcp4(8.751309, 'eth0', '192.168.2.10', 24, '192.168.2.1', '192.168.2.1');
  const manager = (t, line, func, message) => b.native(t, 'timesyncd', 6, ['src/timesync/timesyncd-manager.c', line, func], [['MESSAGE', message]]);
  manager(8.762044, 1033, 'manager_network_event_handler', 'Network configuration changed, trying to establish connection.');
  manager(9.904117, 499, 'manager_receive_response', 'Contacted time server 192.168.2.1:123 (192.168.2.1).');
  b.setClock(9.904503, T0 + us(9.904503));
  manager(9.904611, 584, 'manager_receive_response', `Initial clock synchronization to ${formatTimestamp(T0 + us(9.904611)).replace(' UTC', `.${pad((T0 + us(9.904611)) % 1e6, 6)} UTC`)}.`);
  b.supervise(11.203318, 'kube-apiserver', 1041);
  return b;
}

// --- Issue 5: the same node, configured by the other common network stacks -------------------
// Each scenario is the race (or its fix) of k0s-reboot-race with another stack bringing up eth0.
// Message texts are the programs' own: NetworkManager 1.42 (src/core: nm-device.c, nm-manager.c,
// nm-policy.c, dhcp/nm-dhcp-client.c; real lines in home-assistant/operating-system#2341, #2720),
// ISC dhclient 4.4 (client/dhclient.c), dhcpcd 9 (src/dhcp.c, src/ipv4.c), nginx 1.22
// (src/core/ngx_connection.c) and systemd 252 (src/core/unit.c, job.c).

const MID_FAILED = { processExit: '98e322203f7a4ed290d09fe03c09fe15', failureResult: 'd9b373ed55a64feb8242e02dbe79a49c', unitFailed: 'be02cf6855d2428ba40df7e9d022f03d' };
const WIRED = { id: 'Wired connection 1', uuid: '2b1c5a6e-8f3d-3e41-9c7a-6d0e5f4b3a21' };

// NetworkManager's journal backend (nm-logging.c, _nm_log_impl): sd_journal_sendv() with its own
// MESSAGE (`<info>  [epoch.frac] …`, the level padded to 7), SYSLOG_PID, the log domain as
// SYSLOG_FACILITY and NM_LOG_DOMAINS, CODE_* of the caller, NetworkManager's own timestamps and,
// for device messages, NM_DEVICE (and NM_CONNECTION while a connection activates).
function nm(b, t, domain, [file, line, func], message, { device, connection } = {}) {
  const rt = b.rtBase + us(t) - 57; // g_get_current_time() just before sending
  const since = us(t) - us(b.nmStart) + 1e6; // nm_utils_get_monotonic_timestamp_ns() starts at 1 s
  const stamp = (v) => `${Math.floor(v / 1e6)}.${pad(v % 1e6, 6)}`;
  b.add(us(t), [['PRIORITY', 6], ['MESSAGE', `<info>  [${Math.floor(rt / 1e6)}.${pad(Math.floor((rt % 1e6) / 100), 4)}] ${message}`],
    ['SYSLOG_IDENTIFIER', 'NetworkManager'], ['SYSLOG_PID', b.pids.nm], ['SYSLOG_FACILITY', domain], ['NM_LOG_DOMAINS', domain],
    ['NM_LOG_LEVEL', 'INFO'], ['CODE_FUNC', func], ['CODE_FILE', `src/core/${file}`], ['CODE_LINE', line],
    ['TIMESTAMP_MONOTONIC', stamp(since)], ['TIMESTAMP_BOOTTIME', stamp(us(t))],
    ...(device ? [['NM_DEVICE', device]] : []), ...(connection ? [['NM_CONNECTION', connection]] : []),
    ['_TRANSPORT', 'journal'], ...b.trusted('nm'), ['_SOURCE_REALTIME_TIMESTAMP', rt + 16]]);
}

const nmState = (b, t, from, to, reason = 'none') => nm(b, t, 'DEVICE', ['devices/nm-device.c', 15842, '_set_state_full'],
  `device (eth0): state change: ${from} -> ${to} (reason '${reason}', sys-iface-state: '${from === 'unmanaged' ? 'external' : 'managed'}')`,
  { device: 'eth0', ...(from === 'unmanaged' || from === 'unavailable' ? {} : { connection: WIRED.uuid }) });
const nmManager = (b, t, state) => nm(b, t, 'CORE', ['nm-manager.c', 7658, 'nm_manager_update_state'], `manager: NetworkManager state is now ${state}`);

// NetworkManager starts (Type=dbus) and finds eth0, whose carrier is not up yet.
function networkManagerStarts(b, t) {
  b.done(t, 'dbus.service');
  b.starting(t + 0.031189, 'NetworkManager.service');
  b.nmStart = t + 0.060214;
  nm(b, t + 0.060214, 'CORE', ['main.c', 404, 'main'], 'NetworkManager (version 1.42.4) is starting... (for the first time)');
  nm(b, t + 0.060771, 'CORE', ['main.c', 406, 'main'], 'Read config: /etc/NetworkManager/NetworkManager.conf');
  nm(b, t + 0.131029, 'DEVICE', ['nm-manager.c', 3323, 'add_device'], 'manager: (eth0): new Ethernet device (/org/freedesktop/NetworkManager/Devices/2)', { device: 'eth0' });
  nmState(b, t + 0.131802, 'unmanaged', 'unavailable', 'managed');
  b.done(t + 0.140537, 'NetworkManager.service');
}

// Carrier comes up; NetworkManager activates 'Wired connection 1' and starts DHCPv4.
function networkManagerActivates(b, t) {
  b.kernel(t, 'e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx', 6, NIC);
  b.kernel(t + 0.000028, 'IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready');
  nm(b, t + 0.000391, 'DEVICE', ['devices/nm-device.c', 6544, 'nm_device_set_carrier'], 'device (eth0): carrier: link connected', { device: 'eth0' });
  nmState(b, t + 0.001012, 'unavailable', 'disconnected', 'carrier-changed');
  nm(b, t + 0.001733, 'DEVICE', ['nm-policy.c', 1390, 'auto_activate_device'], `policy: auto-activating connection '${WIRED.id}' (${WIRED.uuid})`, { device: 'eth0' });
  nm(b, t + 0.002508, 'DEVICE', ['devices/nm-device.c', 16935, '_device_activate'], `device (eth0): Activation: starting connection '${WIRED.id}' (${WIRED.uuid})`, { device: 'eth0', connection: WIRED.uuid });
  nmState(b, t + 0.003301, 'disconnected', 'prepare');
  nmManager(b, t + 0.003612, 'CONNECTING');
  nmState(b, t + 0.005127, 'prepare', 'config');
  nmState(b, t + 0.006533, 'config', 'ip-config');
  nm(b, t + 0.007302, 'DHCP4', ['dhcp/nm-dhcp-client.c', 1202, 'nm_dhcp_client_start'], 'dhcp4 (eth0): activation: beginning transaction (timeout in 45 seconds)', { device: 'eth0' });
}

// The DHCPv4 lease, and the device becoming activated.
function networkManagerLease(b, t) {
  nm(b, t, 'DHCP4', ['dhcp/nm-dhcp-client.c', 551, '_nm_dhcp_client_notify'], 'dhcp4 (eth0): state changed new lease, address=192.168.2.10', { device: 'eth0' });
  nm(b, t + 0.001307, 'CORE', ['nm-policy.c', 1054, 'update_ip4_routing'], `policy: set '${WIRED.id}' (eth0) as default for IPv4 routing and DNS`);
  nmState(b, t + 0.005118, 'ip-config', 'ip-check');
  nmState(b, t + 0.010226, 'ip-check', 'secondaries');
  nmState(b, t + 0.010805, 'secondaries', 'activated');
  nmManager(b, t + 0.011114, 'CONNECTED_SITE');
  nm(b, t + 0.012503, 'DEVICE', ['devices/nm-device.c', 15981, '_set_state_full'], 'device (eth0): Activation: successful, device activated.', { device: 'eth0', connection: WIRED.uuid });
  nmManager(b, t + 0.013907, 'CONNECTED_GLOBAL');
  nm(b, t + 0.014612, 'CORE', ['nm-manager.c', 1669, 'check_if_startup_complete'], 'manager: startup complete');
}

// k0s starting before eth0 has an address (k0s-reboot-race's lines).
function k0sDefaults(b, t) {
  b.done(t, 'k0scontroller.service');
  b.k0s(t + 0.157733, 'warning', 'failed to find any non-local, non podnetwork addresses on host, defaulting public address to 127.0.0.1');
  b.k0s(t + 0.157984, 'info', 'using api address: 127.0.0.1');
  b.k0s(t + 0.158008, 'info', 'using listen port: 6443');
  b.k0s(t + 0.158026, 'info', 'using sans: []');
  b.k0s(t + 0.158399, 'info', 'DNS address: 10.96.0.10');
  b.k0s(t + 0.15862, 'info', 'using storage backend kine');
}

// NetworkManager-wait-online.service is disabled (`systemctl disable`, or never enabled on an
// upgraded machine): network-online.target is reached as soon as NetworkManager.service has started.
export function networkManagerRaceBoot(rtBase = T0) {
  const b = new Boot(id128('boot', 'networkmanager-race'), rtBase, { journald: 241, nm: 538, cron: 873, sshd: 884, k0s: 897 });
  const userspaceStart = earlyBoot(b, 0, { networkd: false });
  networkManagerStarts(b, 2.470512);
  b.done(2.615388, 'network.target');
  b.done(2.617042, 'network-online.target'); // nothing waits for NetworkManager to connect
  cronAndSsh(b, 2.671206);
  k0sDefaults(b, 2.736319);
  networkManagerActivates(b, 3.096812);
  reachDefaultTarget(b, 3.121046, userspaceStart);
  b.certificates(4.021507, 'networkmanager-race');
  b.supervise(5.611482, 'kine', 1027);
  b.supervise(5.982215, 'kube-apiserver', 1041);
  networkManagerLease(b, 8.702216);
  return b;
}

// The fix: NetworkManager-wait-online.service (nm-online -s) holds network-online.target until
// NetworkManager's startup is complete, i.e. eth0 is activated with its lease.
export function networkManagerHealthyBoot(rtBase = T0) {
  const b = new Boot(id128('boot', 'networkmanager-healthy'), rtBase, { journald: 243, nm: 541, cron: 870, sshd: 881, k0s: 903 });
  const userspaceStart = earlyBoot(b, 0.003817, { networkd: false });
  networkManagerStarts(b, 2.474329);
  b.starting(2.616108, 'NetworkManager-wait-online.service');
  b.done(2.619207, 'network.target');
  cronAndSsh(b, 2.675023);
  networkManagerActivates(b, 3.050614);
  networkManagerLease(b, 4.103518);
  b.done(4.121933, 'NetworkManager-wait-online.service');
  b.done(4.123517, 'network-online.target');
  b.done(4.127106, 'k0scontroller.service');
  reachDefaultTarget(b, 4.131822, userspaceStart);
  b.k0s(4.248113, 'info', 'using api address: 192.168.2.10');
  b.k0s(4.248139, 'info', 'using listen port: 6443');
  b.k0s(4.248152, 'info', 'using sans: [192.168.2.10]'); // NetworkManager's IPv6 link-local address is stable-privacy, not EUI-64
  b.k0s(4.248607, 'info', 'DNS address: 10.96.0.10');
  b.k0s(4.248831, 'info', 'using storage backend kine');
  b.certificates(4.445236, 'networkmanager-healthy');
  b.supervise(6.040972, 'kine', 1031);
  b.supervise(6.414417, 'kube-apiserver', 1046);
  return b;
}

// What ifup's dhclient says: to syslog (`dhclient[pid]`) and, until it goes to the background,
// to its stderr, which is networking.service's journal stream (`ifup[pid]`, the unit's main process).
function dhclientSays(b, t, message, { stderr = true } = {}) {
  b.syslog(t, 'dhclient', 3, 6, 'dhclient', message);
  if (stderr) b.stdout(t + 0.000041, 'ifup', message);
}

// ifupdown with `auto eth0` / `iface eth0 inet dhcp`. The node and its router lost power together;
// the router's DHCP server is not answering yet. dhclient gives up after its 60 s timeout, goes to
// the background (ifup succeeds, networking.service finishes), and network-online.target is reached
// without an address. The backgrounded dhclient tries again after `retry` (300 s) and is answered.
export function dhclientRaceBoot(rtBase = T0) {
  const b = new Boot(id128('boot', 'dhclient-race'), rtBase, { journald: 241, ifup: 652, dhclient: 664, cron: 873, sshd: 884, k0s: 899 });
  const userspaceStart = earlyBoot(b, 0, { networkd: false });
  b.starting(2.418562, 'ifupdown-pre.service');
  b.done(2.587119, 'ifupdown-pre.service');
  b.starting(2.590311, 'networking.service');
  dhclientSays(b, 2.651024, 'Internet Systems Consortium DHCP Client 4.4.3-P1');
  dhclientSays(b, 2.651093, 'Copyright 2004-2022 Internet Systems Consortium.');
  dhclientSays(b, 2.651121, 'All rights reserved.');
  dhclientSays(b, 2.651148, 'For info, please visit https://www.isc.org/software/dhcp/');
  dhclientSays(b, 2.662407, 'Listening on LPF/eth0/18:66:da:4c:2e:91');
  dhclientSays(b, 2.662455, 'Sending on   LPF/eth0/18:66:da:4c:2e:91');
  dhclientSays(b, 2.662481, 'Sending on   Socket/fallback');
  let t = 2.665903;
  for (const interval of [3, 7, 12, 13, 9, 14]) {
    dhclientSays(b, t, `DHCPDISCOVER on eth0 to 255.255.255.255 port 67 interval ${interval}`);
    t += interval + 0.000218;
  }
  b.kernel(3.096812, 'e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx', 6, NIC);
  b.kernel(3.09684, 'IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready');
  dhclientSays(b, 62.667254, 'No DHCPOFFERS received.');
  dhclientSays(b, 62.667301, 'No working leases in persistent database - sleeping.');
  b.pids.dhclient = 1183; // go_daemon(): the child carries on, stderr closed
  b.done(62.708417, 'networking.service');
  b.done(62.71104, 'network.target');
  b.done(62.712596, 'network-online.target');
  cronAndSsh(b, 62.768114);
  k0sDefaults(b, 62.801377);
  reachDefaultTarget(b, 62.99803, userspaceStart);
  b.certificates(63.916402, 'dhclient-race');
  b.supervise(65.502117, 'kine', 1227);
  b.supervise(65.873409, 'kube-apiserver', 1241);
  const retry = 362.667301;
  dhclientSays(b, retry + 0.000512, 'DHCPDISCOVER on eth0 to 255.255.255.255 port 67 interval 3', { stderr: false });
  dhclientSays(b, retry + 0.004109, 'DHCPOFFER of 192.168.2.10 from 192.168.2.1', { stderr: false });
  dhclientSays(b, retry + 0.004233, 'DHCPREQUEST for 192.168.2.10 on eth0 to 255.255.255.255 port 67', { stderr: false });
  dhclientSays(b, retry + 0.007816, 'DHCPACK of 192.168.2.10 from 192.168.2.1', { stderr: false });
  dhclientSays(b, retry + 0.061904, 'bound to 192.168.2.10 -- renewal in 41863 seconds.', { stderr: false });
  return b;
}

// dhcpcd (Debian's dhcpcd5, the DHCP client Raspberry Pi OS uses) runs with -b: it forks at once,
// so dhcpcd.service (Type=forking) is started, and network.target and network-online.target are
// reached, before it has a lease. Raspberry Pi OS's "wait for network at boot" (-w) is off.
export function dhcpcdRaceBoot(rtBase = T0) {
  const b = new Boot(id128('boot', 'dhcpcd-race'), rtBase, { journald: 241, dhcpcd: 598, cron: 873, sshd: 884, k0s: 893 });
  const userspaceStart = earlyBoot(b, 0, { networkd: false });
  const dhcpcd = (t, message) => b.syslog(t, 'dhcpcd', 3, 6, 'dhcpcd', message);
  b.starting(2.419802, 'dhcpcd.service');
  dhcpcd(2.443117, 'dhcpcd-9.4.1 starting');
  b.pids.dhcpcd = 600; // the manager process, after the fork
  dhcpcd(2.461208, 'dev: loaded udev');
  dhcpcd(2.461993, 'DUID 00:01:00:01:2e:d5:7a:41:18:66:da:4c:2e:91');
  dhcpcd(2.463311, 'eth0: waiting for carrier');
  b.done(2.470226, 'dhcpcd.service');
  b.done(2.475014, 'network.target');
  b.done(2.477106, 'network-online.target');
  cronAndSsh(b, 2.521387);
  k0sDefaults(b, 2.554512);
  b.kernel(3.096812, 'e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx', 6, NIC);
  b.kernel(3.09684, 'IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready');
  dhcpcd(3.097214, 'eth0: carrier acquired');
  dhcpcd(3.099106, 'eth0: IAID da:4c:2e:91');
  dhcpcd(3.100327, 'eth0: soliciting a DHCP lease');
  dhcpcd(3.101452, 'eth0: soliciting an IPv6 router');
  reachDefaultTarget(b, 3.104418, userspaceStart);
  b.certificates(3.921033, 'dhcpcd-race');
  b.supervise(5.511482, 'kine', 1021);
  b.supervise(5.882215, 'kube-apiserver', 1035);
  dhcpcd(7.962904, 'eth0: offered 192.168.2.10 from 192.168.2.1');
  dhcpcd(7.963117, 'eth0: probing address 192.168.2.10/24');
  dhcpcd(12.981652, 'eth0: leased 192.168.2.10 for 86400 seconds');
  dhcpcd(12.982417, 'eth0: adding route to 192.168.2.0/24');
  dhcpcd(12.982509, 'eth0: adding default route via 192.168.2.1');
  return b;
}

// systemd 252 when a unit's start fails: the control process's exit (unit_log_process_exit), the
// result (unit_log_failure) and the job's end (job_emit_done_message, JOB_RESULT=failed).
function startFailed(b, t, unit, command) {
  b.pid1(t, `${unit}: Control process exited, code=exited, status=1/FAILURE`, ['src/core/unit.c', 5700, 'unit_log_process_exit'],
    [['MESSAGE_ID', MID_FAILED.processExit], ['EXIT_CODE', 'exited'], ['EXIT_STATUS', 1], ['COMMAND', command],
      ['INVOCATION_ID', b.invocation(unit)], ['UNIT', unit]], 5);
  b.pid1(t + 0.001078, `${unit}: Failed with result 'exit-code'.`, ['src/core/unit.c', 5641, 'unit_log_failure'],
    [['MESSAGE_ID', MID_FAILED.failureResult], ['UNIT_RESULT', 'exit-code'], ['INVOCATION_ID', b.invocation(unit)], ['UNIT', unit]], 4);
  b.pid1(t + 0.002231, `Failed to start ${unit} - ${DESC[unit]}.`, ['src/core/job.c', 768, 'job_emit_done_message'],
    [['JOB_ID', b.jobId(unit, 'start')], ['JOB_TYPE', 'start'], ['JOB_RESULT', 'failed'], ['INVOCATION_ID', b.invocation(unit)],
      ['MESSAGE_ID', MID_FAILED.unitFailed], ['UNIT', unit]], 3);
}

// systemd-networkd without wait-online, as in k0s-reboot-race; nginx (`listen 192.168.2.10:443 ssl;`,
// After=network-online.target) starts before the DHCPv4 lease, cannot bind, and fails for good.
export function bindRaceBoot(rtBase = T0) {
  const b = new Boot(id128('boot', 'bind-race'), rtBase, { journald: 241, networkd: 412, cron: 873, sshd: 884, nginx: 905 });
  const userspaceStart = earlyBoot(b, 0);
  b.done(2.804377, 'network.target');
  b.done(2.812114, 'network-online.target');
  cronAndSsh(b, 2.86153);
  b.starting(2.891006, 'nginx.service');
  b.stdout(2.961342, 'nginx', 'nginx: [emerg] bind() to 192.168.2.10:443 failed (99: Cannot assign requested address)');
  startFailed(b, 2.964027, 'nginx.service', 'start');
  b.kernel(3.096812, 'e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx', 6, NIC);
  b.kernel(3.09684, 'IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready');
  b.link(3.097105, 'eth0', 'Gained carrier', [1974, 'link_update_flags']);
  reachDefaultTarget(b, 3.101225, userspaceStart);
  b.link(4.503218, 'eth0', 'Gained IPv6LL', [657, 'link_ipv6ll_gained']);
  b.dhcp4(8.751309, 'eth0', '192.168.2.10', 24, '192.168.2.1', '192.168.2.1');
  return b;
}

// --- Certificates and addresses: kubeadm -------------------------------------------------------
// Another machine (the same OptiPlex model, installed as `kube1`): Debian 12 with cloud-init
// 22.4.2 (NoCloud seed in /var/lib/cloud/seed/nocloud), containerd, and kubeadm/kubelet v1.31.2
// from pkgs.k8s.io. Message texts: kubeadm v1.31 `kubeadm init` output (a full v1.31.0 paste, and
// kubernetes/kubeadm#2699 for the `[certs]` lines), cloud-init's stage banner and final message
// (Debian 12 journal pastes), kubelet v1.31 klog lines (as in raceBoot), sudo 1.9 and Linux-PAM
// 1.5, systemd 252 (src/core/job.c, unit.c, main.c).

const KUBE1 = { machineId: '6f0e2c9b1d8a4e7f9c3b5a2d1e0f8c47', hostname: 'kube1' };

Object.assign(PROCS, {
  // cloud-final.service runs `/usr/bin/cloud-init modules --mode=final` (a python3 script: _COMM is
  // the script's name); its stdout and stderr go through `tee -a /var/log/cloud-init-output.log`
  // into the stream systemd connected for the unit, so kubeadm's output (run by runcmd) is
  // `cloud-init[pid]`.
  cloudFinal: { comm: 'cloud-init', exe: '/usr/bin/python3.11', cmdline: '/usr/bin/python3 /usr/bin/cloud-init modules --mode=final', cap: '1ffffffffff', unit: 'cloud-final.service' },
  // kubelet.service with kubeadm's drop-in 10-kubeadm.conf; klog writes to stderr.
  kubelet: { comm: 'kubelet', exe: '/usr/bin/kubelet', cmdline: '/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock', cap: '1ffffffffff', unit: 'kubelet.service' },
});
PROCS.kubelet2 = PROCS.kubelet; // the same unit after `systemctl restart kubelet`: a new process and stream
Object.assign(DESC, {
  'containerd.service': 'containerd container runtime', 'kubelet.service': 'kubelet: The Kubernetes Node Agent',
  'cloud-final.service': 'Execute cloud user/final scripts', 'cloud-init.target': 'Cloud-init target',
});

// cloud-init's util.time_rfc2822(): `Wed, 20 Nov 2024 09:27:06 +0000`.
const rfc2822 = (usec) => {
  const d = utc(usec);
  return `${d.toUTCString().slice(0, 25)} +0000`;
};

// A klog line on the kubelet's stderr (its own stream, not wrapped as under k0s).
function kubeletSays(b, t, proc, severity, source, text) {
  const at = b.rtBase + us(t) - 389; // klog read the clock just before journald got the line
  const d = utc(at);
  b.stdout(t, proc, `${severity}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${d.toISOString().slice(11, 19)}.${pad(at % 1e6, 6)} ${String(b.pids[proc]).padStart(7)} ${source}] ${text}`);
}

// The kubelet's client-go informers and node registration failing against the API server in its kubeconfig.
function kubeletApiFails(b, t, proc, server, error, { node = true, service = true, register = true } = {}) {
  const nodes = `${server}/api/v1/nodes?fieldSelector=metadata.name%3Dkube1&limit=500&resourceVersion=0`;
  const services = `${server}/api/v1/services?fieldSelector=spec.clusterIP%21%3DNone&limit=500&resourceVersion=0`;
  const list = (at, kind, url) => {
    kubeletSays(b, at, proc, 'W', 'reflector.go:561', `k8s.io/client-go/informers/factory.go:160: failed to list *v1.${kind}: Get "${url}": ${error}`);
    kubeletSays(b, at + 0.000071, proc, 'E', 'reflector.go:158', `"Unhandled Error" err=${goQuote(`k8s.io/client-go/informers/factory.go:160: Failed to watch *v1.${kind}: failed to list *v1.${kind}: Get "${url}": ${error}`)} logger="UnhandledError"`);
  };
  if (node) list(t, 'Node', nodes);
  if (service) list(t + 0.001302, 'Service', services);
  if (register) kubeletSays(b, t + 0.006817, proc, 'E', 'kubelet_node_status.go:95', `"Unable to register node with API server" err=${goQuote(`Post "${server}/api/v1/nodes": ${error}`)} node="kube1"`);
}

// cloud-final's stage banner and final message (cloud-init cmd/main.py, config/cc_final_message.py).
function cloudInitBanner(b, t) {
  b.stdout(t, 'cloudFinal', `Cloud-init v. 22.4.2 running 'modules:final' at ${rfc2822(b.rtBase + us(t - 0.021))}. Up ${(t - 0.024).toFixed(2)} seconds.`);
}
function cloudInitFinished(b, t) {
  b.stdout(t, 'cloudFinal', `Cloud-init v. 22.4.2 finished at ${rfc2822(b.rtBase + us(t - 0.002))}. Datasource DataSourceNoCloud [seed=/var/lib/cloud/seed/nocloud][dsmode=net].  Up ${(t - 0.003).toFixed(2)} seconds`);
}

// sudo (syslog, LOG_AUTHPRIV) from the admin's ssh session, session-3.scope: the command line at
// notice, then pam_unix's session lines at info.
function sudo(b, t, pid, argv) {
  const session = 'session-3.scope';
  const say = (at, priority, message) => {
    const rt = b.rtBase + us(at) - 58, d = utc(rt);
    const stamp = `${d.toUTCString().slice(8, 11)} ${String(d.getUTCDate()).padStart(2)} ${d.toISOString().slice(11, 19)} `;
    b.add(us(at), [['_TRANSPORT', 'syslog'], ['PRIORITY', priority], ['SYSLOG_FACILITY', 10], ['SYSLOG_IDENTIFIER', 'sudo'],
      ['SYSLOG_PID', pid], ['SYSLOG_TIMESTAMP', stamp], ['MESSAGE', message], ['_PID', pid], ['_UID', 0], ['_GID', 1000],
      ['_COMM', 'sudo'], ['_EXE', '/usr/bin/sudo'], ['_CMDLINE', `sudo ${argv.join(' ')}`], ['_CAP_EFFECTIVE', '1ffffffffff'],
      ['_AUDIT_SESSION', 3], ['_AUDIT_LOGINUID', 1000], ['_SYSTEMD_CGROUP', `/user.slice/user-1000.slice/${session}`],
      ['_SYSTEMD_SESSION', 3], ['_SYSTEMD_OWNER_UID', 1000], ['_SYSTEMD_UNIT', session], ['_SYSTEMD_SLICE', 'user-1000.slice'],
      ['_SYSTEMD_INVOCATION_ID', b.invocation(session)], ['_SOURCE_REALTIME_TIMESTAMP', rt]]);
  };
  const command = `/usr/bin/${argv[0]} ${argv.slice(1).join(' ')}`;
  say(t, 5, `   admin : TTY=pts/0 ; PWD=/home/admin ; USER=root ; COMMAND=${command}`);
  say(t + 0.000817, 6, 'pam_unix(sudo:session): session opened for user root(uid=0) by admin(uid=1000)');
  return (at) => say(at, 6, 'pam_unix(sudo:session): session closed for user root');
}

// systemd 252 stopping a service: "Deactivated successfully." (unit_log_success), the job's
// "Stopped" (JOB_TYPE=restart for `systemctl restart`), and the CPU time (unit_log_resources).
function serviceStopped(b, t, unit, cpuUsec, jobType = 'stop', jobId = b.jobId(unit, jobType)) {
  b.deactivated(t, unit);
  b.pid1(t + 0.000173, `Stopped ${unit} - ${DESC[unit]}.`, ['src/core/job.c', 768, 'job_emit_done_message'],
    [['JOB_ID', jobId], ['JOB_TYPE', jobType], ['JOB_RESULT', 'done'], ['INVOCATION_ID', b.invocation(unit)],
      ['MESSAGE_ID', MID.unitStopped], ['UNIT', unit]]);
  b.pid1(t + 0.000306, `${unit}: Consumed ${formatTimespan(cpuUsec, 1000)} CPU time.`, ['src/core/unit.c', 2503, 'unit_log_resources'],
    [['CPU_USAGE_NSEC', cpuUsec * 1000], ['MESSAGE_ID', 'ae8f7b866b0347b9af31fe1c80b127c0'], ['UNIT', unit], ['INVOCATION_ID', b.invocation(unit)]]);
}

// Common start of both kube1 boots: networkd with wait-online enabled, containerd, the lease.
function kube1Network(b, skew, address) {
  const userspaceStart = earlyBoot(b, skew);
  b.starting(2.712036, 'systemd-networkd-wait-online.service');
  b.done(2.806218, 'network.target');
  b.starting(2.811407, 'containerd.service'); // After=network.target, Type=notify
  cronAndSsh(b, 2.866013);
  b.done(3.041276, 'containerd.service');
  b.kernel(3.050614, 'e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx', 6, NIC);
  b.kernel(3.050641, 'IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready');
  b.link(3.050903, 'eth0', 'Gained carrier', [1974, 'link_update_flags']);
  b.dhcp4(4.103518, 'eth0', address, 24, '192.168.2.1', '192.168.2.1');
  b.link(4.18724, 'eth0', 'Gained IPv6LL', [657, 'link_ipv6ll_gained']);
  b.done(4.204377, 'systemd-networkd-wait-online.service');
  b.done(4.20602, 'network-online.target');
  return userspaceStart;
}

// multi-user.target is reached before cloud-final.service (not ordered before it) has finished;
// "Startup finished" waits for it, as it is part of the boot transaction (via cloud-init.target).
function kube1Targets(b, t) {
  b.done(t, 'multi-user.target');
  b.done(t + 0.000177, 'graphical.target');
  b.starting(t + 0.002892, 'systemd-update-utmp-runlevel.service');
  b.deactivated(t + 0.016315, 'systemd-update-utmp-runlevel.service');
  b.done(t + 0.016587, 'systemd-update-utmp-runlevel.service');
}

// Boot 1: the first boot after installation. DHCP gives eth0 192.168.2.23; cloud-init's runcmd
// enables the kubelet and runs `kubeadm init --pod-network-cidr=10.244.0.0/16`, which signs the
// API server's certificate for the address it has now (advertise address = the default route's).
export function kubeadmInitBoot(rtBase = T0, { reboot = true } = {}) {
  const b = new Boot(id128('boot', 'kubeadm-address-changed', '1'), rtBase, { journald: 243, networkd: 410, cron: 869, sshd: 880, cloudFinal: 1029, kubelet: 1412 });
  Object.assign(b, KUBE1);
  const userspaceStart = kube1Network(b, 0.002411, '192.168.2.23');
  kube1Targets(b, 4.214806);
  b.starting(5.611903, 'cloud-final.service'); // after cloud-init.service and cloud-config.service (not shown)
  cloudInitBanner(b, 6.204117);
  const say = (t, message) => b.stdout(t, 'cloudFinal', message);
  // runcmd, line 1: `systemctl enable kubelet` (prints on stderr, then reloads PID 1)
  say(6.812337, 'Created symlink /etc/systemd/system/multi-user.target.wants/kubelet.service → /lib/systemd/system/kubelet.service.');
  b.pid1(6.848215, 'Reloading.', ['src/core/main.c', 1934, 'invoke_main_loop']);
  // runcmd, line 2: kubeadm init (images were pulled when the disk was prepared)
  say(7.402911, '[init] Using Kubernetes version: v1.31.2');
  say(7.403422, '[preflight] Running pre-flight checks');
  say(7.861533, '[preflight] Pulling images required for setting up a Kubernetes cluster');
  say(7.861571, '[preflight] This might take a minute or two, depending on the speed of your internet connection');
  say(7.861594, "[preflight] You can also perform this action beforehand using 'kubeadm config images pull'");
  say(8.402177, '[certs] Using certificateDir folder "/etc/kubernetes/pki"');
  const certs = [
    [8.402241, 'ca'], [8.611372, 'apiserver', '[kube1 kubernetes kubernetes.default kubernetes.default.svc kubernetes.default.svc.cluster.local]', '[10.96.0.1 192.168.2.23]'],
    [8.734118, 'apiserver-kubelet-client'], [8.902316, 'front-proxy-ca'], [9.047802, 'front-proxy-client'], [9.158233, 'etcd/ca'],
    [9.356716, 'etcd/server', '[kube1 localhost]', '[192.168.2.23 127.0.0.1 ::1]'], [9.470291, 'etcd/peer', '[kube1 localhost]', '[192.168.2.23 127.0.0.1 ::1]'],
    [9.690845, 'etcd/healthcheck-client'], [9.813174, 'apiserver-etcd-client'],
  ];
  for (const [t, name, dns, ips] of certs) {
    say(t, `[certs] Generating "${name}" certificate and key`);
    if (dns) say(t + 0.000043, `[certs] ${name} serving cert is signed for DNS names ${dns} and IPs ${ips}`);
  }
  say(9.951407, '[certs] Generating "sa" key and public key');
  say(10.112386, '[kubeconfig] Using kubeconfig folder "/etc/kubernetes"');
  [[10.112441, 'admin'], [10.298012, 'super-admin'], [10.415573, 'kubelet'], [10.592806, 'controller-manager'], [10.719337, 'scheduler']]
    .forEach(([t, name]) => say(t, `[kubeconfig] Writing "${name}.conf" kubeconfig file`));
  say(10.853119, '[etcd] Creating static Pod manifest for local etcd in "/etc/kubernetes/manifests"');
  say(10.853871, '[control-plane] Using manifest folder "/etc/kubernetes/manifests"');
  say(10.853902, '[control-plane] Creating static Pod manifest for "kube-apiserver"');
  say(10.854817, '[control-plane] Creating static Pod manifest for "kube-controller-manager"');
  say(10.855466, '[control-plane] Creating static Pod manifest for "kube-scheduler"');
  say(10.856102, '[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"');
  say(10.856933, '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"');
  say(10.85741, '[kubelet-start] Starting the kubelet');
  b.done(10.893117, 'kubelet.service'); // Type=simple: "Started" only
  say(10.901244, '[wait-control-plane] Waiting for the kubelet to boot up the control plane as static Pods from directory "/etc/kubernetes/manifests"');
  say(10.901302, '[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s');
  say(11.402866, '[kubelet-check] The kubelet is healthy after 501.534919ms');
  say(11.402925, '[api-check] Waiting for a healthy API server. This can take up to 4m0s');
  kubeletSays(b, 11.620417, 'kubelet', 'I', 'kubelet_node_status.go:72', '"Attempting to register node" node="kube1"');
  kubeletApiFails(b, 11.621733, 'kubelet', 'https://192.168.2.23:6443', 'dial tcp 192.168.2.23:6443: connect: connection refused', { node: false });
  kubeletSays(b, 19.108254, 'kubelet', 'I', 'kubelet_node_status.go:72', '"Attempting to register node" node="kube1"');
  kubeletSays(b, 19.402871, 'kubelet', 'I', 'kubelet_node_status.go:75', '"Successfully registered node" node="kube1"');
  say(20.905312, '[api-check] The API server is healthy after 9.502387104s');
  const token = 'q3x7c1.9v2kz8w5m0p4r6ty';
  const hash = 'sha256:3b8f2c6d0e9a41f7b5c2d8e6a0f4b1c9e7d3a5f2b8c0e6d4a2f9b7c5e3d1a0f8';
  [
    [20.920154, '[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace'],
    [20.989127, '[kubelet] Creating a ConfigMap "kubelet-config" in namespace kube-system with the configuration for the kubelets in the cluster'],
    [21.041208, '[upload-certs] Skipping phase. Please see --upload-certs'],
    [21.041301, '[mark-control-plane] Marking the node kube1 as control-plane by adding the labels: [node-role.kubernetes.io/control-plane node.kubernetes.io/exclude-from-external-load-balancers]'],
    [21.582716, '[mark-control-plane] Marking the node kube1 as control-plane by adding the taints [node-role.kubernetes.io/control-plane:NoSchedule]'],
    [21.601338, `[bootstrap-token] Using token: ${token}`],
    [21.601392, '[bootstrap-token] Configuring bootstrap tokens, cluster-info ConfigMap, RBAC Roles'],
    [21.620811, '[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to get nodes'],
    [21.638217, '[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to post CSRs in order for nodes to get long term certificate credentials'],
    [21.653404, '[bootstrap-token] Configured RBAC rules to allow the csrapprover controller automatically approve CSRs from a Node Bootstrap Token'],
    [21.667129, '[bootstrap-token] Configured RBAC rules to allow certificate rotation for all node client certificates in the cluster'],
    [21.683051, '[bootstrap-token] Creating the "cluster-info" ConfigMap in the "kube-public" namespace'],
    [21.710274, '[kubelet-finalize] Updating "/etc/kubernetes/kubelet.conf" to point to a rotatable kubelet client certificate and key'],
    [22.308816, '[addons] Applied essential addon: CoreDNS'],
    [22.519437, '[addons] Applied essential addon: kube-proxy'],
  ].forEach(([t, message]) => say(t, message));
  [
    '', 'Your Kubernetes control-plane has initialized successfully!', '',
    'To start using your cluster, you need to run the following as a regular user:', '',
    '  mkdir -p $HOME/.kube', '  sudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config', '  sudo chown $(id -u):$(id -g) $HOME/.kube/config', '',
    'Alternatively, if you are the root user, you can run:', '', '  export KUBECONFIG=/etc/kubernetes/admin.conf', '',
    'You should now deploy a pod network to the cluster.', 'Run "kubectl apply -f [podnetwork].yaml" with one of the options listed at:',
    '  https://kubernetes.io/docs/concepts/cluster-administration/addons/', '',
    'Then you can join any number of worker nodes by running the following on each as root:', '',
    `kubeadm join 192.168.2.23:6443 --token ${token} \\`, `\t--discovery-token-ca-cert-hash ${hash} `, // a tab, and a space at the end (kubeadm's template)
  ].forEach((message, i) => say(22.519611 + i * 0.000013, message));
  cloudInitFinished(b, 23.981204);
  b.done(24.010337, 'cloud-final.service');
  b.done(24.010512, 'cloud-init.target');
  b.startupFinished(24.019815, userspaceStart);
  if (reboot) {
    // 40 minutes later: the admin reserved 192.168.2.10 for the node on the router and reboots it.
    const t = 2411.530216;
    b.done(t, 'graphical.target', 'stop');
    b.done(t + 0.000412, 'multi-user.target', 'stop');
    b.starting(t + 0.001205, 'kubelet.service', 'stop');
    serviceStopped(b, t + 0.187334, 'kubelet.service', 97_412_000);
    b.done(t + 1.402593, 'shutdown.target');
    b.done(t + 1.402711, 'final.target');
    b.starting(t + 1.403012, 'systemd-reboot.service');
    b.deactivated(t + 1.409915, 'systemd-reboot.service');
    b.done(t + 1.410118, 'systemd-reboot.service');
    b.done(t + 1.410204, 'reboot.target');
    b.pid1(t + 1.410501, 'Shutting down.', ['src/core/main.c', 2026, 'invoke_main_loop'], [], 5);
    b.driver(t + 1.517736, 'Journal stopped', [['MESSAGE_ID', MID.journalStop]]);
  }
  return b;
}

// Boot 2: the DHCP server now hands out 192.168.2.10 (the admin's new reservation). The kubelet's
// kubeconfig still names https://192.168.2.23:6443: no route to host. The admin follows the usual
// advice for a changed node IP only half way: `sed` the old address out of kubelet.conf and the
// etcd and kube-apiserver manifests, restart the kubelet, but keep the old apiserver.crt (not
// re-running `kubeadm init phase certs apiserver`). The control plane comes back on
// 192.168.2.10 with a certificate for 10.96.0.1 and 192.168.2.23 only, and the kubelet fails TLS.
export function kubeadmAddressChangedBoot(rtBase = T0 + 2520e6) {
  const b = new Boot(id128('boot', 'kubeadm-address-changed', '2'), rtBase, { journald: 241, networkd: 409, cron: 870, sshd: 881, cloudFinal: 1027, kubelet: 736, kubelet2: 2291 });
  Object.assign(b, KUBE1);
  const userspaceStart = kube1Network(b, 0.001873, '192.168.2.10');
  b.done(4.209114, 'kubelet.service'); // enabled in boot 1, After=network-online.target
  kube1Targets(b, 4.214806);
  b.starting(5.583302, 'cloud-final.service');
  cloudInitBanner(b, 6.118409); // runcmd is per instance: nothing to run this time
  cloudInitFinished(b, 6.432617);
  b.done(6.461023, 'cloud-final.service');
  b.done(6.461198, 'cloud-init.target');
  b.startupFinished(6.470411, userspaceStart);
  const old = 'https://192.168.2.23:6443';
  const unreachable = 'dial tcp 192.168.2.23:6443: connect: no route to host';
  kubeletSays(b, 5.318022, 'kubelet', 'I', 'kubelet_node_status.go:72', '"Attempting to register node" node="kube1"');
  kubeletApiFails(b, 8.391207, 'kubelet', old, unreachable); // ARP for .23 gets no answer: ~3 s per attempt
  kubeletApiFails(b, 12.124018, 'kubelet', old, unreachable, { service: false });
  kubeletApiFails(b, 19.006231, 'kubelet', old, unreachable, { node: false, service: false });
  kubeletApiFails(b, 33.402718, 'kubelet', old, unreachable, { register: false });
  // The admin logs in (ssh, session 3) and edits the address by hand.
  const sedDone = sudo(b, 391.204419, 2254, ['sed', '-i', 's/192.168.2.23/192.168.2.10/', '/etc/kubernetes/kubelet.conf', '/etc/kubernetes/manifests/etcd.yaml', '/etc/kubernetes/manifests/kube-apiserver.yaml']);
  sedDone(391.211503);
  const restartDone = sudo(b, 397.813302, 2287, ['systemctl', 'restart', 'kubelet']);
  const job = b.jobId('kubelet.service', 'restart');
  b.pid1(397.826115, `Stopping kubelet.service - ${DESC['kubelet.service']}...`, ['src/core/job.c', 581, 'job_emit_start_message'],
    [['JOB_ID', job], ['JOB_TYPE', 'stop'], ['INVOCATION_ID', b.invocation('kubelet.service')], ['MESSAGE_ID', MID.unitStopping], ['UNIT', 'kubelet.service']]);
  serviceStopped(b, 397.981442, 'kubelet.service', 21_837_000, 'restart', job);
  b.runs = { 'kubelet.service': 2 };
  b.pid1(397.99317, `Started kubelet.service - ${DESC['kubelet.service']}.`, ['src/core/job.c', 768, 'job_emit_done_message'],
    [['JOB_ID', job], ['JOB_TYPE', 'start'], ['JOB_RESULT', 'done'], ['INVOCATION_ID', b.invocation('kubelet.service')],
      ['MESSAGE_ID', MID.unitStarted], ['UNIT', 'kubelet.service']]);
  restartDone(398.001285);
  const server = 'https://192.168.2.10:6443';
  kubeletSays(b, 398.912604, 'kubelet2', 'I', 'kubelet_node_status.go:72', '"Attempting to register node" node="kube1"');
  kubeletApiFails(b, 398.913377, 'kubelet2', server, 'dial tcp 192.168.2.10:6443: connect: connection refused');
  kubeletApiFails(b, 399.716052, 'kubelet2', server, 'dial tcp 192.168.2.10:6443: connect: connection refused', { node: false, service: false });
  // etcd and kube-apiserver are recreated from the edited manifests; the API serves the old certificate.
  const x509 = 'tls: failed to verify certificate: x509: certificate is valid for 10.96.0.1, 192.168.2.23, not 192.168.2.10';
  kubeletApiFails(b, 410.418305, 'kubelet2', server, x509);
  kubeletApiFails(b, 411.321742, 'kubelet2', server, x509, { node: false, service: false });
  kubeletApiFails(b, 412.918066, 'kubelet2', server, x509, { service: false });
  kubeletApiFails(b, 416.120993, 'kubelet2', server, x509, { node: false, service: false });
  return b;
}

// --- Certificates and addresses: microk8s ------------------------------------------------------
// A third OptiPlex, `mk8s1`: Debian 12 with snapd and the microk8s snap (kubelite era: one
// snap.microk8s.daemon-kubelite.service runs the control plane and the kubelet). snapd's units are
// `snap.<snap>.<app>.service`, described `Service for snap application <snap>.<app>`, ordered only
// After=network.target, and set SyslogIdentifier=<snap>.<app>, so the kicker's output is
// `microk8s.daemon-apiserver-kicker[pid]` (journal pastes in canonical/microk8s#1369, #2185, #2241).
// The kicker (microk8s-resources/wrappers/apiservice-kicker) wakes every 5 s and, once `ip route`
// has a default route, re-renders csr.conf from the node's addresses; when it changed it echoes
// `CSR change detected. Restarting the cluster-agent`, restarts the cluster agent, echoes
// `CSR change detected. Reconfiguring the kube-apiserver`, stops kubelite, restarts containerd
// and starts kubelite again (snapctl, i.e. systemd jobs).

const MK8S1 = { machineId: '0d7a3e5c9b1f4a2e8c6d4b0a9f7e3c15', hostname: 'mk8s1' };
const SNAP_REV = 2346; // the microk8s snap's revision (/snap/microk8s/<rev>)
Object.assign(PROCS, {
  kicker: { comm: 'apiservice-kick', exe: '/bin/bash', cmdline: `/bin/bash /snap/microk8s/${SNAP_REV}/apiservice-kicker`, cap: '1ffffffffff', unit: 'snap.microk8s.daemon-apiserver-kicker.service' },
});
for (const app of ['daemon-kubelite', 'daemon-apiserver-kicker', 'daemon-containerd', 'daemon-cluster-agent']) {
  DESC[`snap.microk8s.${app}.service`] = `Service for snap application microk8s.${app}`;
}

// A line on a snap service's stdout: the stream's identifier is the unit's SyslogIdentifier.
function snapSays(b, t, proc, ident, message) {
  b.add(us(t), [['_TRANSPORT', 'stdout'], ['_STREAM_ID', id128('stream', b.bootId, proc)], ['PRIORITY', 6],
    ['SYSLOG_FACILITY', 3], ['SYSLOG_IDENTIFIER', ident], ['MESSAGE', message], ...b.trusted(proc)]);
}

// `snapctl stop|start|restart microk8s.<app>`: snapd runs systemctl, PID 1 logs the jobs.
function snapStop(b, t, unit, cpuUsec, jobType = 'stop') {
  const job = b.jobId(unit, jobType);
  b.pid1(t, `Stopping ${unit} - ${DESC[unit]}...`, ['src/core/job.c', 581, 'job_emit_start_message'],
    [['JOB_ID', job], ['JOB_TYPE', 'stop'], ['INVOCATION_ID', b.invocation(unit)], ['MESSAGE_ID', MID.unitStopping], ['UNIT', unit]]);
  serviceStopped(b, t + 0.118204, unit, cpuUsec, jobType, job);
  return job;
}
function snapStart(b, t, unit, jobType = 'start', job = b.jobId(unit, 'start again')) {
  b.runs = { ...b.runs, [unit]: 2 };
  b.pid1(t, `Started ${unit} - ${DESC[unit]}.`, ['src/core/job.c', 768, 'job_emit_done_message'],
    [['JOB_ID', job], ['JOB_TYPE', 'start'], ['JOB_RESULT', 'done'], ['INVOCATION_ID', b.invocation(unit)],
      ['MESSAGE_ID', MID.unitStarted], ['UNIT', unit]]);
}

// No wait-online: the snap's services start right after network.target, before eth0's DHCPv4 lease.
// The kicker does nothing until there is a default route (the lease at 8.75 s); its next round
// finds csr.conf changed (192.168.2.10 is new) and has kubelite restart with a certificate for it.
export function microk8sRebootHealedBoot(rtBase = T0) {
  const b = new Boot(id128('boot', 'microk8s-reboot-healed'), rtBase, { journald: 241, networkd: 411, cron: 871, sshd: 882, kicker: 903 });
  Object.assign(b, MK8S1);
  const userspaceStart = earlyBoot(b, 0);
  b.done(2.804377, 'network.target');
  b.done(2.812114, 'network-online.target'); // nothing orders it after a configured link
  cronAndSsh(b, 2.86153);
  const kubelite = 'snap.microk8s.daemon-kubelite.service', containerd = 'snap.microk8s.daemon-containerd.service';
  const agent = 'snap.microk8s.daemon-cluster-agent.service', kicker = 'snap.microk8s.daemon-apiserver-kicker.service';
  b.done(2.901318, kicker); // Type=simple: "Started" only
  b.done(2.901764, agent);
  b.done(2.902217, containerd);
  b.done(2.902695, kubelite);
  b.kernel(3.096812, 'e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx', 6, NIC);
  b.kernel(3.09684, 'IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready');
  b.link(3.097105, 'eth0', 'Gained carrier', [1974, 'link_update_flags']);
  reachDefaultTarget(b, 3.101225, userspaceStart);
  b.link(4.503218, 'eth0', 'Gained IPv6LL', [657, 'link_ipv6ll_gained']);
  b.dhcp4(8.751309, 'eth0', '192.168.2.10', 24, '192.168.2.1', '192.168.2.1');
  // The kicker's round after the lease (it sleeps 5 s between rounds).
  snapSays(b, 13.412087, 'kicker', 'microk8s.daemon-apiserver-kicker', 'CSR change detected. Restarting the cluster-agent');
  const agentJob = snapStop(b, 13.431502, agent, 1_204_000, 'restart');
  snapStart(b, 13.562114, agent, 'restart', agentJob);
  snapSays(b, 13.571833, 'kicker', 'microk8s.daemon-apiserver-kicker', 'CSR change detected. Reconfiguring the kube-apiserver');
  snapStop(b, 13.604412, kubelite, 38_412_000);
  snapStop(b, 14.027315, containerd, 4_118_000);
  snapStart(b, 14.312906, containerd);
  snapStart(b, 14.421551, kubelite);
  return b;
}

// k3s and rke2 (issue 15): the same race with rancher's dynamiclistener. Two more machines of the same model:
// `k3s1` runs k3s v1.31.1+k3s1 (install.sh, /etc/rancher/k3s/config.yaml with `tls-san: k3s.home.arpa`),
// `rke2-1` runs rke2 v1.21.7+rke2r2 (`tls-san: rke2.home.arpa`). Both print through logrus' TextFormatter
// with RFC 3339 times (`time="2024-11-20T09:27:03Z"`) on stderr, which the unit hands to journald.
const K3S1 = { machineId: '3e7a1c9d5b2f4e608a4c2e1d9b7f5a31', hostname: 'k3s1' };
const RKE2_1 = { machineId: '8b2d4f6a1c3e4a5b9d7f0e2c4a6b8d10', hostname: 'rke2-1' };
Object.assign(PROCS, {
  k3s: { comm: 'k3s-server', exe: '/usr/local/bin/k3s', cmdline: '/usr/local/bin/k3s server', cap: '1ffffffffff', unit: 'k3s.service' },
  rke2: { comm: 'rke2', exe: '/usr/local/bin/rke2', cmdline: '/usr/local/bin/rke2 server', cap: '1ffffffffff', unit: 'rke2-server.service' },
});
DESC['k3s.service'] = 'Lightweight Kubernetes';
DESC['rke2-server.service'] = 'Rancher Kubernetes Engine v2 (server)';

// logrus TextFormatter as k3s/rke2 configure it: `time="RFC3339" level=… msg=…`.
function rancherSays(b, t, proc, level, msg) {
  const time = utc(b.rtBase + us(t)).toISOString().slice(0, 19) + 'Z';
  // The stream's identifier is ExecStart's basename (`k3s[902]:`), though the process renamed itself (_COMM=k3s-server).
  b.add(us(t), [['_TRANSPORT', 'stdout'], ['_STREAM_ID', id128('stream', b.bootId, proc)], ['PRIORITY', 6],
    ['SYSLOG_FACILITY', 3], ['SYSLOG_IDENTIFIER', proc], ['MESSAGE', `time=${goQuote(time)} level=${level} msg=${logrusValue(msg)}`],
    ...b.trusted(proc)]);
}

// The SAN map dynamiclistener logs (Go prints a map's keys sorted): `cn-<name>:<name>` for each SAN
// (IPv6 keys mangled: `cn-__1-f16284:::1`), then the certificate's fingerprint.
function listenerMap(names, fingerprint) {
  const key = (n) => (n.includes(':') ? `${n.replace(/:/g, '_')}-f16284` : n);
  const items = names.map((n) => [`listener.cattle.io/cn-${key(n)}`, n]);
  items.push(['listener.cattle.io/fingerprint', `SHA1=${fingerprint}`]);
  items.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[${items.map(([k, v]) => `${k}:${v}`).join(' ')}]`;
}

// No wait-online: the server starts right after network.target, before eth0's DHCPv4 lease. Its
// listener puts a serving certificate in use for the names it knows (loopback, the service IP, the
// host name, tls-san) — not 192.168.2.10, which eth0 gets 5 s later. An agent joining at
// https://192.168.2.10:6443 then refuses the certificate, and the server logs each refused handshake.
function rancherRaceBoot(rtBase, { proc, machine, version, secretName, names, seed }) {
  const b = new Boot(id128('boot', `${proc}-reboot-race`), rtBase, { journald: 241, networkd: 412, cron: 873, sshd: 884, [proc]: 902 });
  Object.assign(b, machine);
  const unit = PROCS[proc].unit;
  const userspaceStart = earlyBoot(b, 0);
  b.done(2.804377, 'network.target');
  b.done(2.812114, 'network-online.target'); // nothing orders it after a configured link
  cronAndSsh(b, 2.86153);
  b.starting(2.894407, unit); // Type=notify: "Starting" now, "Started" once the server is up
  const say = (t, msg, level = 'info') => rancherSays(b, t, proc, level, msg);
  say(3.012508, `Starting ${proc} ${version}`);
  say(3.013377, 'Configuring sqlite3 database connection pooling: maxIdleConns=2, maxOpenConns=0, connMaxLifetime=0s');
  say(3.013421, 'Configuring database table schema and indexes, this may take a moment...');
  say(3.016902, 'Database tables and indexes are up to date');
  say(3.021144, 'Kine available at unix://kine.sock');
  say(3.021871, 'Reconciling bootstrap data between datastore and disk');
  b.kernel(3.096812, 'e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx', 6, NIC);
  b.kernel(3.09684, 'IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready');
  b.link(3.097105, 'eth0', 'Gained carrier', [1974, 'link_update_flags']);
  const fingerprint = sha('fingerprint', seed).slice(0, 40).toUpperCase();
  say(3.412093, `Active TLS secret ${secretName} (ver=) (count ${names.length}): ${listenerMap(names, fingerprint)}`);
  say(3.412356, 'Password verified locally for node ' + machine.hostname);
  b.link(4.503218, 'eth0', 'Gained IPv6LL', [657, 'link_ipv6ll_gained']);
  b.dhcp4(8.751309, 'eth0', '192.168.2.10', 24, '192.168.2.1', '192.168.2.1');
  b.done(11.203944, unit);
  reachDefaultTarget(b, 11.204117, userspaceStart);
  // The agent at 192.168.2.11 retries every few seconds; Go's http server logs through logrus.
  [14.118402, 19.127715, 24.131052].forEach((t, i) => {
    const d = utc(b.rtBase + us(t));
    const stamp = `${d.toISOString().slice(0, 10).replace(/-/g, '/')} ${d.toISOString().slice(11, 19)}`;
    say(t, `Cluster-Http-Server ${stamp} http: TLS handshake error from 192.168.2.11:${50412 + 2 * i}: remote error: tls: bad certificate`);
  });
  return b;
}

const SERVICE_NAMES = ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'localhost'];
export const k3sRaceBoot = (rtBase = T0) => rancherRaceBoot(rtBase, {
  proc: 'k3s', machine: K3S1, version: 'v1.31.1+k3s1 (452dbbc1)', secretName: '/', seed: 'k3s',
  // k3s ≥ 1.26 logs the secret it serves before storing it as `/` (k3s-io/k3s#9418), ::1 among its SANs.
  names: ['10.43.0.1', '127.0.0.1', '::1', 'k3s.home.arpa', 'k3s1', ...SERVICE_NAMES],
});
export const rke2RaceBoot = (rtBase = T0) => rancherRaceBoot(rtBase, {
  proc: 'rke2', machine: RKE2_1, version: 'v1.21.7+rke2r2 (2ebaa7c3)', secretName: '', seed: 'rke2',
  // rke2 1.21 logs it with an empty name: `Active TLS secret  (ver=) (count 9)` (rancher/rke2#2258), no ::1.
  names: ['10.43.0.1', '127.0.0.1', 'rke2-1', 'rke2.home.arpa', ...SERVICE_NAMES],
});

export const scenarios = {
  'k0s-reboot-race': () => [raceBoot()],
  'k0s-healthy': () => [healthyBoot()],
  // The race boot, a reboot, and the healthy boot 10 minutes after the first one started.
  'multi-boot': () => [raceBoot(T0, { reboot: true }), healthyBoot(T0 + 600e6)],
  // The healthy boot started 15 s before New Year: year-less modes (short) cross Dec 31 → Jan 1.
  'new-year': () => [healthyBoot(Date.UTC(2024, 11, 31, 23, 59, 45) * 1000)],
  'clock-step': () => [clockStepBoot()],
  // Issue 5: the same race (and fix) with the other common network stacks.
  'networkmanager-race': () => [networkManagerRaceBoot()],
  'networkmanager-healthy': () => [networkManagerHealthyBoot()],
  'dhclient-race': () => [dhclientRaceBoot()],
  'dhcpcd-race': () => [dhcpcdRaceBoot()],
  'bind-race': () => [bindRaceBoot()],
  // A kubeadm node whose DHCP address changed across a reboot: the certificate of boot 1, the error of boot 2.
  'kubeadm-address-changed': () => [kubeadmInitBoot(), kubeadmAddressChangedBoot()],
  // A microk8s node starting before its DHCPv4 lease; the apiserver kicker re-signs and restarts kubelite.
  'microk8s-reboot-healed': () => [microk8sRebootHealedBoot()],
  // k3s and rke2 (dynamiclistener) serving a certificate made before eth0's DHCPv4 lease (issue 15).
  'k3s-reboot-race': () => [k3sRaceBoot()],
  'rke2-reboot-race': () => [rke2RaceBoot()],
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(dirname(fileURLToPath(import.meta.url)), 'sources');
  mkdirSync(out, { recursive: true });
  for (const [name, build] of Object.entries(scenarios)) {
    writeFileSync(join(out, `${name}.export`), build().map((b) => b.toExport()).join(''));
  }
}
