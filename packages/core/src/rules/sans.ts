import { canonicalIp, dnsMatches, kindOfName } from '../certs/names.js';
import type { SanSet } from '../model/event.js';

/** Whether a SAN set holds an address or name (IPv6 in any spelling, DNS wildcards for one label). */
export function holds(sans: SanSet, name: string): boolean {
  const n = canonicalIp(name);
  return kindOfName(n) === 'ip' ? sans.ip.some((ip) => canonicalIp(ip) === n) : sans.dns.some((d) => dnsMatches(d, n));
}

/** The distribution a component name points at, for remediation. */
export function distributionOf(component: string | null | undefined): 'k0s' | 'k3s' | 'rke2' | 'kubeadm' | 'microk8s' | null {
  const c = (component ?? '').toLowerCase();
  if (c.startsWith('k0s')) return 'k0s';
  if (c.startsWith('rke2')) return 'rke2';
  if (c.startsWith('k3s')) return 'k3s';
  if (c.startsWith('microk8s')) return 'microk8s';
  if (c.startsWith('kubeadm') || c === 'kube-apiserver' || c === 'kubelet') return 'kubeadm';
  return null;
}
