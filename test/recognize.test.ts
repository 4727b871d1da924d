import test from 'ava';
import { parseLogrus, unquoteGo } from '../packages/core/src/recognize/logrus.js';
import { recognize } from './helpers/recognize.js';


// --- systemd targets and units -------------------------------------------------------------

test('Reached target, description only (kinvolk/kube-spawn#75)', (t) => {
  // "Jul 19 10:05:29 kube-spawn-0 systemd[1]: Reached target Network is Online."
  t.like(recognize('systemd', 'Reached target Network is Online.')[0], { kind: 'target-reached', unit: 'network-online.target', description: 'Network is Online' });
});

test('Reached target, combined name and description (systemd ≥ 253 journals)', (t) => {
  // "Aug 29 17:03:03 lasso systemd[1]: Reached target network-online.target - Network is Online."
  t.like(recognize('systemd', 'Reached target network-online.target - Network is Online.')[0], { kind: 'target-reached', unit: 'network-online.target', description: 'Network is Online' });
});

test('Reached target, name only (systemd/systemd#25515, StatusUnitFormat=name)', (t) => {
  // "Jul 13 15:36:22 gentoo systemd[1]: Reached target network.target."
  t.like(recognize('systemd', 'Reached target network.target.')[0], { kind: 'target-reached', unit: 'network.target', description: null });
});

test('a user manager\'s targets are not the boot\'s (systemd[365] in a Debian journal)', (t) => {
  t.deepEqual(recognize('systemd', 'Reached target paths.target - Paths.', { pid: 365 }), []);
});

test('json UNIT= names the unit when the message has only a description', (t) => {
  const [e] = recognize('systemd', 'Reached target Some Custom Thing.', { fields: { UNIT: 'custom.target' } });
  t.like(e, { unit: 'custom.target', description: 'Some Custom Thing' });
});

test('unit job messages in all three shapes (systemd#19855, #25515, #41220)', (t) => {
  t.like(recognize('systemd', 'Starting Wait for Network to be Configured...')[0], { kind: 'unit-job', phase: 'starting', unit: 'systemd-networkd-wait-online.service' });
  t.like(recognize('systemd', 'Starting systemd-networkd.service...')[0], { kind: 'unit-job', phase: 'starting', unit: 'systemd-networkd.service' });
  t.like(recognize('systemd', 'Failed to start systemd-networkd-wait-online.service - Wait for Network to be Online.')[0], { phase: 'failed', unit: 'systemd-networkd-wait-online.service', description: 'Wait for Network to be Online' });
  t.like(recognize('systemd', 'Started k0s - Zero Friction Kubernetes.')[0], { phase: 'started', unit: null, description: 'k0s - Zero Friction Kubernetes' });
  t.like(recognize('systemd', 'Finished systemd-networkd-wait-online.service - Wait for Network to be Configured.')[0], { phase: 'finished' });
});

// moby/moby#35882 (test/corpus/journalctl/moby-35882-xe-catalog-german-docker.log), Ubuntu 16.04's systemd 229:
// a socket unit's own words before v233 (one period), and mount units' words.
test('socket and mount units in their own words: Starting X. / Listening on; Mounting / Mounted / Unmounted', (t) => {
  t.like(recognize('systemd', 'Starting Docker Socket for the API.')[0], { kind: 'unit-job', phase: 'starting', description: 'Docker Socket for the API' });
  t.like(recognize('systemd', 'Stopping Docker Socket for the API.')[0], { phase: 'stopping', description: 'Docker Socket for the API' });
  t.like(recognize('systemd', 'Listening on Docker Socket for the API.')[0], { phase: 'started', description: 'Docker Socket for the API' });
  t.like(recognize('systemd', 'Starting Docker Socket for the API...')[0], { phase: 'starting', description: 'Docker Socket for the API' }, 'three dots are not part of the name');
  t.like(recognize('systemd', 'Mounting Kernel Debug File System...')[0], { phase: 'starting', description: 'Kernel Debug File System' });
  t.like(recognize('systemd', 'Mounted Kernel Debug File System.')[0], { phase: 'started' });
  t.like(recognize('systemd', 'Unmounted /boot.')[0], { phase: 'stopped', description: '/boot' });
  t.deepEqual(recognize('systemd', 'Listening on Docker Socket for the API', {}), [], 'no period: not systemd\'s sentence');
});

// adb-enhanced#128 (test/corpus/syslog/adb-128-centos7-nm-wait-online-failed.log): CentOS 7's systemd 219 writes `main` in lower case.
test("a unit's process exiting non-zero, in v219's lower case too", (t) => {
  const [job] = recognize('systemd', 'NetworkManager-wait-online.service: main process exited, code=exited, status=1/FAILURE', { pid: null });
  t.like(job, { kind: 'unit-job', phase: 'failed', unit: 'NetworkManager-wait-online.service', result: 'exit-code' });
  const timeout = recognize('systemd', 'NetworkManager-wait-online.service: main process exited, code=exited, status=1/FAILURE', { pid: null }).find((e) => e.kind === 'wait-online-timeout');
  t.like(timeout, { unit: 'NetworkManager-wait-online.service' });
});

// openbmc/openbmc#3563 (final.target before v247), canonical/netplan#366 (netplan-wpa-wlan0.service),
// systemd#17117 (`Dependency failed for Serial Getty on ttyPS0.`).
test('a description names its unit: well-known units, template instances; nothing for an unknown one or an Object key', (t) => {
  t.like(recognize('systemd', 'Reached target Final Step.')[0], { kind: 'target-reached', unit: 'final.target', description: 'Final Step' });
  t.like(recognize('systemd', 'Started WPA supplicant for netplan wlan0.')[0], { unit: 'netplan-wpa-wlan0.service', description: 'WPA supplicant for netplan wlan0' });
  t.like(recognize('systemd', 'Dependency failed for Serial Getty on ttyPS0.')[0], { phase: 'failed', unit: 'serial-getty@ttyPS0.service', result: 'dependency' });
  t.like(recognize('systemd', 'Started Getty on tty1.')[0], { unit: 'getty@tty1.service' });
  // geerlingguy/internet-pi#396: `Dependency failed for Docker Socket for the API.` is docker.socket's.
  t.like(recognize('systemd', 'Failed to listen on Docker Socket for the API.')[0], { phase: 'failed', unit: 'docker.socket' });
  t.like(recognize('systemd', 'Started Serial Getty on the console of a board.')[0], { unit: null }, 'an instance is one word');
  t.like(recognize('systemd', 'Started constructor.')[0], { unit: null, description: 'constructor' });
});

// --- systemd-networkd ----------------------------------------------------------------------

test('networkd DHCPv4, new wording (systemd/systemd#23005)', (t) => {
  const [e] = recognize('systemd-networkd', 'eth0: DHCPv4 address 10.193.102.105/24, gateway 10.193.102.254 acquired from 10.193.102.1');
  t.like(e, { kind: 'address-added', interface: 'eth0', address: '10.193.102.105', prefixLength: 24, family: 'ipv4', via: 'systemd-networkd' });
});

test('networkd DHCPv4, older "via" wording (systemd/systemd#4354)', (t) => {
  // "systemd-networkd[376]: localnet: DHCPv4 address 192.168.0.11/24 via 192.168.0.12"
  t.like(recognize('systemd-networkd', 'localnet: DHCPv4 address 192.168.0.11/24 via 192.168.0.12')[0], { interface: 'localnet', address: '192.168.0.11', prefixLength: 24 });
});

test('networkd DHCPv4, oldest wording without prefix', (t) => {
  t.like(recognize('systemd-networkd', 'eth0: DHCPv4 address 10.0.0.5')[0], { address: '10.0.0.5', prefixLength: null });
});

test('networkd carrier (systemd/systemd#21912); other networkd lines are not events', (t) => {
  t.like(recognize('systemd-networkd', 'ens160: Gained carrier')[0], { kind: 'link-up', interface: 'ens160' });
  t.deepEqual(recognize('systemd-networkd', 'ens160: DHCPv4 client: lease expires in 1h 59min 59s'), []);
  t.deepEqual(recognize('systemd-networkd', 'wlan0: Acquiring DHCPv4 lease.'), []);
  // Another program quoting networkd's words is not networkd.
  t.deepEqual(recognize('bash', 'eth0: DHCPv4 address 10.0.0.5/24 via 10.0.0.1'), []);
});

// --- k0s -----------------------------------------------------------------------------------

test('k0s api address and sans (k0sproject/k0s#2151)', (t) => {
  // "Sep 10 21:46:16 cluster01 k0s[739]: time="2022-09-10 21:46:16" level=info msg="using api address: 192.168.1.190""
  t.like(recognize('k0s', 'time="2022-09-10 21:46:16" level=info msg="using api address: 192.168.1.190"')[0], { kind: 'api-address-selected', component: 'k0s', address: '192.168.1.190', defaulted: false });
  const [sans] = recognize('k0s', 'time="2022-09-10 21:46:16" level=info msg="using sans: [192.168.1.190 fe80::8aae:ddff:fe09:558c 192.168.1.191 127.0.0.1]"');
  t.like(sans, { kind: 'sans-configured', sans: { ip: ['192.168.1.190', 'fe80::8aae:ddff:fe09:558c', '192.168.1.191', '127.0.0.1'], dns: [] } });
});

test('k0s defaulting to 127.0.0.1 (k0s internal/pkg/iface/iface.go, logrus text form)', (t) => {
  const [e] = recognize('k0s', 'time="2024-11-20 09:27:03" level=warning msg="failed to find any non-local, non podnetwork addresses on host, defaulting public address to 127.0.0.1"');
  t.like(e, { kind: 'api-address-selected', address: '127.0.0.1', defaulted: true });
});

test('cfssl signing: the pre-1.27 stdlib form (k0sproject/k0s#2151) and the logrus form', (t) => {
  t.like(recognize('k0s', '2022/09/10 21:46:16 [INFO] signed certificate with serial number 10788042844541733629335556867900524330636297071')[0],
    { kind: 'cert-issued', component: 'k0s', serial: '10788042844541733629335556867900524330636297071' });
  t.like(recognize('k0s', 'time="2024-10-17 08:01:02" level=info msg="signed certificate with serial number 1078804284454173362933555686790052433063629707" component=cfssl')[0],
    { kind: 'cert-issued', serial: '1078804284454173362933555686790052433063629707' });
  t.deepEqual(recognize('k0s', '2022/09/10 21:46:16 [INFO] generate received request'), []);
});

// --- Go x509 ---------------------------------------------------------------------------------

test('x509 valid-for, bare (labring/sealos#1128) and behind tls: (canonical/microk8s#5383)', (t) => {
  t.like(recognize('kubectl', 'x509: certificate is valid for 127.0.0.1, 10.96.0.1, 192.168.0.118, 10.103.97.2, not 106.74.24.250')[0],
    { kind: 'tls-verify-failed', validFor: ['127.0.0.1', '10.96.0.1', '192.168.0.118', '10.103.97.2'], wanted: '106.74.24.250' });
  const microk8s = 'error: Internal error occurred: error sending request: Post "https://192.168.0.104:10250/exec/default/ubuntu/ubuntu?command=bash&input=1&output=1&tty=1": tls: failed to verify certificate: x509: certificate is valid for 192.168.0.100, 172.17.0.1, not 192.168.0.104';
  t.like(recognize('kubelet', microk8s)[0], { validFor: ['192.168.0.100', '172.17.0.1'], wanted: '192.168.0.104', component: 'kubelet' });
});

test('x509 with DNS names (os-autoinst-distri-opensuse#20758)', (t) => {
  const line = 'E1206 06:37:50.095586   15055 memcache.go:265] couldn\'t get current server API group list: Get "https://bare-metal1.oqa.prg2.suse.org:6443/api?timeout=32s": tls: failed to verify certificate: x509: certificate is valid for kubernetes, kubernetes.default, kubernetes.default.svc, kubernetes.default.svc.cluster.local, localhost, bare-metal1, not bare-metal1.oqa.prg2.suse.org';
  t.like(recognize('kubectl', line)[0], { wanted: 'bare-metal1.oqa.prg2.suse.org', validFor: ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'localhost', 'bare-metal1'] });
});

test('x509 inside a k0s-wrapped child line: component from logrus, wanted stops at the escaped quote', (t) => {
  const line = 'time="2024-11-20 09:27:40" level=info msg="E1120 09:27:40.123456    1234 reflector.go:147] failed: Get \\"https://192.168.2.10:6443/api\\": tls: failed to verify certificate: x509: certificate is valid for 127.0.0.1, 10.96.0.1, not 192.168.2.10\\"" component=kubelet stream=stderr';
  t.like(recognize('k0s', line)[0], { kind: 'tls-verify-failed', component: 'kubelet', validFor: ['127.0.0.1', '10.96.0.1'], wanted: '192.168.2.10' });
});

// --- logrus ----------------------------------------------------------------------------------

test('logrus: quoted values are unquoted Go-style, bare values kept (k0sproject/k0s#1195)', (t) => {
  const line = 'time="2021-10-15 22:12:18" level=info msg="I1015 22:12:18.522733      38 dynamic_cafile_content.go:155] \\"Starting controller\\" name=\\"request-header::/var/lib/k0s/pki/front-proxy-ca.crt\\"" component=kube-apiserver';
  t.deepEqual(parseLogrus(line), {
    time: '2021-10-15 22:12:18',
    level: 'info',
    msg: 'I1015 22:12:18.522733      38 dynamic_cafile_content.go:155] "Starting controller" name="request-header::/var/lib/k0s/pki/front-proxy-ca.crt"',
    component: 'kube-apiserver',
  });
  t.is(parseLogrus('plain text with no fields'), null);
  t.is(unquoteGo('"tab\\there \\u00e9 \\x41 \\\\"'), 'tab\there é A \\');
});
