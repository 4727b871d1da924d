import { isIP } from 'node:net';

/** An IP address in one spelling: IPv6 lower-case and compressed (`0:0:0:0:0:0:0:1` → `::1`); other text as is. */
export function canonicalIp(text: string): string {
  const bare = text.replace(/^\[|\]$/g, '');
  const v = isIP(bare);
  if (v === 4) return bare;
  if (v === 6) {
    try {
      return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
    } catch {
      return bare.toLowerCase();
    }
  }
  return text;
}

export function kindOfName(name: string): 'ip' | 'dns' {
  return isIP(name.replace(/^\[|\]$/g, '')) ? 'ip' : 'dns';
}

/** Whether a DNS SAN covers a name: equal ignoring case, or a `*.` wildcard for exactly one label. */
export function dnsMatches(san: string, name: string): boolean {
  const s = san.toLowerCase().replace(/\.$/, '');
  const n = name.toLowerCase().replace(/\.$/, '');
  if (s === n) return true;
  if (!s.startsWith('*.')) return false;
  const dot = n.indexOf('.');
  return dot > 0 && n.slice(dot + 1) === s.slice(2);
}
