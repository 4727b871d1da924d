import test from 'ava';
import { analyzeText, eventsOf } from './helpers/analyze.js';

// journalctl lines pasted without their time and host columns (issue 15).

test('sshd[pid]: lines without time or host are read, attributed, in input order (NixOS/nixpkgs#4748)', async (t) => {
  // https://github.com/NixOS/nixpkgs/issues/4748
  const report = await analyzeText([
    '```',
    'sshd[1822]: error: Bind to port 64022 on 1.1.1.1 failed: Cannot assign requested address.',
    'sshd[1822]: error: Bind to port 22 on 192.168.77.222 failed: Cannot assign requested address.',
    'sshd[1822]: fatal: Cannot bind any address.',
    '```',
  ].join('\n'), 'sshd.log');
  t.like(report.inputs[0], { format: 'identifier-only', lines: 5, parsed: 5, skipped: 0, entries: 3 });
  t.deepEqual(eventsOf(report).filter((e) => e.kind === 'bind-failed').map((e) => e.kind === 'bind-failed' && `${e.program} ${e.address}:${e.port}`), ['sshd 1.1.1.1:64022', 'sshd 192.168.77.222:22']);
  t.true(report.diagnostics.some((d) => d.code === 'no-time-host'));
});

test('kernel: without a pid, networkd with one, indented, a space before the pid (systemd#7143, #6441)', async (t) => {
  // https://github.com/systemd/systemd/issues/7143
  const renames = await analyzeText(['kernel: tg3 0000:02:00.1 eno2: renamed from eth1', 'systemd-networkd[618]: idrac: Renamed to eth0'].join('\n'));
  t.deepEqual(eventsOf(renames).map((e) => e.kind === 'interface-renamed' && `${e.via} ${e.formerName}->${e.interface}`), ['kernel eth1->eno2', 'systemd-networkd idrac->eth0']);
  // https://github.com/systemd/systemd/issues/6441
  const indented = await analyzeText('    systemd-networkd-wait-online [1132]: Event loop failed: Connection timed out\n');
  t.like(indented.inputs[0], { format: 'identifier-only', skipped: 0 });
});

test('among tagged lines, systemd\'s lines with the tag cut too: a unit\'s messages and a job\'s (systemd#6441)', async (t) => {
  // https://github.com/systemd/systemd/issues/6441 (indented four spaces, as pasted)
  const report = await analyzeText([
    '    systemd-networkd-wait-online [1132]: Event loop failed: Connection timed out',
    '    systemd-networkd-wait-online.service: Main process exited, code = exited, status = 1 / FAILURE',
    '    systemd-networkd-wait-online.service: Failed with result \'exit-code\'.',
    '    Failed to start Wait for Network to be Configured.',
    '    systemd-networkd-wait-online.service has failed',
    '    and then nothing worked',
  ].join('\n'));
  t.like(report.inputs[0], { format: 'identifier-only', lines: 6, skipped: 1, entries: 5 });
  const failed = eventsOf(report).filter((e) => e.kind === 'unit-job' && e.phase === 'failed');
  t.true(failed.some((e) => e.kind === 'unit-job' && e.unit === 'systemd-networkd-wait-online.service' && e.result === 'exit-code'));
  t.true(report.boots[0]!.findings.some((f) => f.rule === 'unit-failed'));
  // Alone, such lines are no tagged journal: a unit's name first is not enough to read prose as one.
  const alone = await analyzeText('foo.service: this is what I see\nand then nothing\n').catch((e: Error) => e);
  t.true(alone instanceof Error);
});

test('a sentence with a colon is not a tag: Error:, Warning:, prose stay no log', async (t) => {
  // https://github.com/redis/redis/issues/8832 (the line, alone)
  // Not identifier-only: the line has no `ident[pid]:`. Alone it is no log format at all, yet it holds a
  // message bootlens knows, so it is read as a bare message (read-inputs.ts), its program unknown.
  const redis = await analyzeText('Warning: Could not create server TCP listening socket ::1:6379: bind: Cannot assign requested address\n');
  t.is(redis.inputs[0]!.format, 'cat');
  t.true(redis.boots[0]!.events.every((e) => e.identifier === null));
  await t.throwsAsync(analyzeText('Error: something failed\nNote: see above\n'), { message: /not a journal/ });
});
