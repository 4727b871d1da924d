/**
 * An injection corpus for every renderer: terminal escapes (CSI, OSC 8 links and titles with BEL
 * or ST, 8-bit C1), C0 controls, lone carriage returns, bidi overrides, HTML and Markdown that
 * would run or restructure a page. `hostileJournal` puts it where log text reaches the renderers.
 */
export const CORPUS: readonly string[] = [
  '\x1b[2J\x1b[H',                                   // CSI: clear screen, cursor home
  '\x1b[31mred\x1b[0m',                              // CSI: SGR colour
  '\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07', // OSC 8 hyperlink, BEL-terminated
  '\x1b]0;owned title\x1b\\',                         // OSC 0 title, ST-terminated
  '\x1bPqdcs\x1b\\',                                 // DCS
  '\x9b2J\x9d0;c1 title\x9c',                        // 8-bit C1 CSI / OSC / ST
  'before\rAFTER',                                   // lone CR: overwrite the line
  'bell\x07back\x08space\x00nul\x7fdel\x0bvt\x0cff',
  'bidi \u202eevil\u202c \u2066iso\u2069',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '</script><script>alert(3)</script>',
  '"><svg onload=alert(4)>',
  "' onmouseover='alert(5)",
  '[link](javascript:alert(6)) ![img](http://evil/x.png)',
  '| cell | break |',
  '```\n# heading from a log\n```',
  '<!-- comment',
  '&lt;entity&gt;',
  '\u2028line\u2029separators',
];

/** Every corpus entry on one line, for places that take one token or one line. */
export const HOSTILE = CORPUS.join(' ');

/** Characters no terminal text may carry raw: C0 (but newline), DEL, C1, bidi controls. */
export const TERMINAL_UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/**
 * A json journal (json keeps raw control bytes, which pastes lose to ANSI stripping) of a real race:
 * network-online before the address, k0s signing before it, a unit starting and finishing, a TLS
 * client failing. The corpus is in hostnames, identifiers, unit names, interface names, messages.
 */
export function hostileJournal(boot = '7c1e4f5a9b2d4c3e8f6a1b0c9d8e7f60', skew = 0): string {
  const token = HOSTILE.replace(/[\s:[\]/.]/g, '');
  const iface = `eth0${token}`;
  const unit = `evil${token}.service`;
  let mono = 2_000_000;
  const line = (identifier: string, message: string, extra: Record<string, string> = {}) => {
    mono += 400_000 + skew;
    return JSON.stringify({
      __REALTIME_TIMESTAMP: String(1732094820000000 + mono), __MONOTONIC_TIMESTAMP: String(mono), _BOOT_ID: boot,
      _HOSTNAME: `node${token}`, SYSLOG_IDENTIFIER: identifier, _PID: '1', MESSAGE: message, ...extra,
    });
  };
  return [
    line('systemd', `Starting ${unit} - ${HOSTILE}...`, { UNIT: unit }),
    line('systemd', 'Reached target network-online.target - Network is Online.'),
    line('systemd', `Started ${unit} - ${HOSTILE}.`, { UNIT: unit }),
    line('k0s', `time="2024-11-20 09:27:03" level=info msg="failed to find any non-local, non podnetwork addresses on host, defaulting public address to 127.0.0.1 ${HOSTILE}" component=${token}`),
    line('k0s', `time="2024-11-20 09:27:04" level=info msg="signed certificate with serial number 1 ${HOSTILE}" component=cfssl`),
    line('systemd-networkd', `${iface}: Gained carrier`),
    line('systemd-networkd', `${iface}: DHCPv4 address 192.168.2.10/24, gateway 192.168.2.1 acquired from 192.168.2.1 ${HOSTILE}`),
    line(`kubelet${token}`, `E1120 09:27:41.613170 1158 reflector.go:561] Get "https://192.168.2.10:6443/api": tls: failed to verify certificate: x509: certificate is valid for 127.0.0.1, 10.96.0.1, not 192.168.2.10 ${HOSTILE}`),
    line(token, HOSTILE),
  ].join('\n') + '\n';
}
