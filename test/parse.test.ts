import test from 'ava';
import { gzipSync } from 'node:zlib';
import { analyze, FORMATS, InputError } from '@bootlens/core/internal';
import { analyzeText } from './helpers/analyze.js';
import { LineSplitter } from '../packages/core/src/parse/lines.js';
import { jsonFieldValue } from '../packages/core/src/parse/json.js';

// Line shapes follow systemd's logs-show.c (short-iso prints `%Y-%m-%dT%H:%M:%S%z`).
const SHORT_ISO = [
  '2024-11-20T09:27:02+0000 k0s-ctrl-1 systemd[1]: Reached target network-online.target - Network is Online.',
  '2024-11-20T10:27:03+0100 k0s-ctrl-1 kernel: e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex',
  '2024-11-20T09:27:04+0000 k0s-ctrl-1 k0s[891]: ',
].join('\n');

test('short-iso: timestamps with zones become UTC microseconds, pid-less identifiers and empty messages parse', async (t) => {
  const report = await analyzeText(SHORT_ISO);
  t.is(report.inputs[0]!.format, 'short-iso');
  t.deepEqual(report.inputs[0], { path: 'inline.log', format: 'short-iso', lines: 3, parsed: 3, entries: 3, skipped: 0 });
  t.is(report.boots.length, 1);
  t.is(report.boots[0]!.firstRealtime, '2024-11-20T09:27:02.000000Z');
  t.is(report.boots[0]!.timeBasis, 'realtime');
});

test('short-iso-precise is told apart from short-iso by content, and keeps microseconds', async (t) => {
  const text = '2024-11-20T09:27:02.812345+0000 node-0 systemd[1]: Reached target Network is Online.\n';
  const report = await analyzeText(text, 'journal.txt');
  t.is(report.inputs[0]!.format, 'short-iso-precise');
  const event = report.boots[0]!.events[0]!;
  t.is(event.realtime, '2024-11-20T09:27:02.812345Z');
  t.is(event.kind, 'target-reached');
});

test('a multi-line message continues on lines indented to the message column', async (t) => {
  const text = [
    '2024-11-20T09:27:02.000000+0000 node-0 sshd[7]: first line',
    '                                                second line',
    '2024-11-20T09:27:03.000000+0000 node-0 systemd[1]: Reached target Network is Online.',
  ].join('\n');
  const report = await analyzeText(text);
  t.like(report.inputs[0], { lines: 3, parsed: 3, entries: 2, skipped: 0 });
});

test('every line is counted: a garbage line is skipped with path, line and what was expected', async (t) => {
  // A line of the format that does not read (a stamp, then no `host ident:`) is unparsable-line with
  // what was expected; a line in no log format at all is not-log (issue 14), and the journal goes on.
  const text = `${SHORT_ISO}\nthis is not a journal line\r\n2024-11-20T09:27:05+0000 k0s-ctrl-1 no colon here\n2024-11-20T09:27:05+0000 k0s-ctrl-1 k0s[891]: ok\n`;
  const report = await analyzeText(text, 'paste.txt');
  const input = report.inputs[0]!;
  t.is(input.lines, 6);
  t.is(input.parsed + input.skipped, input.lines);
  t.is(input.skipped, 2);
  t.is(input.entries, 4);
  const [d, e] = report.diagnostics;
  t.is(d!.path, 'paste.txt');
  t.is(d!.line, 4);
  t.is(d!.code, 'not-log');
  t.regex(d!.message, /not a log line.*"this is not a journal line"/);
  t.is(e!.line, 5);
  t.is(e!.code, 'unparsable-line');
  t.regex(e!.message, /expected host identifier\[pid\]: +at column 26/);
});

test('paste chrome is understood: hints, headers, boot markers split boots', async (t) => {
  const text = [
    'Hint: You are currently not seeing messages from other users and the system.',
    '-- Journal begins at Mon 2024-11-18 10:00:00 UTC, ends at Wed 2024-11-20 09:30:00 UTC. --',
    '2024-11-20T09:27:02+0000 node-0 systemd[1]: Reached target Network is Online.',
    '-- Boot 2a9d5e1f7c3b4a6e9d8c7b6a5f4e3d21 --',
    '2024-11-20T09:37:02+0000 node-0 systemd[1]: Reached target Network is Online.',
    '-- Reboot --',
    '2024-11-20T09:47:02+0000 node-0 systemd[1]: Reached target Network is Online.',
  ].join('\n');
  const report = await analyzeText(text);
  t.like(report.inputs[0], { format: 'short-iso', lines: 7, parsed: 7, skipped: 0, entries: 3 });
  t.is(report.boots.length, 3);
  t.deepEqual(report.boots.map((b) => b.bootId), [null, '2a9d5e1f7c3b4a6e9d8c7b6a5f4e3d21', null]);
});

test('without ids or markers, the kernel\'s first line starts a new boot', async (t) => {
  const text = [
    '2024-11-20T09:27:00+0000 node-0 kernel: Linux version 6.1.0-26-amd64',
    '2024-11-20T09:27:02+0000 node-0 systemd[1]: Reached target Network is Online.',
    '2024-11-20T09:40:00+0000 node-0 kernel: Linux version 6.1.0-26-amd64',
    '2024-11-20T09:40:02+0000 node-0 systemd[1]: Reached target Network is Online.',
  ].join('\n');
  const report = await analyzeText(text);
  t.is(report.boots.length, 2);
  t.deepEqual(report.boots.map((b) => b.entries), [2, 2]);
});

test('json: numbers as strings, byte arrays, repeated fields, nulls for long values', async (t) => {
  t.is(jsonFieldValue('x'), 'x');
  t.is(jsonFieldValue([104, 105]), 'hi');
  t.is(jsonFieldValue(['a', 'b']), 'b');
  t.is(jsonFieldValue(null), undefined);
  const line = JSON.stringify({
    __REALTIME_TIMESTAMP: '1732094822812345', __MONOTONIC_TIMESTAMP: '2812345', _BOOT_ID: '7c1e4f5a9b2d4c3e8f6a1b0c9d8e7f60',
    _HOSTNAME: 'node-0', SYSLOG_IDENTIFIER: 'systemd', _PID: '1', PRIORITY: '6', UNIT: 'network-online.target',
    MESSAGE: [82, 101, 97, 99, 104, 101, 100, 32, 116, 97, 114, 103, 101, 116, 32, 78, 101, 116, 119, 111, 114, 107, 32, 105, 115, 32, 79, 110, 108, 105, 110, 101, 46],
    _CMDLINE: null,
  });
  const report = await analyzeText(`${line}\n`);
  t.is(report.inputs[0]!.format, 'json');
  const boot = report.boots[0]!;
  t.is(boot.bootId, '7c1e4f5a9b2d4c3e8f6a1b0c9d8e7f60');
  t.is(boot.timeBasis, 'monotonic');
  t.like(boot.events[0], { kind: 'target-reached', unit: 'network-online.target', monotonicUs: 2812345, realtime: '2024-11-20T09:27:02.812345Z' });
});

test('json: broken lines and non-entries are skipped and counted, the rest is kept', async (t) => {
  const good = JSON.stringify({ __REALTIME_TIMESTAMP: '1732094822000000', MESSAGE: 'hello', SYSLOG_IDENTIFIER: 'x' });
  const report = await analyzeText(`${good}\n{"MESSAGE": "cut off\n{"value": [1,2]}\n[1,2]\n${good}\n`);
  t.like(report.inputs[0], { lines: 5, parsed: 2, skipped: 3, entries: 2 });
  t.deepEqual(report.diagnostics.map((d) => [d.line, d.code]), [[2, 'invalid-json'], [3, 'not-an-entry'], [4, 'not-log']]);
});

test('gzip input is read transparently', async (t) => {
  const report = await analyze([{ path: 'j.gz', content: gzipSync(`${SHORT_ISO}\n`) }]);
  t.like(report.inputs[0], { format: 'short-iso', entries: 3, skipped: 0 });
});

test('unknown input is one clear error naming the line and the formats', async (t) => {
  const error = await t.throwsAsync(() => analyzeText('\n\nHello, world\n', 'notes.txt'), { instanceOf: InputError });
  t.regex(error!.message, /^notes\.txt:3: not a journal bootlens can read; expected journalctl output in one of .*json.*, got "Hello, world"$/);
  for (const f of FORMATS) if (f.format !== 'cat') t.true(error!.message.includes(f.format), f.format);
});

test('a binary journal file damaged beyond reading gets one clear error', async (t) => {
  // The signature and nothing else: its header is all zeros (issue 17 reads real journal files).
  const error = await t.throwsAsync(() => analyze([{ path: 'system.journal', content: Buffer.from('LPKSHHRH\0\0\0\0rest') }]), { instanceOf: InputError });
  t.is(error!.code, 'binary-journal');
  t.is(error!.message, 'system.journal: a binary journal file cut short inside its header (16 bytes); nothing in it can be read');
});

test('a missing file is an InputError, not a crash', async (t) => {
  const error = await t.throwsAsync(() => analyze(['/nonexistent/journal.txt']), { instanceOf: InputError });
  t.is(error!.message, '/nonexistent/journal.txt: no such file');
});

test('an empty input has no boots and says so', async (t) => {
  const report = await analyzeText('');
  t.deepEqual(report.inputs[0], { path: 'inline.log', format: null, lines: 0, parsed: 0, entries: 0, skipped: 0 });
  t.is(report.boots.length, 0);
  t.is(report.diagnostics[0]!.code, 'no-entries');
});

test('line splitter: CRLF, a last line without newline, lines split across chunks, overlong lines', (t) => {
  const lines: string[] = [];
  const long: number[] = [];
  const splitter = new LineSplitter((text) => lines.push(text), (n) => long.push(n), 10);
  splitter.push(Buffer.from('ab\r\ncd'));
  splitter.push(Buffer.from('ef\n0123456789ABC\nlast'));
  splitter.end();
  t.deepEqual(lines, ['ab', 'cdef', 'last']);
  t.deepEqual(long, [3]);
  t.is(splitter.linesRead, 4);
});

// https://github.com/sonic-net/sonic-buildimage/issues/7310: SONiC's rsyslog template prints the severity, upper case, before the tag.
test('syslog with a severity column: the word is the priority, the identifier follows it; a kernel line keeps its stamp', async (t) => {
  const { readEntries } = await import('@bootlens/core');
  const text = [
    'Apr  9 21:05:38.103350 str-s6100-acs-4 NOTICE swss#portsyncd: :- onMsg: nlmsg type:16 key:eth0 admin:1 oper:0 addr:34:17:eb:49:61:00 ifindex:2 master:0',
    'Apr  9 21:05:38.106121 str-s6100-acs-4 INFO kernel: [10601.214044] igb 0000:00:14.0 eth0: igb: eth0 NIC Link is Down',
    'Apr  9 21:05:38.117734 str-s6100-acs-4 Weird Daemon: a space in a tag that is no severity',
  ].join('\n');
  const entries = [];
  for await (const e of readEntries([{ path: 'syslog', content: text }], { year: 2021 })) entries.push(e);
  t.like(entries[0]!, { identifier: 'swss#portsyncd', priority: 5, hostname: 'str-s6100-acs-4' });
  t.like(entries[1]!, { identifier: 'kernel', priority: 6, monotonicUs: 10601214044 });
  t.like(entries[2]!, { identifier: 'Weird Daemon', priority: null });
  const report = await analyzeText(text, 'syslog', { year: 2021 });
  t.like(report.boots[0]!.events.find((e) => e.kind === 'link-down'), { interface: 'eth0' });
});
