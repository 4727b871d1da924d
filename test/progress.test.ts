import test from 'ava';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { analyze } from '@bootlens/core';
import { progressReporter } from '../packages/cli/src/progress.js';
import type { Io } from '../packages/cli/src/command.js';
import { ROOT, runCli } from './helpers/cli.js';

function fakeIo(tty: boolean): { io: Io; stderr: () => string } {
  const err = new PassThrough();
  let text = '';
  err.on('data', (d) => (text += String(d)));
  const stderr = Object.assign(err, { isTTY: tty });
  return { io: { stdin: new PassThrough(), stdout: new PassThrough(), stderr, env: {} }, stderr: () => text };
}

const SAMPLE = join(ROOT, 'samples/journals/k0s-reboot-race.json');

test('on a terminal, large inputs get a progress line on stderr that is cleared at the end', async (t) => {
  const { io, stderr } = fakeIo(true);
  let clock = 0;
  const progress = progressReporter(io, [SAMPLE], 0, () => (clock += 1000))!;
  t.truthy(progress);
  await analyze([SAMPLE], { onProgress: progress.onProgress });
  progress.done();
  await new Promise((r) => setImmediate(r));
  t.regex(stderr(), /^\r\x1b\[Kreading .*k0s-reboot-race\.json: [\d.]+ MB of [\d.]+ MB \(100%\)/);
  t.true(stderr().endsWith('\r\x1b[K'));
});

test('no progress when stderr is not a terminal, or when every input is small', (t) => {
  t.is(progressReporter(fakeIo(false).io, [SAMPLE], 0), null);
  t.is(progressReporter(fakeIo(true).io, [SAMPLE]), null, 'the sample is far below the 8 MB threshold');
  t.not(progressReporter(fakeIo(true).io, ['-']), null, 'stdin has no known size: show progress');
});

test('the CLI writes nothing to a piped stderr', (t) => {
  t.is(runCli(['analyze', 'samples/journals/k0s-reboot-race.json']).stderr, '');
});
