import test from 'ava';
import { analyzeText, isoLine } from './helpers/analyze.js';
import { recognize } from './helpers/recognize.js';

// Issue 19: systemd refusing to load a unit over a setting (`… Refusing.`) is a unit that cannot
// start, and its line says why. The lines from the public reports named beside them.

const systemd = (message: string) => recognize('systemd', message, { pid: 1 });

test('the refusals of systemd 219, 229 and later are a failed job, result bad-setting', (t) => {
  // https://github.com/fluent/fluentd/issues/2152 (systemd 219)
  t.like(systemd('td-agent.service lacks both ExecStart= and ExecStop= setting. Refusing.')[0],
    { kind: 'unit-job', unit: 'td-agent.service', phase: 'failed', result: 'bad-setting' });
  // https://github.com/poise/poise-service/issues/39
  t.like(systemd('pentaho.service: Service lacks both ExecStart= and ExecStop= setting. Refusing.')[0], { unit: 'pentaho.service', result: 'bad-setting' });
  // https://github.com/juewuy/ShellCrash/issues/1185
  t.like(systemd('shellcrash.service: Service has no ExecStart=, ExecStop=, or SuccessAction=. Refusing.')[0], { unit: 'shellcrash.service', result: 'bad-setting' });
  // The warning before it in the same report only ignores a line: no failure.
  t.is(systemd('/etc/systemd/system/shellcrash.service:19: Unknown key \'ExecStart\' in section [Install], ignoring.').length, 0);
  // A user's manager, or another program, refusing something: not the boot's unit.
  t.is(recognize('systemd', 'x.service: Service lacks both ExecStart= and ExecStop= setting. Refusing.', { pid: 1234 }).length, 0);
  t.is(recognize('sudo', 'x.service: Service lacks both ExecStart= and ExecStop= setting. Refusing.').length, 0);
});

test('a refused unit is a failed unit whose cause is on its line: unit-failed says so, no unexplained failure', async (t) => {
  // https://github.com/puppetlabs/puppet/pull/5033 (its journal lines, on the helper's clock)
  const report = await analyzeText([
    isoLine(1, 'systemd[1]', 'foo.service lacks both ExecStart= and ExecStop= setting. Refusing.'),
    isoLine(2, 'systemd[1]', 'foo.service lacks both ExecStart= and ExecStop= setting. Refusing.'),
  ].join('\n') + '\n');
  const boot = report.boots[0]!;
  t.is(boot.verdict, 'problem');
  t.like(boot.failedUnits, [{ unit: 'foo.service', kind: 'failed', result: 'bad-setting' }]);
  t.deepEqual(boot.verdictReasons, [{ code: 'findings', count: 1 }, { code: 'failed-units', count: 1 }]);
  const finding = boot.findings.find((f) => f.rule === 'unit-failed')!;
  t.is(finding.summary, 'foo.service failed (result: bad-setting): systemd refused to load its unit file (a bad setting, named on the line)');
  t.regex(finding.remediation, /daemon-reload/);
});
