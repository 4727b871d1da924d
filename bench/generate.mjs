// Deterministic synthetic journals for `pnpm bench` (issue 9): one machine, a month of entries over
// several boots, written as journalctl would print them in short-iso-precise, json and export.
// Same entries in every mode, so the three reports must agree. Plain Node, no dependencies.
import { closeSync, openSync, writeSync } from 'node:fs';

/** mulberry32: a small seeded PRNG, so every run writes byte-identical files. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOST = 'k0s-ctrl-1';
const MACHINE = 'b3c5e0a47d2f4e19a8c61f0d9e2b7a53';
const START_US = 1730419200000000; // 2024-11-01T00:00:00Z
const MONTH_US = 30 * 86400 * 1e6;

const hex = (r, n) => {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(r() * 16)];
  return s;
};
const pick = (r, list) => list[Math.floor(r() * list.length)];
const ip = (r) => `10.${Math.floor(r() * 4)}.${Math.floor(r() * 250)}.${1 + Math.floor(r() * 250)}`;

function pad(n, w) {
  return String(n).padStart(w, '0');
}
/** `2024-11-20T09:27:02.812345+0000`, as short-iso-precise prints a UTC time. */
function isoPrecise(us) {
  const ms = Math.floor(us / 1000);
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(us % 1000000, 6)}+0000`;
}
function goTime(us) {
  return isoPrecise(us).slice(0, 19).replace('T', ' ');
}

const PODS = ['kube-system/coredns-6d4b75cb6d-8xk2p', 'kube-system/kube-proxy-7hq4z', 'kube-system/konnectivity-agent-5lq9w',
  'monitoring/prometheus-node-exporter-2bxrt', 'default/web-7f9c8d6b5-qz8kd', 'default/worker-5c6d7f8b9-m2x4n',
  'ingress-nginx/ingress-nginx-controller-6b7c8d9f5-p4wq2', 'kube-system/metrics-server-5f8d7c6b4-zx9vn'];
const UNITS = ['apt-daily.service - Daily apt download activities', 'logrotate.service - Rotate log files',
  'man-db.service - Daily man-db regeneration', 'e2scrub_all.service - Online ext4 Metadata Check for All Filesystems',
  'sysstat-collect.service - system activity accounting tool', 'phpsessionclean.service - Clean php session files',
  'fstrim.service - Discard unused blocks on filesystems from /etc/fstab', 'dpkg-db-backup.service - Daily dpkg database backup service'];
const USER_UNITS = ['dbus.socket - D-Bus User Message Bus Socket', 'gpg-agent.socket - GnuPG cryptographic agent and passphrase cache',
  'dirmngr.socket - GnuPG network certificate management daemon', 'pipewire.socket - PipeWire Multimedia System Sockets'];

/**
 * The noise of a k0s controller: what every entry is made of. Each kind gives identifier, pid,
 * comm, unit, transport, priority and a message. Needles of the recognizers appear where real logs
 * carry them (`Started `, ` from `, `Starting `), so the prefilters see realistic hit rates.
 */
function noise(r, t) {
  const x = r();
  if (x < 0.36) {
    // kubelet, relayed by k0s through logrus: long, quoted, with klog inside.
    const pod = pick(r, PODS);
    const id = hex(r, 64);
    const klog = `I${goTime(t).slice(5, 7)}${goTime(t).slice(8, 10)} ${goTime(t).slice(11)}.${pad(t % 1000000, 6)}    1158`;
    const body = pick(r, [
      () => `${klog} kubelet.go:2453] \\"SyncLoop (PLEG): event for pod\\" pod=\\"${pod}\\" event={\\"ID\\":\\"${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}\\",\\"Type\\":\\"ContainerStarted\\",\\"Data\\":\\"${id}\\"}`,
      () => `${klog} prober.go:107] \\"Probe failed\\" probeType=\\"Readiness\\" pod=\\"${pod}\\" podUID=\\"${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}\\" containerName=\\"app\\" probeResult=\\"failure\\" output=\\"Get \\\\\\"http://${ip(r)}:8080/healthz\\\\\\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)\\"`,
      () => `${klog} reconciler_common.go:258] \\"operationExecutor.VerifyControllerAttachedVolume started for volume \\\\\\"kube-api-access-${hex(r, 5)}\\\\\\" (UniqueName: \\\\\\"kubernetes.io/projected/${hex(r, 8)}-${hex(r, 4)}-kube-api-access-${hex(r, 5)}\\\\\\") pod \\\\\\"${pod.split('/')[1]}\\\\\\" (UID: \\\\\\"${hex(r, 8)}-${hex(r, 4)}\\\\\\") \\" pod=\\"${pod}\\"`,
      () => `${klog} kubelet_volumes.go:163] \\"Cleaned up orphaned pod volumes dir\\" podUID=\\"${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}\\" path=\\"/var/lib/k0s/kubelet/pods/${hex(r, 8)}-${hex(r, 4)}/volumes\\"`,
      () => `${klog} pod_workers.go:1298] \\"Error syncing pod, skipping\\" err=\\"failed to \\\\\\"StartContainer\\\\\\" for \\\\\\"app\\\\\\" with CrashLoopBackOff: \\\\\\"back-off 5m0s restarting failed container=app pod=${pod.split('/')[1]}_${pod.split('/')[0]}(${hex(r, 8)}-${hex(r, 4)})\\\\\\"\\" pod=\\"${pod}\\" podUID=\\"${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}\\"`,
    ])();
    return { ident: 'k0s', pid: 891, comm: 'k0s', unit: 'k0scontroller.service', transport: 'stdout', prio: 6,
      message: `time="${goTime(t)}" level=info msg="${body}" component=kubelet stream=stderr` };
  }
  if (x < 0.5) {
    const msg = pick(r, [
      () => `time="${isoPrecise(t).slice(0, 26)}000Z" level=info msg="StartContainer for \\"${hex(r, 64)}\\" returns successfully"`,
      () => `time="${isoPrecise(t).slice(0, 26)}000Z" level=info msg="shim disconnected" id=${hex(r, 64)} namespace=k8s.io`,
      () => `time="${isoPrecise(t).slice(0, 26)}000Z" level=info msg="cleaning up dead shim" namespace=k8s.io`,
      () => `time="${isoPrecise(t).slice(0, 26)}000Z" level=info msg="ImageCreate event name:\\"registry.k8s.io/pause:3.9\\" labels:{key:\\"io.cri-containerd.image\\" value:\\"managed\\"}"`,
    ])();
    return { ident: 'containerd', pid: 1027, comm: 'containerd', unit: 'containerd.service', transport: 'stdout', prio: 6, message: msg };
  }
  if (x < 0.62) {
    const user = pick(r, ['deploy', 'root', 'backup', 'ansible']);
    const port = 30000 + Math.floor(r() * 30000);
    const from = ip(r);
    const msg = pick(r, [
      `Accepted publickey for ${user} from ${from} port ${port} ssh2: ED25519 SHA256:${hex(r, 43)}`,
      `pam_unix(sshd:session): session opened for user ${user}(uid=1000) by (uid=0)`,
      `Received disconnect from ${from} port ${port}:11: disconnected by user`,
      `Disconnected from user ${user} ${from} port ${port}`,
      `pam_unix(sshd:session): session closed for user ${user}`,
      `Connection closed by authenticating user root ${from} port ${port} [preauth]`,
    ]);
    return { ident: 'sshd', pid: 20000 + Math.floor(r() * 40000), comm: 'sshd', unit: 'ssh.service', transport: 'syslog', prio: 6, message: msg };
  }
  if (x < 0.72) {
    const msg = pick(r, ['pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)',
      '(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)', 'pam_unix(cron:session): session closed for user root',
      '(root) CMD (   test -x /etc/cron.daily/popularity-contest && /etc/cron.daily/popularity-contest --crond)']);
    return { ident: 'CRON', pid: 30000 + Math.floor(r() * 30000), comm: 'cron', unit: 'cron.service', transport: 'syslog', prio: 6, message: msg };
  }
  if (x < 0.84) {
    const msg = pick(r, [
      () => `audit: type=1400 audit(${Math.floor(t / 1e6)}.${pad(Math.floor(r() * 1000), 3)}:${Math.floor(r() * 9999)}): apparmor="DENIED" operation="open" class="file" profile="cri-containerd.apparmor.d" name="/proc/sys/kernel/random/uuid" pid=${Math.floor(r() * 99999)} comm="node" requested_mask="r" denied_mask="r" fsuid=65534 ouid=0`,
      () => `[UFW BLOCK] IN=eth0 OUT= MAC=18:66:da:4c:2e:91:00:1a:2b:3c:4d:5e:08:00 SRC=${ip(r)} DST=192.168.2.10 LEN=40 TOS=0x00 PREC=0x00 TTL=244 ID=${Math.floor(r() * 65535)} PROTO=TCP SPT=${Math.floor(r() * 65535)} DPT=23 WINDOW=1024 RES=0x00 SYN URGP=0`,
      () => `cni0: port ${1 + Math.floor(r() * 9)}(veth${hex(r, 8)}) entered forwarding state`,
      () => `IPv6: ADDRCONF(NETDEV_CHANGE): veth${hex(r, 8)}: link becomes up`,
    ])();
    return { ident: 'kernel', pid: null, comm: null, unit: null, transport: 'kernel', prio: 5, message: msg };
  }
  if (x < 0.843) {
    // System manager job messages: timers. These become events (kept per boot), so they are rare.
    const u = pick(r, UNITS);
    const msg = r() < 0.5 ? `Starting ${u}...` : `Finished ${u}.`;
    return { ident: 'systemd', pid: 1, comm: 'systemd', unit: 'init.scope', transport: 'journal', prio: 6, message: msg };
  }
  if (x < 0.93) {
    const u = pick(r, USER_UNITS);
    const msg = pick(r, [`Listening on ${u}.`, `Closed ${u}.`, 'Reached target default.target - Main User Target.', 'Startup finished in 112ms.']);
    return { ident: 'systemd', pid: 4000 + Math.floor(r() * 5000), comm: 'systemd', unit: 'user@1000.service', transport: 'journal', prio: 6, message: msg };
  }
  if (x < 0.96) {
    const msg = pick(r, [`veth${hex(r, 8)}: Gained IPv6LL`, `veth${hex(r, 8)}: Configuring with /run/systemd/network/10-netplan-veth.network.`,
      `cni0: Gained IPv6LL`, `eth0: DHCPv4 lease renewal requested`]);
    return { ident: 'systemd-networkd', pid: 412, comm: 'systemd-networkd', unit: 'systemd-networkd.service', transport: 'journal', prio: 6, message: msg };
  }
  if (x < 0.998) {
    const msg = pick(r, [`Received client request to flush runtime journal.`, `Data hash table of /var/log/journal/${MACHINE}/system.journal has a fill level at 75.0 (8535 of 11377 items, 6553600 file size, 767 bytes per hash table item), suggesting rotation.`,
      `/var/log/journal/${MACHINE}/system.journal: Journal header limits reached or header out-of-date, rotating.`]);
    return { ident: 'systemd-journald', pid: 241, comm: 'systemd-journald', unit: 'systemd-journald.service', transport: 'driver', prio: 6, message: msg };
  }
  // A multi-line message now and then: a Go panic relayed by k0s.
  const lines = [`panic: runtime error: invalid memory address or nil pointer dereference`, `[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x1a2b3c]`,
    `goroutine ${Math.floor(r() * 9999)} [running]:`, `github.com/k0sproject/k0s/pkg/component/worker.(*Kubelet).Start.func1()`,
    `\t/go/src/github.com/k0sproject/k0s/pkg/component/worker/kubelet.go:201 +0x${hex(r, 3)}`];
  return { ident: 'k0s', pid: 891, comm: 'k0s', unit: 'k0scontroller.service', transport: 'stdout', prio: 3, message: lines.join('\n') };
}

const DHCP_EVERY_US = 30 * 60 * 1e6;
const FLAP_FROM_US = START_US + 10 * 86400 * 1e6;
const FLAP_UNTIL_US = FLAP_FROM_US + 3600 * 1e6;

/**
 * A dense journal (issue 16): the node of the race a month later, still broken. Kubelet's x509
 * error relayed by k0s (the reflector's W line and klog's E "Unhandled Error" line, as in the
 * race), a cron session now and then (`Started session-N.scope`: a new unit each time), timers;
 * networkd renewing the lease every 30 minutes and eth0 flapping for an hour on day 10. With
 * probability `events` an entry is such an event, else noise; `state` carries the clocks. Every
 * boot of a dense journal is the broken one (k0s defaulted to 127.0.0.1).
 */
function denseOrNoise(r, t, state, events) {
  const k0s = (message) => ({ ident: 'k0s', pid: 891, comm: 'k0s', unit: 'k0scontroller.service', transport: 'stdout', prio: 6, message });
  const networkd = (message) => ({ ident: 'systemd-networkd', pid: 412, comm: 'systemd-networkd', unit: 'systemd-networkd.service', transport: 'journal', prio: 6, message });
  if (t >= state.nextDhcpUs) {
    state.nextDhcpUs = t + DHCP_EVERY_US;
    return networkd('eth0: DHCPv4 address 192.168.2.10/24, gateway 192.168.2.1 acquired from 192.168.2.1');
  }
  if (t >= FLAP_FROM_US && t < FLAP_UNTIL_US && t >= state.nextFlapUs) {
    state.nextFlapUs = t + 5e6;
    state.carrier = !state.carrier;
    return networkd(`eth0: ${state.carrier ? 'Gained' : 'Lost'} carrier`);
  }
  // The client fails from when it first tries (41.6 s, as in the race) until the month ends.
  if (t < state.failingFromUs || r() >= events) return noise(r, t);
  const x = r();
  const klog = `${goTime(t).slice(5, 7)}${goTime(t).slice(8, 10)} ${goTime(t).slice(11)}.${pad(t % 1000000, 6)}    1158`;
  if (x < 0.47) {
    return k0s(`time="${goTime(t)}" level=info msg="W${klog} reflector.go:561] k8s.io/client-go/informers/factory.go:160: failed to list *v1.Node: Get \\"https://192.168.2.10:6443/api/v1/nodes?fieldSelector=metadata.name%3Dk0s-ctrl-1&limit=500&resourceVersion=0\\": tls: failed to verify certificate: x509: certificate is valid for 127.0.0.1, ::1, 10.96.0.1, not 192.168.2.10" component=kubelet stream=stderr`);
  }
  if (x < 0.94) {
    return k0s(`time="${goTime(t)}" level=info msg="E${klog} reflector.go:158] \\"Unhandled Error\\" err=\\"k8s.io/client-go/informers/factory.go:160: Failed to watch *v1.Node: failed to list *v1.Node: Get \\\\\\"https://192.168.2.10:6443/api/v1/nodes?limit=500\\\\\\": tls: failed to verify certificate: x509: certificate is valid for 127.0.0.1, ::1, 10.96.0.1, not 192.168.2.10\\" logger=\\"UnhandledError\\"" component=kubelet stream=stderr`);
  }
  if (x < 0.97) {
    state.session++;
    return { ident: 'systemd', pid: 1, comm: 'systemd', unit: 'init.scope', transport: 'journal', prio: 6, message: `Started session-${state.session}.scope - Session ${state.session} of User root.` };
  }
  const u = pick(r, UNITS);
  return { ident: 'systemd', pid: 1, comm: 'systemd', unit: 'init.scope', transport: 'journal', prio: 6, message: r() < 0.5 ? `Starting ${u}...` : `Finished ${u}.` };
}

/** The start of each boot: the k0s reboot race of samples/journals, at monotonic seconds. */
function bootStory(seq, broken = false) {
  const api = broken || seq % 2 === 0 ? '127.0.0.1' : '192.168.2.10';
  const story = [
    [0.0, 'kernel', null, 'kernel', 5, 'Linux version 6.1.0-26-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.112-1 (2024-09-30)'],
    [1.902114, 'systemd', 1, 'journal', 6, 'systemd 252.30-1~deb12u2 running in system mode (+PAM +AUDIT +SELINUX +APPARMOR +IMA +SMACK +SECCOMP +GCRYPT -GNUTLS +OPENSSL +ACL +BLKID +CURL +ELFUTILS +FIDO2 +IDN2 -IDN +IPTC +KMOD +LIBCRYPTSETUP +LIBFDISK +PCRE2 -PWQUALITY +P11KIT +QRENCODE +TPM2 +BZIP2 +LZ4 +XZ +ZLIB +ZSTD -BPF_FRAMEWORK -XKBCOMMON +UTMP +SYSVINIT default-hierarchy=unified)'],
    [2.655120, 'systemd', 1, 'journal', 6, 'Started systemd-networkd.service - Network Configuration.'],
    [2.707415, 'systemd-networkd', 412, 'journal', 6, 'eth0: Link UP'],
    [2.804377, 'systemd', 1, 'journal', 6, 'Reached target network.target - Network.'],
    [2.812114, 'systemd', 1, 'journal', 6, 'Reached target network-online.target - Network is Online.'],
    [2.894407, 'systemd', 1, 'journal', 6, 'Started k0scontroller.service - k0s - Zero Friction Kubernetes.'],
    [3.052391, 'k0s', 891, 'stdout', 6, `time="@" level=info msg="using api address: ${api}"`],
    [3.052402, 'k0s', 891, 'stdout', 6, `time="@" level=info msg="using sans: [${api === '127.0.0.1' ? '' : '192.168.2.10'}]"`],
    [3.096812, 'kernel', null, 'kernel', 6, 'e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx'],
    [3.097105, 'systemd-networkd', 412, 'journal', 6, 'eth0: Gained carrier'],
    [3.118503, 'systemd', 1, 'journal', 6, 'Startup finished in 1.897s (kernel) + 1.221s (userspace) = 3.118s.'],
  ];
  for (let i = 0; i < 4; i++) {
    story.push([4.021507 + i * 0.3, 'k0s', 891, 'stdout', 6, `time="@" level=info msg="signed certificate with serial number ${100000 + seq * 10 + i}" component=cfssl`]);
  }
  story.push([8.751309, 'systemd-networkd', 412, 'journal', 6, 'eth0: DHCPv4 address 192.168.2.10/24, gateway 192.168.2.1 acquired from 192.168.2.1']);
  if (api === '127.0.0.1') {
    story.push([41.613582, 'k0s', 891, 'stdout', 4, 'time="@" level=info msg="E1120 09:27:41.613582    1158 reflector.go:158] \\"Unhandled Error\\" err=\\"k8s.io/client-go/informers/factory.go:160: Failed to watch *v1.Node: failed to list *v1.Node: Get \\\\\\"https://192.168.2.10:6443/api/v1/nodes?limit=500\\\\\\": tls: failed to verify certificate: x509: certificate is valid for 127.0.0.1, ::1, 10.96.0.1, not 192.168.2.10\\" logger=\\"UnhandledError\\"" component=kubelet stream=stderr']);
  }
  return story;
}

/**
 * The entries of the journal, in order: `boots` boots spread over a month, each opening with its
 * story and then noise. Calls `each(entry)` for every entry.
 */
export function* entries(count, { boots = 4, seed = 9, events = 0 } = {}) {
  const r = rng(seed);
  const dense = { nextDhcpUs: 0, nextFlapUs: 0, carrier: true, session: 0 };
  const perBoot = Math.ceil(count / boots);
  const stepUs = Math.floor(MONTH_US / count);
  let n = 0;
  let seqnum = 1;
  for (let b = 0; b < boots && n < count; b++) {
    const bootId = hex(r, 32);
    const bootRealUs = START_US + b * perBoot * stepUs;
    let mono = 0;
    const story = bootStory(b, events > 0);
    // Dense: every boot is the broken one; renewals follow the boot's first lease (8.75 s).
    dense.nextDhcpUs = bootRealUs + 8.76e6 + DHCP_EVERY_US;
    dense.failingFromUs = bootRealUs + 41.7e6;
    let s = 0;
    const inBoot = Math.min(perBoot, count - n);
    for (let i = 0; i < inBoot; i++, n++) {
      let e;
      // Noise: a few ms apart during boot, then seconds apart; the story's lines at their own times.
      const next = mono + (i < 2000 ? 1000 + Math.floor(r() * 4000) : Math.floor(r() * 2 * stepUs));
      if (s < story.length && Math.round(story[s][0] * 1e6) <= next) {
        const [sec, ident, pid, transport, prio, message] = story[s++];
        mono = Math.max(mono, Math.round(sec * 1e6));
        const real = bootRealUs + mono;
        e = { ident, pid, comm: ident === 'kernel' ? null : ident, unit: ident === 'kernel' ? null : ident === 'systemd' ? 'init.scope' : `${ident}.service`,
          transport, prio, message: message.replace('time="@"', `time="${goTime(real)}"`) };
      } else {
        mono = next;
        // A sparse journal draws exactly as before issue 16 (the same bytes).
        e = events > 0 ? denseOrNoise(r, bootRealUs + mono, dense, events) : noise(r, bootRealUs + mono);
      }
      const realtimeUs = bootRealUs + mono;
      e.realtimeUs = realtimeUs;
      e.monotonicUs = mono + 2044324;
      // Entries relayed by syslog or stdout carry their own stamp, a little before the journal's.
      e.sourceRealtimeUs = e.transport === 'syslog' || e.transport === 'journal' ? realtimeUs - 37 : null;
      e.bootId = bootId;
      e.seqnum = seqnum++;
      e.id = hex(r, 16);
      yield e;
    }
  }
}

function fieldList(e) {
  const f = [];
  f.push(['__CURSOR', `s=dc1af3b0d4b3466b9456dbdd0d8c5ae4;i=${e.seqnum.toString(16)};b=${e.bootId};m=${e.monotonicUs.toString(16)};t=${e.realtimeUs.toString(16)};x=${e.id}`]);
  f.push(['__REALTIME_TIMESTAMP', String(e.realtimeUs)]);
  f.push(['__MONOTONIC_TIMESTAMP', String(e.monotonicUs)]);
  f.push(['_BOOT_ID', e.bootId]);
  f.push(['_TRANSPORT', e.transport]);
  f.push(['PRIORITY', String(e.prio)]);
  f.push(['SYSLOG_FACILITY', e.transport === 'kernel' ? '0' : e.transport === 'syslog' ? '4' : '3']);
  f.push(['SYSLOG_IDENTIFIER', e.ident]);
  if (e.pid !== null) {
    f.push(['_PID', String(e.pid)]);
    f.push(['_UID', '0'], ['_GID', '0']);
    f.push(['_COMM', e.comm], ['_EXE', `/usr/bin/${e.comm}`], ['_CMDLINE', `/usr/bin/${e.comm}`]);
    f.push(['_CAP_EFFECTIVE', '1ffffffffff']);
    f.push(['_SYSTEMD_CGROUP', `/system.slice/${e.unit}`], ['_SYSTEMD_UNIT', e.unit], ['_SYSTEMD_SLICE', 'system.slice']);
    f.push(['_SYSTEMD_INVOCATION_ID', 'e1c2a3b4d5e6f708192a3b4c5d6e7f80']);
  }
  if (e.transport === 'stdout') f.push(['_STREAM_ID', '4b1f0e6d2c3a4958b7a6f5e4d3c2b1a0']);
  if (e.sourceRealtimeUs !== null) f.push(['_SOURCE_REALTIME_TIMESTAMP', String(e.sourceRealtimeUs)]);
  if (e.transport === 'syslog') f.push(['SYSLOG_PID', String(e.pid)], ['SYSLOG_TIMESTAMP', 'Nov 20 09:27:03 ']);
  f.push(['_MACHINE_ID', MACHINE], ['_HOSTNAME', HOST]);
  f.push(['MESSAGE', e.message]);
  return f;
}

function shortIsoPrecise(e) {
  const stamp = isoPrecise(e.sourceRealtimeUs ?? e.realtimeUs);
  const prefix = `${stamp} ${HOST} ${e.ident}${e.pid === null ? '' : `[${e.pid}]`}: `;
  if (!e.message.includes('\n')) return `${prefix}${e.message}\n`;
  // journalctl indents continuation lines to the message column.
  const indent = ' '.repeat(prefix.length);
  return `${prefix}${e.message.split('\n').join(`\n${indent}`)}\n`;
}

function json(e) {
  let s = '{';
  for (const [k, v] of fieldList(e)) s += `${s.length > 1 ? ',' : ''}"${k}":${JSON.stringify(v)}`;
  return `${s}}\n`;
}

/** Export: `FIELD=value`; a value holding a newline is written `FIELD\n`, its length as uint64 LE, the bytes, `\n`. */
function exportParts(e, out) {
  for (const [k, v] of fieldList(e)) {
    if (v.includes('\n')) {
      const bytes = Buffer.from(v, 'utf8');
      const len = Buffer.alloc(8);
      len.writeUInt32LE(bytes.length, 0);
      out.flushText(`${k}\n`);
      out.bytes(len);
      out.bytes(bytes);
      out.text('\n');
    } else {
      out.text(`${k}=${v}\n`);
    }
  }
  out.text('\n');
}

class Out {
  constructor(path) {
    this.fd = openSync(path, 'w');
    this.parts = [];
    this.size = 0;
    this.written = 0;
  }
  text(s) {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 22) this.flush();
  }
  flushText(s) {
    this.text(s);
    this.flush();
  }
  bytes(b) {
    this.flush();
    writeSync(this.fd, b);
    this.written += b.length;
  }
  flush() {
    if (this.parts.length === 0) return;
    const b = Buffer.from(this.parts.join(''), 'utf8');
    writeSync(this.fd, b);
    this.written += b.length;
    this.parts = [];
    this.size = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
    return this.written;
  }
}

/** Writes `count` entries to `<prefix>.short-iso-precise`, `.json` and `.export`; returns their byte sizes. */
export function generate(prefix, count, options = {}) {
  const short = new Out(`${prefix}.short-iso-precise`);
  const js = new Out(`${prefix}.json`);
  const ex = new Out(`${prefix}.export`);
  let lastBoot = null;
  for (const e of entries(count, options)) {
    if (lastBoot !== null && e.bootId !== lastBoot) short.text(`-- Boot ${e.bootId} --\n`);
    lastBoot = e.bootId;
    short.text(shortIsoPrecise(e));
    js.text(json(e));
    exportParts(e, ex);
  }
  return { 'short-iso-precise': short.close(), json: js.close(), export: ex.close() };
}
