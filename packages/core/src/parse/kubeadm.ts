import { componentChrome, componentEntry, NoTimeNote } from './component.js';
import type { LineReaderFactory } from './reader.js';

// `kubeadm init`/`join`/`reset`/`upgrade` print their progress to stdout, one phase tag per line
// (kubernetes/kubeadm#2699, #1380, #947):
//   `[init] Using Kubernetes version: v1.13.2`, `[certs] apiserver serving cert is signed for DNS names […] and IPs […]`,
//   `[certificates] Generated apiserver certificate and key.` (≤ 1.12), `[kubelet-start] Writing kubelet environment file …`,
//   `[preflight/images] Pulling images …` (1.11), and the preflight checks' `\t[WARNING SystemVerification]: …`.
// The phases of kubeadm ≤ 1.10 to today (`[certificates]` and `[markmaster]` are the old names of `[certs]` and
// `[mark-control-plane]`), each optionally with a sub-phase (`[preflight/images]`, `[upgrade/apply]`).
export const KUBEADM_LINE = /^(?:\[(?:init|join|reset|upgrade|preflight|certs|certificates|kubeconfig|kubelet|kubelet-start|kubelet-check|kubelet-finalize|control-plane|controlplane|control-plane-join|control-plane-prepare|etcd|wait-control-plane|apiclient|upload-config|uploadconfig|upload-certs|mark-control-plane|markmaster|bootstrap-token|bootstraptoken|addons|addon|discovery|patches|endpoint|tlsbootstrap|config|check-etcd|dryrun|self-hosted|download-certs|wait-bootstrap|certs-renew|kubelet-wait-bootstrap|healthcheck)(?:\/[\w-]+)*\] |\[(?:WARNING|ERROR) [\w.-]+\]: )/;
const WARNING = /^\[WARNING /;
const ERROR = /^(?:\[ERROR |error execution phase )/;

/**
 * `kubeadm` output. Its lines carry no time: entries are read in input order (a `no-time`
 * diagnostic says so). The identifier is `kubeadm`, as the lines are its own. The region is loose
 * (formats.ts): the lines kubeadm prints between its phase lines (`Your Kubernetes control-plane
 * has initialized successfully!`, the `kubeadm join …` command) are its entries too, up to a line
 * another format claims (the klog lines of `--v=5`, a journal).
 */
export const kubeadmReader: LineReaderFactory = (options) => {
  const noTime = new NoTimeNote('kubeadm output');
  return {
    format: 'kubeadm',
    line(text, lineNo, sink) {
      if (componentChrome(text, lineNo, sink)) return true;
      const line = text.trim();
      noTime.note(lineNo, sink);
      const priority = WARNING.test(line) ? 4 : ERROR.test(line) ? 3 : null;
      sink.entry(componentEntry(options.path, lineNo, line, null, 'kubeadm', priority));
      return true;
    },
    finish() {},
  };
};
