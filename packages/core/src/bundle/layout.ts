/**
 * Support-bundle layouts known by their names (issue 18). Names help only where content cannot
 * tell: which tool made the bundle (for the manifest) and which node a file is from. The names
 * are the tools' own:
 * - sosreport: `sos_commands/<plugin>/<command>` (`sos_commands/logs/journalctl_--no-pager`,
 *   `sos_commands/systemd/systemctl_status_--all`, `sos_commands/networking/ip_-o_addr`), copies
 *   of `var/log/…` and `etc/…`.
 * - supportconfig (SUSE): `basic-environment.txt`, `boot.txt`, `messages.txt`, … each a run of
 *   `#==[ Command ]====#` / `#==[ Configuration File ]===#` / `#==[ Log File ]===#` sections.
 * - rancher2_logs_collector.sh (rancherlabs/support-tools): `systeminfo/`, `networking/`,
 *   `systemlogs/`, `journald/<unit>`, `<distro>/…`.
 * - `talosctl support` (siderolabs/talos pkg/cluster/support.go): a zip of `<node>/dmesg.log`,
 *   `<node>/controller-runtime.log`, `<node>/<service>.log`, `<node>/kube-system/<container>.log`,
 *   `cluster/kubernetesResources/…`: one directory per node.
 */
export type Layout = 'sosreport' | 'supportconfig' | 'rancher-logs-collector' | 'talosctl-support';

const TALOS_NODE_FILE = /^([^/]+)\/(?:dmesg\.log|controller-runtime\.log)$/;

export function layoutOf(names: readonly string[]): Layout | null {
  if (names.some((n) => /(?:^|\/)sos_commands\//.test(n))) return 'sosreport';
  if (names.some((n) => /(?:^|\/)(?:basic-environment|supportconfig)\.txt$/.test(n))) return 'supportconfig';
  if (names.some((n) => /(?:^|\/)journald\//.test(n)) && names.some((n) => /(?:^|\/)systeminfo\//.test(n))) return 'rancher-logs-collector';
  if (names.some((n) => TALOS_NODE_FILE.test(n))) return 'talosctl-support';
  return null;
}

/** The node a file is from where the layout says: a `talosctl support` node directory. */
export function nodeOf(layout: Layout | null, name: string): string | null {
  if (layout !== 'talosctl-support') return null;
  const top = name.split('/')[0]!;
  return name.includes('/') && top !== 'cluster' ? top : null;
}
