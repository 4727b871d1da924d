import test from 'ava';
import { analyzeText, isoLine } from './helpers/analyze.js';
import { recognize } from './helpers/recognize.js';

// Issue 19: sshd's bind failure read from what is left of its line: whole, cut by a pager, or
// ellipsized by `systemctl status`. Each line from the public report named beside it.

test('sshd: EADDRINUSE in glibc and musl words is a port in use; EADDRNOTAVAIL as before', (t) => {
  // https://github.com/termux/termux-packages/issues/6126
  t.like(recognize('sshd', 'Bind to port 8022 on 0.0.0.0 failed: Address already in use.')[0],
    { kind: 'bind-failed', address: '0.0.0.0', port: 8022, reason: 'Address already in use', inUse: true });
  // https://github.com/hassio-addons/app-ssh/issues/669 (musl)
  t.like(recognize('sshd', 'Bind to port 22 on :: failed: Address in use.')[0], { address: '::', port: 22, reason: 'Address in use', inUse: true });
  // https://github.com/NixOS/nixpkgs/issues/4748
  const missing = recognize('sshd', 'error: Bind to port 22 on 192.168.77.222 failed: Cannot assign requested address.')[0]!;
  t.like(missing, { address: '192.168.77.222', port: 22, reason: 'Cannot assign requested address' });
  t.false('inUse' in missing);
  t.false('reasonCut' in missing);
  // Another reason is no bind failure bootlens names (a wildcard's EADDRNOTAVAIL neither).
  t.is(recognize('sshd', 'error: Bind to port 22 on 10.0.0.1 failed: Permission denied.').length, 0);
  t.is(recognize('sshd', 'error: Bind to port 22 on 0.0.0.0 failed: Cannot assign requested address.').length, 0);
});

test("sshd's line cut before its reason: the failure, reasonCut, no reason; a cut that leaves one reason is that reason", (t) => {
  // https://github.com/delphix/delphix-platform/pull/147 (a pager at the terminal's width)
  const cut = recognize('sshd', 'error: Bind to port 22 on 10.43.42.64 faile')[0]!;
  t.like(cut, { kind: 'bind-failed', address: '10.43.42.64', port: 22, reason: null, reasonCut: true });
  t.false('inUse' in cut);
  // The same line cut further on: `Ca` can only be EADDRNOTAVAIL, `Address` only EADDRINUSE.
  const ca = recognize('sshd', 'error: Bind to port 22 on 10.43.42.64 failed: Ca')[0]!;
  t.false('reasonCut' in ca);
  t.false('inUse' in ca);
  t.like(recognize('sshd', 'error: Bind to port 22 on 10.43.42.64 failed: Address')[0], { inUse: true });
  // https://github.com/MichaIng/DietPi/issues/2618 (`systemctl status` ellipsized the middle: only "… in use." ends in `use.`)
  t.like(recognize('sshd', 'error: Bind to port 22 on 0.0.0.0 faile…use.')[0], { address: '0.0.0.0', port: 22, inUse: true, reason: null });
  t.like(recognize('sshd', 'error: Bind to port 22 on :: failed: Ad…use.')[0], { address: '::', inUse: true, reason: 'Ad…use.' });
  // A cut wildcard: EADDRNOTAVAIL is impossible there, but the port in use is not said: nothing.
  t.is(recognize('sshd', 'error: Bind to port 22 on 0.0.0.0 faile').length, 0);
});

test('a bind failure cut before its reason is bind-reason-cut, never bind-address-missing; the failed unit names it', async (t) => {
  // https://github.com/delphix/delphix-platform/pull/147 (its two lines), then systemd's (the helper's clock)
  const report = await analyzeText([
    isoLine(1, 'sshd[604]', 'Server listening on 127.0.0.1 port 22.'),
    isoLine(1, 'sshd[604]', 'error: Bind to port 22 on 10.43.42.64 faile'),
    isoLine(2, 'systemd[1]', "ssh.service: Failed with result 'exit-code'."),
  ].join('\n') + '\n');
  const boot = report.boots[0]!;
  t.deepEqual(boot.findings.map((f) => f.rule).sort(), ['bind-reason-cut', 'unit-failed']);
  const cut = boot.findings.find((f) => f.rule === 'bind-reason-cut')!;
  t.like(cut, { severity: 'error', summary: 'sshd (ssh.service) could not bind 10.43.42.64:22; the line is cut before the reason; the unit failed' });
  t.regex(cut.remediation, /EADDRNOTAVAIL/);
  t.regex(cut.remediation, /EADDRINUSE/);
  t.regex(boot.findings.find((f) => f.rule === 'unit-failed')!.summary, /cut before the reason/);
  t.like(boot.failedUnits?.[0]?.cause, { kind: 'bind-failed', reasonCut: true, address: '10.43.42.64' });
});
