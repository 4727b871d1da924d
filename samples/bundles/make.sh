#!/usr/bin/env bash
# Makes the sample support bundles (issue 18) from the sample journals of one scenario,
# samples/journals/k0s-reboot-race (machine k0s-ctrl-1), with the file names and formats of the
# tools that collect them. Nothing here is written by hand but the k0s.yaml each node had (the
# `k0s config create` layout with the node's address) and the section headers supportconfig prints.
#
#   sosreport-k0s-ctrl-1-2024-11-20-xkqwzfa.tar.xz   sos report (sos 4.x: tar.xz, one top directory)
#   scc_k0s-ctrl-1_241120_0930.txz                     SUSE supportconfig (sections in *.txt files)
#   k0s-ctrl-1-node-dir.tar.gz                        a directory scp'd from the node: /var/log/journal,
#                                                     /etc/k0s/k0s.yaml, /var/lib/k0s/pki
#   k0s-ctrl-1-2024-11-20_09_30_00.tar.gz             rancher2_logs_collector.sh (rancherlabs/support-tools)
#   support.zip                                       `talosctl support -n 192.168.2.10` (talosctl's default name)
# The journalctl renderings made here (rancher journald/, talos node files) are the real journalctl's
# (`LC_ALL=C.UTF-8 TZ=UTC journalctl --file …`, as samples/journals/README.md), never edited.
# Archives are made deterministic (sorted names, mtime 0, owner 0) so re-running changes nothing.
set -euo pipefail
cd "$(dirname "$0")"
J=../journals
C=../certs/k0s-reboot-race
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TAR=(tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner)

k0s_yaml() {
  cat <<'YAML'
apiVersion: k0s.k0sproject.io/v1beta1
kind: ClusterConfig
metadata:
  name: k0s
spec:
  api:
    address: 192.168.2.10
    k0sApiPort: 9443
    port: 6443
    sans:
    - 192.168.2.10
  network:
    provider: kuberouter
    podCIDR: 10.244.0.0/16
    serviceCIDR: 10.96.0.0/12
YAML
}

# --- sosreport: sos_commands/<plugin>/<command as file name>, copies of /etc and /var/log ---------
s="$tmp/sosreport-k0s-ctrl-1-2024-11-20-xkqwzfa"
mkdir -p "$s/sos_commands/logs" "$s/sos_commands/systemd" "$s/sos_commands/host" "$s/etc/k0s" \
  "$s/var/log/journal/0b3f1e7a5c2d4e6f8a9b1c2d3e4f5a6b" "$s/var/lib/k0s/pki"
cp "$J/k0s-reboot-race.short" "$s/sos_commands/logs/journalctl_--no-pager"
cp "$J/k0s-reboot-race.short" "$s/sos_commands/logs/journalctl_--no-pager_--boot"
cp "$J/k0s-reboot-race-status.log" "$s/sos_commands/systemd/systemctl_status_--all"
cp "$J/k0s-reboot-race.journal" "$s/var/log/journal/0b3f1e7a5c2d4e6f8a9b1c2d3e4f5a6b/system.journal"
echo k0s-ctrl-1 > "$s/sos_commands/host/hostname"
k0s_yaml > "$s/etc/k0s/k0s.yaml"
cp "$C/server.crt" "$s/var/lib/k0s/pki/server.crt"
"${TAR[@]}" -C "$tmp" -cf - "$(basename "$s")" | xz -9 -T1 > sosreport-k0s-ctrl-1-2024-11-20-xkqwzfa.tar.xz

# --- supportconfig: each *.txt a run of `#==[ Command ]===#` sections --------------------------------
c="$tmp/scc_k0s-ctrl-1_241120_0930"
mkdir -p "$c"
section() { printf '#==[ %s ]======================================#\n# %s\n' "$1" "$2"; cat; echo; }
{ echo 'Linux k0s-ctrl-1 6.1.0-26-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.112-1 (2024-09-30) x86_64 GNU/Linux' | section Command '/bin/uname -a'; } > "$c/basic-environment.txt"
{ section Command '/usr/bin/journalctl --no-pager' < "$J/k0s-reboot-race.short"; } > "$c/messages.txt"
{ section Command '/usr/bin/systemctl status k0scontroller.service' < "$J/k0s-reboot-race-status.log"; } > "$c/systemd-status.txt"
{ k0s_yaml | section 'Configuration File' '/etc/k0s/k0s.yaml'; } > "$c/k0s.txt"
"${TAR[@]}" -C "$tmp" -cf - "$(basename "$c")" | xz -9 -T1 > scc_k0s-ctrl-1_241120_0930.txz

# --- a node directory as someone copied it, tar.gz ---------------------------------------------------
d="$tmp/k0s-ctrl-1"
mkdir -p "$d/var/log/journal/0b3f1e7a5c2d4e6f8a9b1c2d3e4f5a6b" "$d/etc/k0s" "$d/var/lib/k0s/pki"
cp "$J/k0s-reboot-race.journal" "$d/var/log/journal/0b3f1e7a5c2d4e6f8a9b1c2d3e4f5a6b/system.journal"
k0s_yaml > "$d/etc/k0s/k0s.yaml"
cp "$C/server.crt" "$d/var/lib/k0s/pki/server.crt"
"${TAR[@]}" -C "$tmp" -cf - k0s-ctrl-1 | gzip -n -9 > k0s-ctrl-1-node-dir.tar.gz

# --- rancher2_logs_collector.sh: `tar -czf <hostname>-<date>.tar.gz -C <tmp> .` of one directory --------
# What the script collects, with its names: systeminfo/hostname (`hostname`), systemlogs/ (copies of
# /var/log/syslog*, messages*, kern*, …: here /var/log/syslog as rsyslog wrote it, the scenario's
# k0s-reboot-race.rsyslog.log), journald/<unit> (`journalctl --unit=<unit> --since "7 days ago"`, default
# short mode). Differences from a real run on this node: the script's JOURNALD_LOGS list (docker k3s
# rke2-agent rke2-server containerd cloud-init systemd-network kubelet kubeproxy rancher-system-agent)
# has no k0s unit, so this is a run with `k0scontroller` added to that list; `--since` is left out
# (relative to the run's time, it covered the whole journal; relative to today it covers nothing).
# The script detects no k3s/rke2/rke on a k0s node, so there is no <distro>/ directory (no k0s.yaml,
# no certificates: the script keeps certificates as `openssl x509 -text` output anyway), and the
# many other systeminfo/ and networking/ command outputs, summary.txt, versions and
# collector-output.log are not made here.
r="$tmp/rancher"
l="$r/k0s-ctrl-1-2024-11-20_09_30_00"
mkdir -p "$l/systeminfo" "$l/systemlogs" "$l/journald"
echo k0s-ctrl-1 > "$l/systeminfo/hostname"
cp "$J/k0s-reboot-race.rsyslog.log" "$l/systemlogs/syslog"
LC_ALL=C.UTF-8 TZ=UTC journalctl --file "$J/k0s-reboot-race.journal" --no-pager --unit=k0scontroller > "$l/journald/k0scontroller"
"${TAR[@]}" -C "$r" -cf - . | gzip -n -9 > k0s-ctrl-1-2024-11-20_09_30_00.tar.gz

# --- talosctl support: a zip with one directory per node (siderolabs/go-talos-support) --------------
# <node>/dmesg.log (the kernel ring buffer), <node>/<service>.log (each service's log). This is not
# a Talos machine: the node's journal is split by the real journalctl into the files a talos node
# has, and what differs from a real bundle is said here. dmesg.log: `journalctl -k` (kernel
# transport, here with systemd's early kmsg lines, as dmesg has them), in short-iso-precise mode where
# talos prints `<facility>: <level>: [<time>]: <message>`. machined.log: the init system's own
# messages (systemd, PID 1, in the role of Talos's PID 1 machined). k0scontroller.log and
# systemd-networkd.log: the scenario's services (a talos node has apid, trustd, etcd, kubelet, … and
# its networking inside machined); talos service logs are the services' own lines, not journalctl
# output, so these keep journalctl's `host ident[pid]:` prefix. Not made: controller-runtime.log,
# kube-system/<pod>.log, the COSI resources, mounts, processes, io-stats, summary and the cluster/
# Kubernetes manifests. Zip made deterministic: sorted names, all times 1980-01-01, no extra fields.
t="$tmp/talos"
n="$t/192.168.2.10"
mkdir -p "$n"
jc() { LC_ALL=C.UTF-8 TZ=UTC journalctl --file "$J/k0s-reboot-race.journal" --no-pager -o short-iso-precise "$@"; }
jc -k > "$n/dmesg.log"
jc _PID=1 _TRANSPORT=journal > "$n/machined.log"
jc _SYSTEMD_UNIT=k0scontroller.service > "$n/k0scontroller.log"
jc _SYSTEMD_UNIT=systemd-networkd.service > "$n/systemd-networkd.log"
rm -f support.zip
(cd "$t" && find . -exec touch -h -d '1980-01-01 00:00:00' {} + &&
  find 192.168.2.10 | LC_ALL=C sort | TZ=UTC zip -X -D -9 -q "$OLDPWD/support.zip" -@)

ls -l sosreport-*.tar.xz scc_*.txz k0s-ctrl-1-node-dir.tar.gz k0s-ctrl-1-2024-11-20_09_30_00.tar.gz support.zip
