import test from 'ava';
import { delta, regressions, type BootDiff } from '@bootlens/core/internal';
import { runCli } from './helpers/cli.js';

const HEALTHY = 'samples/journals/k0s-healthy.json';
const RACE = 'samples/journals/k0s-reboot-race.json';

test('diff healthy → race: names the flipped orders and the new findings', (t) => {
  const result = runCli(['diff', HEALTHY, RACE]);
  t.is(result.stderr, '');
  t.is(result.status, 0);
  t.regex(result.stdout, /^A: samples\/journals\/k0s-healthy\.json boot 1\/1 \(2a9d5e1f7c3b\) · k0s-ctrl-1\nB: samples\/journals\/k0s-reboot-race\.json boot 1\/1/);
  t.regex(result.stdout, /network-online\.target: 4\.206s → 2\.812s \(−1\.394s, −33%\)/);
  t.regex(result.stdout, /last address: +4\.104s → 8\.751s \(\+4\.648s, \+113%\) \[192\.168\.2\.10 → 192\.168\.2\.10\]/);
  t.regex(result.stdout, /Order flipped:\n  192\.168\.2\.10 \(eth0\) appeared before network-online\.target in A, after it in B\n  192\.168\.2\.10 \(eth0\) appeared before k0s's first certificate in A, after it in B\n/);
  t.regex(result.stdout, /\n  \+ cert-issued-before-address address=192\.168\.2\.10 interface=eth0 .*\(error\)\n/);
  t.regex(result.stdout, /\n  \+ network-online-before-address address=192\.168\.2\.10 interface=eth0 \(warning\)\n/);
  t.regex(result.stdout, /\n systemd-networkd-wait-online\.service +1\.503s +— +—/);
  // The unit table fits 80 columns.
  for (const line of result.stdout.split('\n').filter((l) => /^ \S/.test(l))) t.true(line.length <= 80, line);
});

test('diff --format json: orders, findings, deltas as data', (t) => {
  const diff = JSON.parse(runCli(['diff', '--format', 'json', HEALTHY, RACE]).stdout) as BootDiff & { schemaVersion: number; regression: unknown };
  t.is(diff.schemaVersion, 1);
  t.is(diff.regression, null);
  t.like(diff.networkOnline, { aUs: 4_206_020, bUs: 2_812_114, deltaUs: 2_812_114 - 4_206_020 });
  const flips = diff.orders.filter((o) => o.flipped);
  t.deepEqual(flips.map((o) => [o.kind, o.address, o.interface, o.other, o.a, o.b]).sort(), [
    ['address-vs-certificate', '192.168.2.10', 'eth0', 'k0s', 'before', 'after'],
    ['address-vs-network-online', '192.168.2.10', 'eth0', 'network-online.target', 'before', 'after'],
  ]);
  t.true(diff.findings.appeared.some((f) => f.rule === 'cert-issued-before-address' && f.b?.severity === 'error'));
  t.true(diff.findings.appeared.some((f) => f.rule === 'network-online-before-address'));
  t.deepEqual(diff.findings.resolved, []);
  const networkd = diff.units.find((u) => u.unit === 'systemd-networkd.service')!;
  t.true(networkd.aUs! > 50_000 && networkd.aUs! < 60_000);
  t.is(networkd.deltaUs, 0);
});

test('diff within one journal: --boot takes journalctl -b numbering; default is the previous boot against the last', (t) => {
  const explicit = runCli(['diff', 'samples/journals/multi-boot.json', '--boot', '1', '--boot', '2']);
  t.is(explicit.status, 0);
  t.regex(explicit.stdout, /boot 1\/2 .*\nB: .*boot 2\/2/);
  t.regex(explicit.stdout, /appeared after network-online\.target in A, before it in B/);
  t.regex(explicit.stdout, /\n  - cert-issued-before-address address=192\.168\.2\.10/);
  t.is(runCli(['diff', 'samples/journals/multi-boot.json']).stdout, explicit.stdout);
  // parseArgs needs `=` for values that start with a dash.
  t.is(runCli(['diff', 'samples/journals/multi-boot.json', '--boot=-1', '--boot=0']).stdout, explicit.stdout);
  // Low-precision renderings order same-second events by the journal's own order.
  const iso = runCli(['diff', 'samples/journals/multi-boot.short-iso']);
  t.regex(iso.stdout, /192\.168\.2\.10 \(eth0\) appeared after k0s's first certificate in A, before it in B/);
});

test('--fail-on-regression: exit 1 when time to network-online grew by more than PCT percent', (t) => {
  // race → healthy: network-online 2.812s → 4.206s, +50%.
  const failing = runCli(['diff', RACE, HEALTHY, '--fail-on-regression', '20']);
  t.is(failing.status, 1);
  t.regex(failing.stdout, /Regressions above 20%:\n  time to network-online\.target: 2\.812s → 4\.206s \(\+50%\)/);
  const passing = runCli(['diff', RACE, HEALTHY, '--fail-on-regression', '60']);
  t.is(passing.status, 0);
  t.regex(passing.stdout, /No regression above 60%\./);
  t.is(runCli(['diff', RACE, HEALTHY, '--fail-on-regression', '20', '--min-delta', '2s']).status, 0);
  const json = JSON.parse(runCli(['diff', '-f', 'json', RACE, HEALTHY, '--fail-on-regression', '20%']).stdout);
  t.like(json.regression, { percent: 20, minDeltaUs: 50_000 });
  t.is(json.regression.regressions[0].what, 'time to network-online.target');
});

test('regressions (pure): percent of A, a floor against jitter, never reached', (t) => {
  const base: BootDiff = {
    a: { path: 'a', index: 0, boots: 1, bootId: null, hostname: null, timeBasis: 'monotonic' },
    b: { path: 'b', index: 0, boots: 1, bootId: null, hostname: null, timeBasis: 'monotonic' },
    sameTimeBasis: true,
    networkOnline: delta(1_000_000, 1_100_000),
    lastAddress: { ...delta(null, null), aAddress: null, bAddress: null },
    units: [
      { unit: 'tiny.service', ...delta(1_000, 9_000) },
      { unit: 'slow.service', ...delta(200_000, 500_000) },
      { unit: 'new.service', ...delta(null, 500_000) },
    ],
    orders: [],
    findings: { appeared: [], resolved: [], changed: [], unchanged: 0 },
  };
  t.deepEqual(regressions(base, { percent: 10 }).map((r) => r.what), ['slow.service start']);
  t.deepEqual(regressions(base, { percent: 5 }).map((r) => r.what), ['time to network-online.target', 'slow.service start']);
  t.deepEqual(regressions(base, { percent: 5, minDeltaUs: 0 }).map((r) => r.what), ['time to network-online.target', 'tiny.service start', 'slow.service start']);
  t.deepEqual(regressions({ ...base, networkOnline: delta(1_000_000, null), units: [] }, { percent: 50 }).map((r) => r.reason), ['never-reached']);
});

test('diff --format markdown', (t) => {
  const md = runCli(['diff', '--format', 'markdown', HEALTHY, RACE, '--fail-on-regression', '10']).stdout;
  t.regex(md, /^## bootlens diff\n/);
  t.regex(md, /\| network-online\.target \| 4\.206s \| 2\.812s \| −1\.394s −33% \|/);
  t.regex(md, /- \*\*flipped\*\*: 192\.168\.2\.10 \(eth0\) appeared before network-online\.target in A, after it in B/);
  t.regex(md, /- new: `cert-issued-before-address address=192\.168\.2\.10/);
  t.regex(md, /### Regressions/);
});

test('diff: bad usage exits 2 with one line', (t) => {
  for (const args of [
    ['diff'],
    ['diff', HEALTHY],
    ['diff', 'samples/journals/multi-boot.json', '--boot', '1'],
    ['diff', 'samples/journals/multi-boot.json', '--boot', '1', '--boot', '5'],
    ['diff', HEALTHY, RACE, '--fail-on-regression', 'lots'],
    ['diff', HEALTHY, RACE, '--format', 'html'],
  ]) {
    const result = runCli(args);
    t.is(result.status, 2, args.join(' '));
    t.regex(result.stderr, /^bootlens: diff: .+\nUsage: bootlens diff/, args.join(' '));
  }
  t.regex(runCli(['diff', 'samples/journals/multi-boot.json', '--boot', '1', '--boot', '5']).stderr, /has no boot 5 \(it has 2 boots/);
});
