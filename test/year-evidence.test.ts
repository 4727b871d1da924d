/**
 * Issue 19, item 4: stamps without a year (short, short-precise, syslog) take it from the dates the
 * input itself states, before falling back to today; the report says where the year came from.
 * The zone too, where a line's own stamp and a stamp with an offset inside it agree.
 */
import test from 'ava';
import { analyzeText } from './helpers/analyze.js';
import { offsetFromEvidence, YearEvidenceCollector, yearFromEvidence } from '../packages/core/src/parse/year-evidence.js';

// k3s-io/k3s#2914 (journalctl -u k3s on a machine at UTC-5): the short stamp has no year or zone,
// logrus's time= inside the line has both.
const K3S_2914 = [
  'Feb 09 14:28:07 k3s-ya-1. k3s[12408]: time="2021-02-09T14:28:07.600794282-05:00" level=info msg="certificate CN=k3s,O=k3s signed by CN=k3s-server-ca@1612641497: notBefore=2021-02-06 19:58:17 +0000 UTC notAfter=2022-02-09 19:28:07 +0000 UTC"',
  'Feb 09 14:28:13 k3s-ya-1. k3s[12408]: time="2021-02-09T14:28:13.714099802-05:00" level=info msg="certificate CN=k3s,O=k3s signed by CN=k3s-server-ca@1612641497: notBefore=2021-02-06 19:58:17 +0000 UTC notAfter=2022-02-09 19:28:13 +0000 UTC"',
].join('\n');

// 31z4/zookeeper-docker#126 (CentOS 7): NetworkManager stamps its own lines with epoch seconds.
const NM_126 = [
  'Sep 13 16:15:46 localhost NetworkManager[1455]: <info>  [1631549746.9214] dhcp4 (enp4s0): activation: beginning transaction (timeout in 45 seconds)',
  'Sep 13 16:15:47 localhost NetworkManager[1455]: <info>  [1631549747.0099] dhcp4 (enp4s0): dhclient started with pid 1620',
  'Sep 13 16:15:47 localhost dhclient[1620]: DHCPREQUEST on enp4s0 to 255.255.255.255 port 67 (xid=0x2eee507f)',
].join('\n');

test('a k3s excerpt takes its year and its UTC offset from logrus time= in its own lines', async (t) => {
  const report = await analyzeText(K3S_2914, 'k3s.txt');
  t.is(report.boots[0]!.firstRealtime, '2021-02-09T19:28:07.000000Z');
  const year = report.diagnostics.find((d) => d.code === 'year-assumed')!;
  t.regex(year.message, /took 2021 from line 1, the nearest date the input states/);
  const zone = report.diagnostics.find((d) => d.code === 'zone-assumed')!;
  t.regex(zone.message, /UTC-05:00, the offset of line 1/);
});

test('a NetworkManager excerpt takes its year from the epoch stamp NetworkManager prints', async (t) => {
  const report = await analyzeText(NM_126, 'nm.txt', { timeZone: 'UTC' });
  t.is(report.boots[0]!.firstRealtime, '2021-09-13T16:15:46.000000Z');
  t.regex(report.diagnostics.find((d) => d.code === 'year-assumed')!.message, /took 2021 from line 1/);
});

test('--year wins over every date the input states', async (t) => {
  const report = await analyzeText(K3S_2914, 'k3s.txt', { year: 2019 });
  t.true(report.boots[0]!.firstRealtime!.startsWith('2019-02-09'));
  t.false(report.diagnostics.some((d) => d.code === 'year-assumed'));
});

test('a date across the year end dates the stamp in the year before; far dates date nothing', (t) => {
  const dates = new YearEvidenceCollector();
  dates.add('2024-01-02T00:10:00+0000 host k: something', 1);
  t.deepEqual(yearFromEvidence(dates.evidence, 12, 31)?.year, 2023);
  t.deepEqual(yearFromEvidence(dates.evidence, 1, 3)?.year, 2024);
  t.is(yearFromEvidence(dates.evidence, 6, 1), null, 'five months away: not evidence for this stamp');
});

test('a line\'s own stamp outranks a date inside another line, and the nearest of equals wins', (t) => {
  const dates = new YearEvidenceCollector();
  dates.add('msg="certificate signed: notBefore=2020-05-01 10:00:00 +0000 UTC"', 1); // a date in a message
  dates.add('2023-05-03T10:00:00+0000 host k: x', 2); // another line's own stamp
  dates.add('2022-05-01T10:00:00+0000 host k: y', 3); // nearer, same rank
  t.is(yearFromEvidence(dates.evidence, 5, 1)?.year, 2022);
  const onlyMessage = new YearEvidenceCollector();
  onlyMessage.add('msg="notBefore=2020-05-01 10:00:00 +0000 UTC"', 1);
  t.is(yearFromEvidence(onlyMessage.evidence, 5, 1)?.year, 2020);
});

test('the offset is taken only where the two stamps of one line agree to the second', (t) => {
  const agree = new YearEvidenceCollector();
  agree.add('Mar 11 08:12:40 node1 k3s[812]: time="2024-03-11T08:12:40Z" level=info msg="x"', 1);
  t.is(offsetFromEvidence(agree.evidence)?.offset, '+00:00');
  const differ = new YearEvidenceCollector();
  differ.add('Mar 11 09:12:40 node1 k3s[812]: time="2024-03-11T08:12:40Z" level=info msg="x"', 1);
  t.is(offsetFromEvidence(differ.evidence), null);
  const klog = new YearEvidenceCollector();
  klog.add('Feb 09 14:28:07 host k[1]: time="2021-02-09T14:28:07.6+0530" level=info', 1);
  t.is(offsetFromEvidence(klog.evidence)?.offset, '+05:30');
});

test('Go\'s standard logger and samba date their lines with slashes: 2015/01/24 06:33:15, [2024/05/16 11:02:42.237706,  0]', async (t) => {
  // coreos/docs#422 (coreos-cloudinit under journald)
  const report = await analyzeText([
    'Jan 24 06:33:16 coreos1 systemd[1]: sshd.socket failed to listen on sockets: Address already in use',
    'Jan 24 06:33:16 coreos1 coreos-cloudinit[613]: 2015/01/24 06:33:16 Result of "restart" on "sshd.socket": failed',
  ].join('\n'), 'coreos.txt', { timeZone: 'UTC' });
  t.is(report.boots[0]!.firstRealtime, '2015-01-24T06:33:16.000000Z');
  // rockstor/rockstor-core#2843 (samba's own stamp in brackets)
  const dates = new YearEvidenceCollector();
  dates.add('May 16 11:02:42 Pi4 smbd[1000]: [2024/05/16 11:02:42.237706,  0] ../../source3/smbd/server.c:1746(main)', 1);
  t.like(dates.evidence.dates[0], { year: 2024, month: 5, day: 16, rank: 1 });
  // A path or a version is no date.
  dates.add('/var/2024/05/16 11:02 x', 2);
  t.is(dates.evidence.dates.length, 1);
});
