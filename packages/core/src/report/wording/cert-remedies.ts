import { distributionOf } from '../../rules/sans.js';

/**
 * How to get an address into a distribution's serving certificate, for good (configuration) and
 * now (re-issue). Numbered from `start`; each item one string.
 */
export function certRemedies(component: string | null, address: string, start: number): string[] {
  const n = (i: number) => `  ${start + i}.`;
  const list = `[${address}]`;
  switch (distributionOf(component)) {
    case 'k0s':
      return [
        `${n(0)} Pin the address in k0s.yaml so the certificate does not depend on timing: spec.api.address: ${address} and spec.api.sans: ${list}` +
          ' (spec.api.externalAddress for a load-balancer name).',
        `${n(1)} Repair this node now: systemctl restart k0scontroller (or k0s stop && k0s start); k0s re-signs its certificates on every start.`,
      ];
    case 'k3s':
    case 'rke2': {
      const d = distributionOf(component)!;
      return [
        `${n(0)} Name the address in /etc/rancher/${d}/config.yaml: tls-san: ${list} and node-ip: ${address} (or --tls-san ${address} --node-ip ${address}), then systemctl restart ${d === 'k3s' ? 'k3s' : 'rke2-server'}.`,
        `${n(1)} If the certificate still lacks it: kubectl -n kube-system delete secret ${d}-serving; rm /var/lib/rancher/${d}/server/tls/dynamic-cert.json; systemctl restart ${d === 'k3s' ? 'k3s' : 'rke2-server'} (dynamiclistener signs a new one).`,
      ];
    }
    case 'kubeadm':
      return [
        `${n(0)} Re-issue the API server certificate with the address: move the old pair away (mv /etc/kubernetes/pki/apiserver.{crt,key} /root/), then ` +
          `kubeadm init phase certs apiserver --apiserver-advertise-address ${address} --apiserver-cert-extra-sans ${address}, and restart kube-apiserver ` +
          '(move /etc/kubernetes/manifests/kube-apiserver.yaml out of the directory and back).',
        `${n(1)} Keep it for upgrades: add ${address} to apiServer.certSANs in the kubeadm-config ConfigMap (kubectl -n kube-system edit cm kubeadm-config).`,
      ];
    case 'microk8s':
      return [
        `${n(0)} Add the address to /var/snap/microk8s/current/certs/csr.conf.template under [ alt_names ] (IP.99 = ${address}); ` +
          'the apiserver-kicker re-signs server.crt when the CSR changes (or: sudo microk8s refresh-certs --cert server.crt).',
        `${n(1)} To stop following address changes, pin --advertise-address in /var/snap/microk8s/current/args/kube-apiserver and restart: microk8s stop; microk8s start.`,
      ];
    default:
      return [`${n(0)} Re-issue the serving certificate with ${address} among its subject alternative names, and restart the server that serves it.`];
  }
}
