import test from 'ava';
import { join } from 'node:path';
import { analyze, readInput, type ListedBoot } from '@bootlens/core/internal';
import { analyzeText } from './helpers/analyze.js';
import { ROOT } from './helpers/cli.js';

// Issue 14: `journalctl --list-boots` pastes become boots with their first and last times. The
// listings are quoted from the public reports named above them (test/corpus/list-boots/ keeps them).

async function listed(text: string, timeZone = 'UTC') {
  const rows: ListedBoot[] = [];
  const result = await readInput({ path: 'paste', content: text }, { entry: () => {}, bootMarker: () => {}, bootListed: (b) => rows.push(b) }, { timeZone });
  return { rows, ...result };
}

const iso = (y: number, mo: number, d: number, h: number, mi: number, s: number) => new Date(Date.UTC(y, mo - 1, d, h, mi, s)).toISOString().replace('.000Z', '.000000Z');

test('the old layout: offset, id, first—last with the zone glued to the em dash (systemd#17326)', async (t) => {
  const paste = [
    '```',
    'nodeA$ sudo journalctl --list-boots',
    '-2 9ed946320a354306b6d94071198f130b Mon 2020-10-12 21:43:58 CEST—Mon 2020-10-12 21:45:42 CEST',
    '-1 132fe52e87384afaa4ef83afa967a982 Mon 2020-10-12 21:46:33 CEST—Mon 2020-10-12 21:55:27 CEST',
    ' 0 bde6e48dd6084030856f26129514ee03 Mon 2020-10-12 21:56:18 CEST—Mon 2020-10-12 21:56:36 CEST',
  ].join('\n');
  const r = await listed(paste);
  t.is(r.summary.format, 'list-boots');
  t.is(r.summary.lines, r.summary.parsed + r.summary.skipped);
  t.is(r.summary.skipped, 0, 'the fence and the command are paste markup (issue 15)');
  t.deepEqual(r.rows.map((b) => [b.offset, b.bootId, b.source.line]), [
    [-2, '9ed946320a354306b6d94071198f130b', 3], [-1, '132fe52e87384afaa4ef83afa967a982', 4], [0, 'bde6e48dd6084030856f26129514ee03', 5],
  ]);
  t.is(r.rows[0]!.firstRealtimeUs, Date.UTC(2020, 9, 12, 19, 43, 58) * 1000, 'CEST is +02:00');
  t.is(r.rows[0]!.lastRealtimeUs, Date.UTC(2020, 9, 12, 19, 45, 42) * 1000);
  t.false(r.diagnostics.some((d) => d.code === 'no-entries'), 'a listing is not an empty input');

  const report = await analyzeText(paste);
  t.deepEqual(report.boots.map((b) => [b.index, b.bootId, b.firstRealtime, b.lastRealtime, b.listed?.offset, b.entries, b.timeBasis]), [
    [0, '9ed946320a354306b6d94071198f130b', iso(2020, 10, 12, 19, 43, 58), iso(2020, 10, 12, 19, 45, 42), -2, 0, 'realtime'],
    [1, '132fe52e87384afaa4ef83afa967a982', iso(2020, 10, 12, 19, 46, 33), iso(2020, 10, 12, 19, 55, 27), -1, 0, 'realtime'],
    [2, 'bde6e48dd6084030856f26129514ee03', iso(2020, 10, 12, 19, 56, 18), iso(2020, 10, 12, 19, 56, 36), 0, 0, 'realtime'],
  ]);
  // journalctl's -b numbering holds for the listed boots: -1 is the one before the last.
  const one = await analyzeText(paste, 'paste', { boot: -1 });
  t.is(one.boots[0]!.bootId, '132fe52e87384afaa4ef83afa967a982');
});

test('weekdays in the machine\'s language (systemd#3603) and the table layout since systemd 252 (systemd#28250)', async (t) => {
  const german = await listed([
    '```',
    ' -2 f2c9668240bf458a96948bb490923ba0 Di 2016-06-21 22:01:04 CEST—Di 2016-06-21 22:21:40 CEST',
    ' -1 43f6209bfc284a7d9ef1e1f24d7721c9 Fr 2016-06-24 23:08:57 CEST—Fr 2016-06-24 23:13:18 CEST',
    '  0 9e2ffa348b354fbc8555aa1f524214e5 So 2016-06-26 03:03:22 CEST—So 2016-06-26 03:31:00 CEST',
    '```',
  ].join('\n'));
  t.deepEqual(german.rows.map((b) => b.offset), [-2, -1, 0]);
  t.is(german.rows[2]!.firstRealtimeUs, Date.UTC(2016, 5, 26, 1, 3, 22) * 1000);
  t.is(german.rows[2]!.lastRealtimeUs, Date.UTC(2016, 5, 26, 1, 31, 0) * 1000);

  const table = await listed([
    '```',
    '# journalctl --list-boots',
    'IDX BOOT ID                          FIRST ENTRY                 LAST ENTRY                 ',
    ' -8 7e1f17ce523a4777ad1ca9d5cccb465a Sat 2023-08-05 13:19:51 UTC Sat 2023-08-05 13:20:15 UTC',
    ' -7 2c46c912443c46198ef3a6c3019cd91b Sat 2023-08-05 13:20:20 UTC Sat 2023-08-05 13:21:54 UTC',
    ' -6 976f37533bc8475783820f2fa3b7de33 Sat 2023-08-05 13:21:58 UTC Sat 2023-08-05 13:22:10 UTC',
    ' -5 df8459956e724fbdb39b628a27affcda Sat 2023-08-05 13:22:15 UTC Sat 2023-08-05 13:26:03 UTC',
    ' -4 7eaf7598f0bd41d09f5fefc7949655aa Sat 2023-08-05 13:26:08 UTC Sat 2023-08-05 13:35:41 UTC',
    ' -3 03b4599f1d2a433eb8246854e21483d3 Sat 2023-08-05 13:35:59 UTC Sat 2023-08-05 13:36:18 UTC',
    ' -2 f2631735d6b948f28a7c201becd1769f Sat 2023-08-05 13:36:23 UTC Sat 2023-08-05 13:38:44 UTC',
    ' -1 3f8017673801411285f90f21231ca8c3 Sat 2023-08-05 13:38:49 UTC Sat 2023-08-05 13:43:30 UTC',
    '  0 86d123bcd19f4a95959dae63cc8e5336 Sat 2023-08-05 13:43:35 UTC Sat 2023-08-05 13:51:35 UTC',
  ].join('\n'));
  t.is(table.summary.skipped, 0, JSON.stringify(table.diagnostics)); // the fence and the command are paste markup
  t.is(table.rows.length, 9);
  t.deepEqual(table.rows.map((b) => b.offset), [-8, -7, -6, -5, -4, -3, -2, -1, 0]);
  t.is(table.rows[8]!.lastRealtimeUs, Date.UTC(2023, 7, 5, 13, 51, 35) * 1000);
});

test('an id listed three times is one boot; an RTC-less first entry in 1970 is kept as listed (systemd#2884)', async (t) => {
  const report = await analyzeText([
    '```',
    'root@airport:~# cat /proc/sys/kernel/random/boot_id',
    '4860f8a9-014c-4da9-866c-f323fc4373c3',
    'root@airport:~# journalctl --list-boots | grep \'f323fc4373c3\'',
    '-50 4860f8a9014c4da9866cf323fc4373c3 Thu 1970-01-01 05:30:08 IST—Tue 2016-03-22 15:24:32 IST',
    '-49 4860f8a9014c4da9866cf323fc4373c3 Thu 1970-01-01 05:30:08 IST—Tue 2016-03-22 15:24:32 IST',
    '-48 4860f8a9014c4da9866cf323fc4373c3 Thu 1970-01-01 05:30:08 IST—Tue 2016-03-22 15:24:32 IST',
    'root@airport:~# journalctl -b -50',
    'Failed to look up boot -50: Cannot assign requested address',
  ].join('\n'), 'paste', { timeZone: 'Asia/Kolkata' });
  t.is(report.boots.length, 1);
  t.like(report.boots[0], { bootId: '4860f8a9014c4da9866cf323fc4373c3', firstRealtime: '1970-01-01T00:00:08.000000Z', lastRealtime: '2016-03-22T09:54:32.000000Z', listed: { offset: -50, source: { line: 5 } }, findings: [] });
  // The fence, the three commands, the boot id cat printed and journalctl's answer are paste markup (issue 15): no entry,
  // so no socket's bind failure for all the errno's wording.
  t.like(report.inputs[0], { lines: 9, skipped: 0, entries: 0 });
});

test('a listed boot joins the journal\'s boot of the same id (multi-boot, rendered by journalctl 252)', async (t) => {
  // samples/journals/multi-boot-list-boots.txt is the real journalctl's --list-boots of multi-boot.
  const samples = join(ROOT, 'samples/journals');
  const report = await analyze([join(samples, 'multi-boot.json'), join(samples, 'multi-boot-list-boots.txt')]);
  t.is(report.inputs[1]!.format, 'list-boots');
  t.is(report.inputs[1]!.skipped, 0);
  t.is(report.boots.length, 2);
  t.deepEqual(report.boots.map((b) => [b.bootId, b.listed?.offset, b.lastRealtime, b.entries > 0, b.timeBasis]), [
    ['7c1e4f5a9b2d4c3e8f6a1b0c9d8e7f60', -1, '2024-11-20T09:36:32.000000Z', true, 'monotonic'],
    ['2a9d5e1f7c3b4a6e9d8c7b6a5f4e3d21', 0, '2024-11-20T09:37:25.000000Z', true, 'monotonic'],
  ]);
  // The journal's findings are unchanged by the listing.
  const alone = await analyze([join(samples, 'multi-boot.json')]);
  t.deepEqual(report.boots.map((b) => b.findings.map((f) => f.rule)), alone.boots.map((b) => b.findings.map((f) => f.rule)));
  t.is(report.boots[0]!.firstRealtime, alone.boots[0]!.firstRealtime, 'the listing rounds to seconds: the journal\'s first entry stays');
});
