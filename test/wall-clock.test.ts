import test from 'ava';
import { analyze, type Report, type TimelineEvent } from '@bootlens/core';
import { sinceBootUs } from '../packages/core/src/timeline/time.js';

// Issue 14, item 3: time when there is no monotonic clock. Input with wall-clock time only is in
// the order it was logged; a wall-clock step re-anchors the stamps after it so that the boot's axis
// stays continuous, and the clock-step finding says by how much. Input with no time at all gives
// findings that say their evidence is order.

const OPTIONS = { timeZone: 'UTC' } as const;
const lines = (report: Report) => report.boots[0]!.events.map((e) => e.source.line);
const since = (report: Report, e: TimelineEvent) => sinceBootUs(e, report.boots[0]!);

test('timesyncd restores a recorded time two days ahead: the stamps after it are re-anchored, the step is measured (systemd#8719)', async (t) => {
  // systemd/systemd#8719 (test/corpus/clock/systemd-8719-timesyncd-restore-recorded-timestamp-pi.log).
  const report = await analyze([{ path: 'timesyncd.log', content: [
    '-- Logs begin at Fri 2018-03-23 06:56:58 AEST, end at Sun 2018-04-15 09:43:32 AEST. --',
    'Apr 13 12:27:09 pi2 systemd[1]: Starting Network Time Synchronization...',
    'Apr 13 12:27:10 pi2 systemd-timesyncd[227]: System clock time unset or jumped backwards, restoring from recorded timestamp: Sun 2018-04-15 09:20:21 AEST',
    'Apr 15 09:20:21 pi2 systemd-timesyncd[227]: Added new server 0.arch.pool.ntp.org.',
    'Apr 15 09:20:21 pi2 systemd[1]: Started Network Time Synchronization.',
  ].join('\n') }], { ...OPTIONS, year: 2018 });
  const boot = report.boots[0]!;
  t.is(boot.timeBasis, 'realtime');
  t.deepEqual(lines(report), [2, 3, 5]);
  const [starting, step, started] = boot.events;
  t.is(since(report, starting!), 0);
  t.is(since(report, step!), 1_000_000);
  // Two days on the stamps, no time at all on the boot's axis: the unit did not take two days to start.
  t.is(started!.clockShiftUs, -161_591_000_000);
  t.is(since(report, started!), 1_000_000);
  const finding = boot.findings.find((f) => f.rule === 'clock-step')!;
  t.like(finding.details, { stepUs: 161_591_000_000, via: 'systemd-timesyncd', stepAtMs: 1000 });
  t.is(finding.basis, undefined);
});

test('stamps that go back with no NTP client saying so: a step the stamps show, the input order kept (bazzite#5094)', async (t) => {
  // ublue-os/bazzite#5094 (test/corpus/kernel/bazzite-5094-journal-kernel-host-clock-change.log).
  const report = await analyze([{ path: 'journal.log', content: [
    'Jun 14 10:05:53 bazzite kernel: usb 1-6: Manufacturer: Realtek',
    'Jun 14 10:05:53 bazzite kernel: ata4: SATA link down (SStatus 0 SControl 300)',
    'Jun 14 09:06:01 Thot kernel: SELinux:  policy capability genfs_seclabel_symlinks=1',
  ].join('\n') }], { ...OPTIONS, year: 2024 });
  const boot = report.boots[0]!;
  t.is(boot.firstRealtime, '2024-06-14T10:05:53.000000Z');
  const step = boot.events.find((e) => e.kind === 'clock-step')!;
  t.like(step, { via: 'journal', stepUs: -3_592_000_000, clockShiftUs: 3_592_000_000 });
  t.is(since(report, step), 0);
  t.like(boot.findings.find((f) => f.rule === 'clock-step')!.details, { stepUs: -3_592_000_000, stepAtMs: 0, offFrom: '2024-06-14T10:05:53.000000Z' });
});

test('input without any time: findings that need only order fire and say their basis is order (k0s-reboot-race as cat)', async (t) => {
  const cat = await analyze([new URL('../samples/journals/k0s-reboot-race.cat', import.meta.url).pathname], { ...OPTIONS, inputFormat: 'cat' });
  t.is(cat.boots[0]!.timeBasis, 'input-order');
  t.true(cat.boots[0]!.findings.length > 0);
  t.true(cat.boots[0]!.findings.every((f) => f.basis === 'order'));
  const timed = await analyze([new URL('../samples/journals/k0s-reboot-race.short-iso-precise', import.meta.url).pathname], OPTIONS);
  t.true(timed.boots.flatMap((b) => b.findings).every((f) => f.basis === undefined));
});
