import { avahi } from './avahi.js';
import { bindFailures } from './bind.js';
import { cloudInit } from './cloud-init.js';
import { dhclient } from './dhclient.js';
import { dhcpcd } from './dhcpcd.js';
import { ifupdown } from './ifupdown.js';
import { ipMonitor } from './ip-monitor.js';
import { keepalived } from './keepalived.js';
import { kernel } from './kernel.js';
import { kubeVip } from './kube-vip.js';
import { networkManager } from './networkmanager.js';
import { nixos } from './nixos.js';
import { waitOnline } from './wait-online.js';
import { wicked } from './wicked.js';
import { cfssl } from './cfssl.js';
import { dynamiclistener } from './dynamiclistener.js';
import { fatal } from './fatal.js';
import { etcd } from './etcd.js';
import { errorLevelWords } from './error-lines.js';
import { kubelet } from './kubelet.js';
import { k0s } from './k0s.js';
import { apiserverServingCert, kubeadm } from './kubeadm.js';
import { microk8s, microk8sSigning } from './microk8s.js';
import { networkd } from './networkd.js';
import type { Recognizer } from './recognizer.js';
import { systemdUnits } from './systemd-units.js';
import { systemdBoot } from './systemd-boot.js';
import { timesyncd } from './timesyncd.js';
import { tlsHandshake } from './tls-handshake.js';
import { unitState } from './unit-state.js';
import { openrcServices } from './openrc.js';
import { systemctlJob } from './systemctl-job.js';
import { x509 } from './x509.js';

export type { Recognizer, RecognizeContext } from './recognizer.js';

/** Every recognizer, in the order they see an entry. */
export const RECOGNIZERS: readonly Recognizer[] = [systemdUnits, systemdBoot, networkd, k0s, cfssl, x509, tlsHandshake, kubeadm, apiserverServingCert, dynamiclistener, microk8s, microk8sSigning,
  // The network timeline (issue 5).
  networkManager, dhclient, dhcpcd, ifupdown, nixos, wicked, cloudInit, avahi, keepalived, kubeVip, kernel, ipMonitor, bindFailures, waitOnline,
  // Clock steps (issue 3).
  timesyncd,
  // Unit states from `systemctl status` (issue 14).
  unitState,
  // Services that failed under OpenRC (issue 19).
  openrcServices, systemctlJob,
  // Failures that are no unit's: a component's fatal exit, the kubelet's node IP gone, etcd without quorum (issue 19).
  fatal, kubelet, etcd,
  // Marks entries with a logrus or JSON error level (emits nothing: the builder reads error lines, error-lines.ts).
  errorLevelWords,
];
