import test from 'ava';
import { pasteMarkup } from '../packages/core/src/parse/chrome.js';
import { analyzeText } from './helpers/analyze.js';

// What a paste wraps its log lines in (issue 15): understood, not skipped, and never log.

test('fences, prompts with their command, elisions and pager lines are paste markup', (t) => {
  for (const line of [
    '```', '````', '```bash', '```txt', '~~~', '#+END_SRC',
    // https://github.com/neilbrown/gnubee-tools/issues/15
    'root@gnubee:~# systemctl status networking',
    '$ sudo journalctl -fu kubelet',
    '# journalctl -u k3s | grep \'k3s-serving\\|CN=k3s,O=k3s\'',
    '[root@kubem1 ~]# kubeadm init --kubernetes-version=v1.10.4',
    '`[kc@k3s-master ~]$ sudo systemctl status k3s',
    'root@rep-dhcp-1 [ ~ ]# journalctl -u cloud-init',
    '~ » sudo systemctl status chronyd',
    'nodeA$ sudo journalctl --list-boots',
    'sudo systemctl status nginx',
    'pi@BenchPi3BPlus:~ $',
    // https://github.com/k3s-io/k3s/issues/6368 (less's status line, then the author's elisions)
    'lines 1-45...skipping...', '...', '[...]', 'lines 1118-1140/1140 (END)',
    // https://github.com/coreos/bugs/issues/1767, systemd/systemd#2342, distro-delves#95
    '[stg] root@k8s1-5 system # journalctl -o short-precise -u systemd-udevd.service | head -n2', '[stg] root@k8s1-5 system #',
    '<pre>...', '...</pre>', '`',
    // k0sproject/k0s#1035, canonical/snapd#7681 (set -x), archlinuxarm#1091 (emphasis)
    'rc-service k0scontroller start', '+ systemctl restart systemd-journald.service', 'date',
    '_[root@gf2 ~]# **systemctl status chrony.service**',
    // rke2#700 and kube-vip#996 (headings), puppetlabs/kubernetes#83 (a caption), minikube#15493 (options continued)
    '## server-1 log', '==========================================', 'Kubelet:',
    '--apiserver-advertise-address=172.19.28.48 \\', '--kubernetes-version v1.26.0 \\', '--pod-network-cidr=10.244.0.0/16',
    // rke2#8381, systemd#6488: `date` and `uptime` output
    'Tue Jul 21 12:46:29 UTC 2026', 'Sun Jul 30 18:05:47 PDT 2017', ' 18:05:28 up 10 min,  1 user,  load average: 0.00, 0.00, 0.00',
    // systemd#2884: `cat /proc/sys/kernel/random/boot_id`'s output; a machine id as /etc/machine-id holds it
    // etcd-io/etcd#15740: a caption naming the log below it
    '[master node] 192.16.0.1 etcd log', 'kubelet logs:', 'dmesg output',
    '4860f8a9-014c-4da9-866c-f323fc4373c3', '4860f8a9014c4da9866cf323fc4373c3', 'Failed to look up boot -50: Cannot assign requested address',
  ]) t.true(pasteMarkup(line), line);
  for (const line of [
    'Jun 22 11:12:01 Mayan k3s[1600]: time="2018-06-22T11:12:01Z" level=error msg="CA cert validation failed"',
    'failed to load listeners: listen tcp 192.168.1.101:2376: bind: cannot assign requested address',
    '[  OK  ] Reached target Network.', 'date is wrong', 'Error from server: Get "https://10.240.0.23:10250/"',
    '... and then it failed', 'k3s is not starting',
    'Kubelet: failed to start', 'error: cannot write log', '# a comment', 'date is Tue Jul 21', '-- Boot 7c1e4f5a9b2d4c3e8f6a1b0c9d8e7f60 --', '--flag --- -',
  ]) t.false(pasteMarkup(line), line);
});

test('a fenced paste with its prompt: the markup is understood, the log read, prose still skipped', async (t) => {
  // https://github.com/neilbrown/gnubee-tools/issues/15 (shape), lines from k3s-io/k3s#6368
  const report = await analyzeText([
    '```',
    '$ journalctl -u k3s',
    'Jun 22 11:12:01 Mayan k3s[1600]: I0622 11:12:01.963359    1600 instance.go:574] API group "internal.apiserver.k8s.io" is not enabled, skipping.',
    '...',
    'Jun 22 11:12:02 Mayan k3s[1600]: W0622 11:12:02.119655    1600 genericapiserver.go:656] Skipping API authentication.k8s.io/v1beta1 because it has no resources.',
    'and here it stops',
    '```',
  ].join('\n'), 'k3s.log', { year: 2023 });
  t.like(report.inputs[0], { lines: 7, parsed: 6, skipped: 1, entries: 2 });
  t.is(report.diagnostics.filter((d) => d.code === 'not-log').map((d) => d.line).join(), '6');
});

test('markup alone is no log: the input is still refused', async (t) => {
  await t.throwsAsync(analyzeText('```\n$ journalctl -u k3s\n...\n```\n'), { message: /not a journal bootlens can read/ });
});
