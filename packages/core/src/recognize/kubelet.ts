import { componentFailure, type Recognizer } from './recognizer.js';

// The kubelet validating its node IP (pkg/kubelet/nodestatus/setters.go): `failed to validate nodeIP:
// node IP: "10.224.224.140" not found in the host's network interfaces`, inside klog text or a JSON
// `err` field with its quotes escaped (siderolabs/talos#8714, after the node's address changed).
const NODE_IP = /node IP: \\*"([^"\\\s]+)\\*" not found in the host's network interfaces/;

/** The kubelet's node IP is on none of the node's interfaces: it cannot set its node's status. */
export const kubelet: Recognizer = {
  id: 'kubelet',
  needles: ["not found in the host's network interfaces"],
  recognize(entry, ctx) {
    const m = NODE_IP.exec(entry.message);
    if (m) componentFailure(ctx, entry, 'node-ip-not-found', { component: 'kubelet', subject: m[1]!, error: null });
  },
};
