import test from 'ava';
import { readInput, type JournalEntry, type ReadResult } from '@bootlens/core/internal';
import { monthNames, monthNumber } from '../packages/core/src/parse/months.js';
import { analyzeText, eventsOf } from './helpers/analyze.js';

// Issue 14: `journalctl -x` catalog text inside short regions, and short stamps of localized
// systems. Each paste is quoted from the public report named above it (test/corpus/ keeps them).

async function read(text: string): Promise<ReadResult & { entries: JournalEntry[] }> {
  const entries: JournalEntry[] = [];
  const result = await readInput({ path: 'paste', content: text }, { entry: (e) => entries.push(e), bootMarker: () => {} }, { year: 2020, timeZone: 'UTC' });
  return { entries, ...result };
}

const skipped = (r: ReadResult) => r.diagnostics.filter((d) => d.code === 'not-log' || d.code === 'unparsable-line').map((d) => d.line);

test('-- catalog blocks: headers, empty lines and free text are understood, no entries, no region switch (internet-pi#396)', async (t) => {
  // geerlingguy/internet-pi#396: `journalctl -xe` starts inside a catalog block.
  const r = await read([
    'ubuntu@pinas:~/internet-pi$ journalctl -xe',
    '-- Subject: Unit failed',
    '-- Defined-By: systemd',
    '-- Support: http://www.ubuntu.com/support',
    '-- ',
    '-- The unit docker.socket has entered the \'failed\' state with result \'exit-code\'.',
    'May 05 11:26:09 pinas systemd[1]: Failed to listen on Docker Socket for the API.',
    '-- Subject: A start job for unit docker.socket has failed',
    '-- Defined-By: systemd',
    '-- Support: http://www.ubuntu.com/support',
    '-- ',
    '-- A start job for unit docker.socket has finished with a failure.',
    '-- ',
    '-- The job identifier is 1148 and the job result is failed.',
    'May 05 11:26:09 pinas systemd[1]: Dependency failed for Docker Application Container Engine.',
  ].join('\n'));
  t.deepEqual(skipped(r), []); // the prompt and command are paste markup (issue 15)
  t.is(r.summary.lines, r.summary.parsed + r.summary.skipped);
  t.is(r.summary.regions, undefined, 'one region: catalog lines do not start another');
  t.deepEqual(r.entries.map((e) => e.message), ['Failed to listen on Docker Socket for the API.', 'Dependency failed for Docker Application Container Engine.']);
});

test('catalog text in the machine\'s language, with localized month names (docker/for-linux#984, moby#35882)', async (t) => {
  // docker/for-linux#984: Chinese catalog text and months (`4月`).
  const zh = await read([
    '```',
    '4月 23 20:08:58 xingshu-server systemd[1]: docker.service: Failed with result \'exit-code\'.',
    '4月 23 20:08:58 xingshu-server systemd[1]: Failed to start Docker Application Container Engine.',
    '-- Subject: docker.service 单元已失败',
    '-- Defined-By: systemd',
    '-- Support: http://www.ubuntu.com/support',
    '-- ',
    '-- docker.service 单元已失败。',
    '-- ',
    '-- 结果为“RESULT”。',
    '',
    '```',
  ].join('\n'));
  t.deepEqual(skipped(zh), []); // the fences are paste markup (issue 15)
  t.is(zh.summary.format, 'short');
  t.deepEqual(zh.entries.map((e) => e.realtimeUs), [Date.UTC(2020, 3, 23, 20, 8, 58) * 1000, Date.UTC(2020, 3, 23, 20, 8, 58) * 1000]);

  // moby/moby#35882: German month names (`Dez`), English catalog text.
  const de = await analyzeText([
    '```',
    'Dez 27 03:01:00 richter-Lenovo-IdeaPad-Z500 systemd[1]: docker.service: Service hold-off time over, scheduling restart.',
    'Dez 27 03:01:00 richter-Lenovo-IdeaPad-Z500 systemd[1]: Stopped Docker Application Container Engine.',
    '-- Subject: Unit docker.service has finished shutting down',
    '-- Defined-By: systemd',
    '-- Support: http://www.ubuntu.com/support',
    '-- ',
    '-- Unit docker.service has finished shutting down.',
    'Dez 27 03:01:00 richter-Lenovo-IdeaPad-Z500 systemd[1]: Starting Docker Socket for the API.',
    '-- Subject: Unit docker.socket has begun start-up',
    '-- Defined-By: systemd',
  ].join('\n'), 'paste', { year: 2017, timeZone: 'UTC' });
  t.is(de.inputs[0]!.skipped, 0); // the fence is paste markup (issue 15)
  t.like(eventsOf(de).find((e) => e.kind === 'unit-job'), { phase: 'stopped', description: 'Docker Application Container Engine', realtime: '2017-12-27T03:01:00.000000Z' });
  t.is(de.boots[0]!.entries, 3);
});

test('░░ catalog lines of systemd ≥ 246, and a paste that lost the ░░ (armbian#7913, AVideo#9819)', async (t) => {
  // armbian/build#7913.
  const armbian = await read([
    '# journalctl -xeu systemd-networkd-wait-online.service',
    'Mar 10 16:46:30 nanopi-r2s-plus systemd[1]: Starting systemd-networkd-wait-online.service - Wait for Network to be Configured...',
    '░░ Subject: A start job for unit systemd-networkd-wait-online.service has begun execution',
    '░░ Defined-By: systemd',
    '░░ Support: https://www.debian.org/support',
    '░░ ',
    '░░ A start job for unit systemd-networkd-wait-online.service has begun execution.',
    '░░ ',
    '░░ The job identifier is 443.',
    'Mar 10 16:48:31 nanopi-r2s-plus systemd-networkd-wait-online[1533]: Timeout occurred while waiting for network connectivity.',
  ].join('\n'));
  t.deepEqual(skipped(armbian), []); // paste markup (issue 15)
  t.deepEqual(armbian.entries.map((e) => e.identifier), ['systemd', 'systemd-networkd-wait-online']);
  t.false(armbian.entries[0]!.message.includes('░'));

  // WWBN/AVideo#9819: the forum dropped the ░░ and left its space; the blank lines were `░░` lines.
  const avideo = await read([
    'Jan 18 02:50:14 video systemd[1]: Starting nginx.service - A high performance web server and a reverse proxy server...',
    ' Subject: A start job for unit nginx.service has begun execution',
    ' Defined-By: systemd',
    ' Support: http://www.ubuntu.com/support',
    '',
    ' A start job for unit nginx.service has begun execution.',
    '',
    ' The job identifier is 146.',
    'Jan 18 02:50:14 video systemd[1]: nginx.service: Can\'t open PID file /run/nginx.pid (yet?) after start: No such file or directory',
  ].join('\n'));
  t.deepEqual(skipped(avideo), []);
  t.deepEqual(avideo.entries.map((e) => e.message), [
    'Starting nginx.service - A high performance web server and a reverse proxy server...',
    'nginx.service: Can\'t open PID file /run/nginx.pid (yet?) after start: No such file or directory',
  ]);
});

test('-- text outside a catalog block is not understood (lines of internet-pi#396)', async (t) => {
  // Catalog free text right after an entry, without the catalog header before it: not catalog text.
  const r = await read([
    'May 05 11:26:09 pinas systemd[1]: Failed to listen on Docker Socket for the API.',
    '-- The unit docker.socket has entered the \'failed\' state with result \'exit-code\'.',
  ].join('\n'));
  t.deepEqual(skipped(r), [2]);
  t.is(r.entries[0]!.message, 'Failed to listen on Docker Socket for the API.');
  // Held while it may be catalog text of a journal that follows; alone it is no log at all.
  await t.throwsAsync(read('-- The unit docker.socket has entered the \'failed\' state with result \'exit-code\'.\n'),
    { message: /paste:1: not a journal bootlens can read/ });
});

test('localized month abbreviations: every one glibc prints for the supported locales reads as its month', async (t) => {
  t.is(monthNumber('Dez'), 12);
  t.is(monthNumber('лют'), 2);
  t.is(monthNumber('10月'), 10);
  t.is(monthNumber('Foo'), undefined);
  for (const name of monthNames()) {
    const r = await read(`${name} 05 10:00:00 host systemd[1]: Started x.`);
    t.is(r.summary.skipped, 0, name);
    t.is(new Date(r.entries[0]!.realtimeUs! / 1000).getUTCMonth() + 1, monthNumber(name), name);
  }
  // systemd/systemd#18479 (Ukrainian) and kubernetes/kubernetes#17767 (Italian): lines from the reports.
  const uk = await read('лют 05 18:25:55 beroal systemd[1]: Timed out waiting for device /sys/subsystem/net/devices/wlan0.');
  t.is(uk.entries[0]!.realtimeUs, Date.UTC(2020, 1, 5, 18, 25, 55) * 1000);
  const it = await read('nov 25 10:11:31 labcr1 systemd[1]: Failed to start Kubernetes API Server.');
  t.is(it.entries[0]!.realtimeUs, Date.UTC(2020, 10, 25, 10, 11, 31) * 1000);
});
