/**
 * Limits and bad input (README, "Limits and bad input"): each has a defined behaviour, a clear
 * diagnostic or error, and an exit code; none crashes or hangs.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { analyze, InputError, type Report } from '@bootlens/core';
import { ROOT } from '../helpers/cli.js';
import { cli, reportProblems, sample } from './helpers.js';

const DIR = join(ROOT, 'test-artifacts', 'robustness');
mkdirSync(DIR, { recursive: true });
const file = (name: string, content: string | Buffer) => {
  const path = join(DIR, name);
  writeFileSync(path, content);
  return path;
};
const iso = (s: number, msg: string) => `2024-11-20T09:27:0${s}.000000+0000 node-0 systemd[1]: ${msg}`;
const json = (run: { stdout: string }) => JSON.parse(run.stdout) as Report;

test('a line over --max-line-bytes is skipped and reported; the lines around it are read', async (t) => {
  const path = file('long-line.log', `${iso(1, 'Reached target network.target - Network.')}\n${iso(2, 'x'.repeat(5000))}\n${iso(3, 'Reached target network-online.target - Network is Online.')}\n`);
  const run = await cli(['analyze', '-f', 'json', '--max-line-bytes', '1000', path]);
  t.is(run.code, 0, run.stderr);
  const report = json(run);
  t.deepEqual(reportProblems(report), []);
  t.like(report.inputs[0], { lines: 3, parsed: 2, skipped: 1, entries: 2 });
  const d = report.diagnostics.find((x) => x.code === 'line-too-long');
  t.is(d?.line, 2);
  t.regex(d!.message, /at most 1000 bytes, got 5\d{3}/);
  t.is((await cli(['analyze', '--max-line-bytes', 'lots', path])).code, 2);
  t.is((await cli(['analyze', '--max-line-bytes', '0', path])).code, 2);
});

test('the default line limit is 1 MiB: a 1.5 MiB line is skipped without being decoded', async (t) => {
  const text = `${iso(1, 'a')}\n${iso(2, 'y'.repeat(1.5 * 1024 * 1024))}\n${iso(3, 'b')}`;
  const report = await analyze([{ path: 'huge', content: text }]);
  t.like(report.inputs[0], { lines: 3, parsed: 2, skipped: 1 });
  t.regex(report.diagnostics.find((d) => d.code === 'line-too-long')!.message, /at most 1048576 bytes/);
});

test('a gzip bomb stops with a too-large InputError (exit 2), a real .json.gz does not', async (t) => {
  const bomb = file('bomb.json.gz', gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20)));
  const run = await cli(['analyze', bomb]);
  t.is(run.code, 2);
  t.regex(run.stderr, /^bootlens: .*bomb\.json\.gz: gzip data expands more than 100 times/);
  t.false(run.stderr.includes('    at '), 'no stack trace');
  const error = await t.throwsAsync(() => analyze([bomb]), { instanceOf: InputError });
  t.is(error!.code, 'too-large');
  t.is((await cli(['analyze', join(ROOT, 'samples/journals/bind-race.json.gz')])).code, 1);
});

test('--max-input-bytes bounds any input, gunzipped or not', async (t) => {
  const plain = join(ROOT, 'samples/journals/bind-race.json');
  const run = await cli(['analyze', '--max-input-bytes', '10000', plain]);
  t.is(run.code, 2);
  t.regex(run.stderr, /more than 10000 bytes; read a smaller part/);
  const gz = await cli(['analyze', '--max-input-bytes', '10000', join(ROOT, 'samples/journals/bind-race.json.gz')]);
  t.regex(gz.stderr, /more than 10000 bytes once gunzipped/);
  t.is((await cli(['analyze', '--max-input-bytes', '-5', plain])).code, 2);
});

test('a binary journal file damaged beyond reading: exit 2 and one line', async (t) => {
  const path = file('system.journal', Buffer.concat([Buffer.from('LPKSHHRH'), Buffer.alloc(4096)]));
  for (const command of ['analyze', 'timeline', 'blame', 'diff']) {
    const run = await cli(command === 'diff' ? [command, path, path] : [command, path]);
    t.is(run.code, 2, command);
    t.is(run.stderr, `bootlens: ${path}: a binary journal file damaged beyond reading: its header size (0) is impossible for a file of 4104 bytes\n`, command);
  }
});

test('an empty file: no boots, a no-entries diagnostic, exit 0', async (t) => {
  const path = file('empty.log', '');
  const run = await cli(['analyze', '-f', 'json', path]);
  t.is(run.code, 0);
  const report = json(run);
  t.deepEqual(report.inputs, [{ path, format: null, lines: 0, parsed: 0, entries: 0, skipped: 0 }]);
  t.deepEqual(report.diagnostics.map((d) => d.code), ['no-entries']);
  t.regex((await cli(['analyze', path])).stdout, /No boots found in the input/);
});

test('a directory, a missing file: exit 2 with one line', async (t) => {
  // A directory is read as a support bundle (issues 17, 18); one without any log is an error.
  const empty = join(DIR, 'no-journals');
  mkdirSync(empty, { recursive: true });
  const dir = await cli(['analyze', empty]);
  t.is(dir.code, 2);
  t.is(dir.stderr, `bootlens: ${empty}: no log bootlens reads in this directory (0 files; bootlens analyze --list ${empty} shows what each was taken for)\n`);
  const missing = await cli(['analyze', join(DIR, 'nope.log')]);
  t.is(missing.code, 2);
  t.is(missing.stderr, `bootlens: ${join(DIR, 'nope.log')}: no such file\n`);
});

test('an unreadable input (EACCES, as a stream that fails): InputError unreadable, exit 2', async (t) => {
  // Tests run as root here, where chmod 000 does not stop a read: the error comes from a stream.
  const failing = () => new Readable({
    read() {
      this.destroy(Object.assign(new Error("EACCES: permission denied, open 'secret.log'"), { code: 'EACCES' }));
    },
  });
  const error = await t.throwsAsync(() => analyze([{ path: 'secret.log', content: failing() }]), { instanceOf: InputError });
  t.is(error!.code, 'unreadable');
  t.is(error!.message, 'secret.log: permission denied');
  const run = await cli(['analyze', '-'], failing());
  t.is(run.code, 2);
  t.is(run.stderr, 'bootlens: -: permission denied\n');
});

test('a closed standard input (`analyze -` at EOF at once): no boots, exit 0', async (t) => {
  const run = await cli(['analyze', '-f', 'json', '-']);
  t.is(run.code, 0);
  t.like(json(run).inputs[0], { path: '-', lines: 0, entries: 0 });
  // The real thing: a process whose stdin is /dev/null.
  const real = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', join(ROOT, 'test/robustness/bin-source.ts'), 'analyze', '-'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  t.is(real.status, 0, real.stderr);
  t.regex(real.stdout, /read -: no entries, 0 lines, 0 entries, 0 skipped/);
  t.regex(real.stdout, /No boots found in the input/);
});

test('invalid UTF-8 is kept as U+FFFD and counted once per input (invalid-utf8), real U+FFFD is not', async (t) => {
  const lines = [
    Buffer.from(`${iso(1, 'bad \xff\xfe here')}\n`, 'latin1'),
    Buffer.from(`${iso(2, 'a real \uFFFD is fine')}\n`, 'utf8'),
    Buffer.from(`${iso(3, 'cut \xe2\x82')}\n`, 'latin1'),
  ];
  const path = file('latin1.log', Buffer.concat(lines));
  const run = await cli(['analyze', '-f', 'json', '--fail-on', 'none', path]);
  t.is(run.code, 0);
  const report = json(run);
  t.like(report.inputs[0], { lines: 3, parsed: 3, skipped: 0, entries: 3 });
  const d = report.diagnostics.filter((x) => x.code === 'invalid-utf8');
  t.is(d.length, 1);
  t.is(d[0]!.line, 1);
  t.regex(d[0]!.message, /^2 lines held bytes that are not UTF-8/);
  // Export values too (the Journal Export Format carries raw bytes).
  const exp = Buffer.concat([Buffer.from('__REALTIME_TIMESTAMP=1732094822812345\nMESSAGE=caf\xe9\n\n', 'latin1')]);
  const r2 = await analyze([{ path: 'x.export', content: exp }]);
  t.is(r2.boots[0]!.entries, 1);
  t.deepEqual(r2.diagnostics.filter((x) => x.code === 'invalid-utf8').map((x) => [x.line, x.message.slice(0, 6)]), [[2, '1 line']]);
});

test('an unknown format: exit 2 naming the line and the formats bootlens reads', async (t) => {
  const path = file('prose.txt', '\n\nHello, world\n');
  const run = await cli(['analyze', path]);
  t.is(run.code, 2);
  t.regex(run.stderr, /^bootlens: .*prose\.txt:3: not a journal bootlens can read; expected journalctl output in one of json-seq, .*got "Hello, world"\n$/);
});
