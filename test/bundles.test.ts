import test from 'ava';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { analyze, InputError, type Report } from '@bootlens/core';

// Issue 18: support bundles. The samples are made by samples/bundles/make.sh from
// samples/journals/k0s-reboot-race; hostile archives are made here, in a temporary directory.

const requireCore = createRequire(new URL('../packages/core/package.json', import.meta.url));
const tarStream = requireCore('tar-stream') as typeof import('tar-stream');
const fflate = requireCore('fflate') as typeof import('fflate');

const SAMPLES = new URL('../samples/bundles/', import.meta.url).pathname;
const JOURNAL = readFileSync(new URL('../samples/journals/k0s-reboot-race.short-iso-precise', import.meta.url));

const rules = (r: Report) => r.boots.flatMap((b) => b.findings.map((f) => `${f.rule}:${f.severity}`)).sort();

function scratch(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'bootlens-bundle-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A tar of `entries` (name → text), made with tar-stream's packer. */
async function tarOf(entries: Array<[string, string | Buffer]>): Promise<Buffer> {
  const pack = tarStream.pack();
  const parts: Buffer[] = [];
  pack.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise((resolve) => pack.on('end', resolve));
  for (const [name, body] of entries) pack.entry({ name }, body);
  pack.finalize();
  await done;
  return Buffer.concat(parts);
}

const codes = (r: Report) => r.diagnostics.map((d) => d.code);

test('each sample bundle: the journal findings, plus the SAN audit of its certificate and the address of its k0s.yaml', async (t) => {
  const alone = rules(await analyze([new URL('../samples/journals/k0s-reboot-race.json', import.meta.url).pathname]));
  t.true(alone.includes('cert-issued-before-address:error'));
  for (const name of ['sosreport-k0s-ctrl-1-2024-11-20-xkqwzfa.tar.xz', 'k0s-ctrl-1-node-dir.tar.gz']) {
    const report = await analyze([join(SAMPLES, name)]);
    t.is(report.boots.length, 1, name);
    for (const r of alone) t.true(rules(report).includes(r), `${name}: ${r}`);
    // What the bundle adds: the certificate file audited against the configured address.
    const audit = report.boots[0]!.sanAudits!.find((a) => a.origin === 'file')!;
    t.regex(audit.certificate, /var\/lib\/k0s\/pki\/server\.crt$/);
    t.like(audit.rows.find((row) => row.name === '192.168.2.10'), { inCertificate: false });
    t.deepEqual(report.expectedNames!.map((e) => e.name), ['192.168.2.10']);
    t.true(rules(report).includes('cert-missing-address:error'), name);
  }
});

test('the sosreport manifest: what each file was used as, the repeated journals read once', async (t) => {
  const report = await analyze([join(SAMPLES, 'sosreport-k0s-ctrl-1-2024-11-20-xkqwzfa.tar.xz')]);
  const [manifest] = report.bundles!;
  t.like(manifest, { container: 'tar.xz', layout: 'sosreport' });
  const file = (tail: string) => manifest!.files.find((f) => f.name.endsWith(tail))!;
  t.like(file('system.journal'), { use: 'journal-file' });
  t.like(file('journalctl_--no-pager'), { use: 'ignored', reason: 'duplicate-entries' });
  t.regex(file('journalctl_--no-pager').duplicateOf!, /system\.journal$/);
  t.like(file('journalctl_--no-pager_--boot'), { use: 'ignored', reason: 'duplicate' });
  t.like(file('systemctl_status_--all'), { use: 'log', as: 'systemctl-status' });
  t.like(file('etc/k0s/k0s.yaml'), { use: 'config', as: 'k0s' });
  t.like(file('host/hostname'), { use: 'ignored', reason: 'unknown' });
  // Events keep their own file: the journal's from the binary journal inside the archive.
  const sources = new Set(report.boots[0]!.events.map((e) => e.source.path.replace(/^.*\//, '')));
  t.true(sources.has('system.journal'));
});

test('supportconfig: sections split at their #==[ … ]==# headers, each read as what it holds', async (t) => {
  const report = await analyze([join(SAMPLES, 'scc_k0s-ctrl-1_241120_0930.txz')], { year: 2024, timeZone: 'UTC' });
  const files = report.bundles![0]!.files;
  t.is(report.bundles![0]!.layout, 'supportconfig');
  t.like(files.find((f) => f.name.endsWith('messages.txt#1')), { use: 'log', as: 'short' });
  t.like(files.find((f) => f.name.endsWith('k0s.txt#1')), { use: 'config', as: 'k0s' });
  t.true(rules(report).includes('cert-issued-before-address:error'));
  t.deepEqual(report.inputs.map((i) => i.skipped), [0, 0]);
});

test('zip and tar.bz2 are read too; a directory is a bundle; an archive of nothing readable is exit-2 input', async (t) => {
  const dir = scratch(t);
  const zip = join(dir, 'node.zip');
  writeFileSync(zip, fflate.zipSync({ 'node/var/log/syslog': new Uint8Array(JOURNAL), 'node/README': fflate.strToU8('notes\n') }));
  const report = await analyze([zip]);
  t.like(report.bundles![0], { container: 'zip' });
  t.true(rules(report).includes('cert-issued-before-address:error'));
  const tar = join(dir, 'node.tar');
  writeFileSync(tar, await tarOf([['var/log/syslog', JOURNAL]]));
  const { execFileSync } = await import('node:child_process');
  execFileSync('bzip2', ['-k', tar]);
  t.like((await analyze([`${tar}.bz2`])).bundles![0], { container: 'tar.bz2' });
  const tree = join(dir, 'tree');
  mkdirSync(join(tree, 'var/log'), { recursive: true });
  writeFileSync(join(tree, 'var/log/syslog'), JOURNAL);
  t.like((await analyze([tree])).bundles![0], { container: 'directory' });
  const empty = join(dir, 'empty.zip');
  writeFileSync(empty, fflate.zipSync({ 'a.txt': fflate.strToU8('hello\n') }));
  const error = await t.throwsAsync(analyze([empty]), { instanceOf: InputError });
  t.regex(error!.message, /no log bootlens reads in this archive \(1 file/);
});

test('hostile names: absolute and .. members are refused with a diagnostic and nothing is written', async (t) => {
  const dir = scratch(t);
  const marker = `bootlens-evil-${process.pid}`;
  const names = [`../../../../tmp/${marker}`, `/tmp/${marker}`, 'ok/../../x'];
  const tar = join(dir, 'evil.tar');
  writeFileSync(tar, await tarOf([...names.map((n): [string, string] => [n, 'pwned\n']), ['var/log/syslog', JOURNAL]]));
  const zip = join(dir, 'evil.zip');
  writeFileSync(zip, fflate.zipSync({ [`../${marker}`]: fflate.strToU8('pwned\n'), 'var/log/syslog': new Uint8Array(JOURNAL) }));
  const before = readdirSync(dir).sort();
  for (const path of [tar, zip]) {
    const report = await analyze([path]);
    t.true(codes(report).includes('bundle-unsafe-name'), path);
    t.true(report.bundles![0]!.files.some((f) => f.reason === 'unsafe-name'));
    t.true(rules(report).includes('cert-issued-before-address:error'), 'the rest is still read');
  }
  t.false(existsSync(`/tmp/${marker}`));
  t.deepEqual(readdirSync(dir).sort(), before);
});

test('a directory symlink pointing out of the tree is not followed', async (t) => {
  const dir = scratch(t);
  mkdirSync(join(dir, 'b/var/log'), { recursive: true });
  writeFileSync(join(dir, 'b/var/log/syslog'), JOURNAL);
  writeFileSync(join(dir, 'secret.log'), JOURNAL);
  symlinkSync(join(dir, 'secret.log'), join(dir, 'b/var/log/outside'));
  symlinkSync('syslog', join(dir, 'b/var/log/inside'));
  const report = await analyze([join(dir, 'b')]);
  t.true(codes(report).includes('bundle-symlink-outside'));
  const files = report.bundles![0]!.files;
  t.like(files.find((f) => f.name === 'var/log/outside'), { use: 'ignored', reason: 'symlink' });
  // Inside the tree it is followed, and its content is the same file's: read once.
  t.like(files.find((f) => f.name === 'var/log/inside'), { use: 'log' });
  t.like(files.find((f) => f.name === 'var/log/syslog'), { use: 'ignored', reason: 'duplicate' });
});

test('a zip bomb stops at the compression ratio, a tar.gz bomb too; the members before it are read', async (t) => {
  t.timeout(300_000); // 80 MiB expanded three times: seconds alone, a minute on a loaded machine
  const dir = scratch(t);
  const zeros = new Uint8Array(80 * 1024 * 1024);
  const zip = join(dir, 'bomb.zip');
  writeFileSync(zip, fflate.zipSync({ 'var/log/syslog': new Uint8Array(JOURNAL), 'zeros.bin': zeros }, { level: 9 }));
  const report = await analyze([zip]);
  t.true(codes(report).includes('bundle-ratio-limit'));
  t.true(rules(report).includes('cert-issued-before-address:error'));
  const tgz = join(dir, 'bomb.tar.gz');
  writeFileSync(tgz, gzipSync(await tarOf([['var/log/syslog', JOURNAL], ['zeros.bin', Buffer.from(zeros.buffer)]]), { level: 9 }));
  const r2 = await analyze([tgz]);
  t.true(codes(r2).includes('bundle-ratio-limit'));
  t.true(rules(r2).includes('cert-issued-before-address:error'));
  // The expanded-size limit, set low.
  const r3 = await analyze([tgz], { bundleLimits: { maxTotalBytes: 1024 * 1024 } });
  t.true(codes(r3).includes('bundle-size-limit'));
});

test('a 100,000-entry tar: the entry limit is a diagnostic, the log before it is read', async (t) => {
  t.timeout(300_000); // 100,000 headers packed and read: seconds alone, a minute on a loaded machine
  const dir = scratch(t);
  const entries: Array<[string, string | Buffer]> = [['var/log/syslog', JOURNAL]];
  for (let i = 0; i < 100_000; i++) entries.push([`junk/${i}`, '']);
  const tar = join(dir, 'many.tar');
  writeFileSync(tar, await tarOf(entries));
  const report = await analyze([tar]);
  t.true(codes(report).includes('bundle-entry-limit'));
  t.is(report.bundles![0]!.files.length, 10_000);
  t.is(report.bundles![0]!.filesNotListed, 100_001 - 10_000);
  t.true(rules(report).includes('cert-issued-before-address:error'));
});

test('truncated archives: a diagnostic, what came before is read, never a crash', async (t) => {
  const dir = scratch(t);
  const body = await tarOf([['var/log/syslog', JOURNAL], ['var/log/more', JOURNAL.subarray(0, 20_000)]]);
  const cuts: Array<[string, Buffer]> = [
    ['cut.tar', body.subarray(0, JOURNAL.length + 512 + 700)],
    ['cut.tar.gz', gzipSync(body).subarray(0, Math.floor(gzipSync(body).length * 0.7))],
    ['cut.zip', Buffer.from(fflate.zipSync({ 'var/log/syslog': new Uint8Array(JOURNAL), 'var/log/more': new Uint8Array(JOURNAL) }, { level: 0 })).subarray(0, JOURNAL.length + 200)],
  ];
  let readBefore = 0;
  for (const [name, bytes] of cuts) {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    let report: Report | null = null;
    try {
      report = await analyze([path]);
    } catch (error) {
      // Cut before any log was whole: the one clear input error.
      t.true(error instanceof InputError, `${name}: ${String(error)}`);
      continue;
    }
    t.true(codes(report).includes('bundle-truncated'), `${name}: ${codes(report).join(',')}`);
    if (rules(report).includes('cert-issued-before-address:error')) readBefore++;
  }
  t.true(readBefore >= 2, 'the tar and the zip cut after their first member still give its findings');
});

test('cli: analyze --list prints the manifest; check holds each sample bundle to its expectation file', async (t) => {
  const { runCli } = await import('./helpers/cli.js');
  const listed = runCli(['analyze', '--list', 'samples/bundles/sosreport-k0s-ctrl-1-2024-11-20-xkqwzfa.tar.xz']);
  t.is(listed.status, 0, listed.stderr);
  t.regex(listed.stdout, /tar\.xz, sosreport; 7 files, 4 used/);
  t.regex(listed.stdout, /ignored +\S+journalctl_--no-pager: its entries are read from \S+system\.journal/);
  t.regex(listed.stdout, /config +k0s +\S+etc\/k0s\/k0s\.yaml/);
  const notBundle = runCli(['analyze', '--list', 'samples/journals/k0s-reboot-race.json']);
  t.is(notBundle.status, 2);
  const check = runCli(['check', 'samples/bundles']);
  t.is(check.status, 0, check.stdout);
  t.regex(check.stdout, /checked 5 journals in samples\/bundles: 5 passed, 0 failed/);
});

test('a bundle of two nodes (talosctl support layout: a directory per node): kept apart, one report per node', async (t) => {
  const dir = scratch(t);
  const zip = join(dir, 'support.zip');
  // Two sample machines (samples/journals): k0s-ctrl-1 and kube1, each in its node directory.
  writeFileSync(zip, fflate.zipSync({
    '192.168.2.10/dmesg.log': new Uint8Array(0),
    '192.168.2.10/machined.log': new Uint8Array(readFileSync(new URL('../samples/journals/k0s-reboot-race.json', import.meta.url))),
    '192.168.2.23/machined.log': new Uint8Array(readFileSync(new URL('../samples/journals/kubeadm-address-changed.json', import.meta.url))),
  }));
  const report = await analyze([zip]);
  t.is(report.bundles![0]!.layout, 'talosctl-support');
  t.deepEqual(report.bundles![0]!.files.filter((f) => f.use === 'log').map((f) => f.node), ['192.168.2.10', '192.168.2.23']);
  t.deepEqual(report.boots.map((b) => b.hostname), ['k0s-ctrl-1', 'kube1', 'kube1']);
  const { reportsByNode } = await import('@bootlens/core');
  const nodes = reportsByNode(report);
  t.deepEqual(nodes.map((n) => [n.host, n.report.boots.map((b) => b.index)]), [['k0s-ctrl-1', [0]], ['kube1', [0, 1]]]);
  t.true(nodes[0]!.report.inputs.every((i) => i.path.includes('192.168.2.10/')));
  const { runCli } = await import('./helpers/cli.js');
  const text = runCli(['analyze', '--color', 'never', zip]).stdout;
  t.regex(text, /^== node k0s-ctrl-1 ==$/m);
  t.regex(text, /^== node kube1 ==$/m);
  t.regex(text, /^ kube1 +1 +2 /m);
});

test('logs of one boot split by service are each read; a log repeating another is read once (the talos and rancher samples)', async (t) => {
  // support.zip: one node's journal split into dmesg.log, machined.log, k0scontroller.log and
  // systemd-networkd.log: same host, same span, different entries. The race needs all of them.
  const talos = await analyze([join(SAMPLES, 'support.zip')]);
  t.deepEqual(talos.bundles![0]!.files.map((f) => [f.name, f.use, f.node]), [
    ['192.168.2.10/dmesg.log', 'log', '192.168.2.10'],
    ['192.168.2.10/k0scontroller.log', 'log', '192.168.2.10'],
    ['192.168.2.10/machined.log', 'log', '192.168.2.10'],
    ['192.168.2.10/systemd-networkd.log', 'log', '192.168.2.10'],
  ]);
  t.true(rules(talos).includes('cert-issued-before-address:error'));
  t.true(rules(talos).includes('network-online-before-address:warning'));
  // The rancher sample: journald/k0scontroller holds entries systemlogs/syslog holds too.
  const rancher = await analyze([join(SAMPLES, 'k0s-ctrl-1-2024-11-20_09_30_00.tar.gz')], { year: 2024, timeZone: 'UTC' });
  t.is(rancher.bundles![0]!.layout, 'rancher-logs-collector');
  t.like(rancher.bundles![0]!.files.find((f) => f.name.endsWith('journald/k0scontroller')), { use: 'ignored', reason: 'duplicate-entries' });
  t.true(rules(rancher).includes('cert-issued-before-address:error'));
});

test('configurations found in a bundle: k3s config.yaml and kubeadm ClusterConfiguration/InitConfiguration give expected names', async (t) => {
  const { configKind, expectedFromConfigText } = await import('../packages/core/src/certs/config.js');
  // /etc/rancher/k3s/config.yaml as the k3s docs show it (docs.k3s.io, "Configuration File").
  const k3s = 'write-kubeconfig-mode: "0644"\ntls-san:\n  - "foo.local"\n  - 10.0.1.227\nnode-ip: 10.0.1.227\nnode-label:\n  - "foo=bar"\n';
  t.is(configKind(k3s, true), 'k3s');
  t.is(configKind(k3s, false), null);
  t.deepEqual(expectedFromConfigText(k3s, 'k3s', 'etc/rancher/k3s/config.yaml').map((e) => [e.name, e.sources]), [
    ['10.0.1.227', ['etc/rancher/k3s/config.yaml node-ip', 'etc/rancher/k3s/config.yaml tls-san']],
    ['foo.local', ['etc/rancher/k3s/config.yaml tls-san']],
  ]);
  // kubeadm config as `kubeadm config print init-defaults` prints it, with the node's values.
  const kubeadm = [
    'apiVersion: kubeadm.k8s.io/v1beta3', 'kind: InitConfiguration', 'localAPIEndpoint:', '  advertiseAddress: 192.168.2.23', '  bindPort: 6443', '---',
    'apiVersion: kubeadm.k8s.io/v1beta3', 'kind: ClusterConfiguration', 'apiServer:', '  certSANs:', '  - kube1.lan', 'controlPlaneEndpoint: 192.168.2.23:6443', 'kubernetesVersion: 1.31.0', '',
  ].join('\n');
  t.is(configKind(kubeadm, false), 'kubeadm');
  t.deepEqual(expectedFromConfigText(kubeadm, 'kubeadm', 'kubeadm.yaml').map((e) => e.name), ['192.168.2.23', 'kube1.lan']);
});

test('a rancher2_logs_collector layout and an unknown layout are read by content', async (t) => {
  const dir = scratch(t);
  const tar = join(dir, 'k0s-ctrl-1-2024-11-20_09_30_00.tar');
  writeFileSync(tar, await tarOf([
    ['k0s-ctrl-1-2024-11-20_09_30_00/systeminfo/hostname', 'k0s-ctrl-1\n'],
    ['k0s-ctrl-1-2024-11-20_09_30_00/journald/k0scontroller', JOURNAL],
    ['k0s-ctrl-1-2024-11-20_09_30_00/systemlogs/syslog', readFileSync(new URL('../samples/journals/k0s-reboot-race.short', import.meta.url))],
  ]));
  const report = await analyze([tar], { year: 2024, timeZone: 'UTC' });
  const [manifest] = report.bundles!;
  t.is(manifest!.layout, 'rancher-logs-collector');
  t.like(manifest!.files.find((f) => f.name.endsWith('journald/k0scontroller')), { use: 'log', as: 'short-iso-precise' });
  // The syslog copy holds the same entries in a mode without fractions: read once.
  t.like(manifest!.files.find((f) => f.name.endsWith("systemlogs/syslog")), { use: "ignored", reason: "duplicate-entries" }, JSON.stringify(manifest!.files));
  t.is(report.boots.length, 1);
  t.true(rules(report).includes('cert-issued-before-address:error'));
  const plain = join(dir, 'plain.tar');
  writeFileSync(plain, await tarOf([['notes/boot.txt', JOURNAL]]));
  t.is((await analyze([plain])).bundles![0]!.layout, null);
});

test('a bundle path is escaped in Markdown and HTML, and made inert in text', async (t) => {
  const { renderHtml, renderMarkdown, renderText } = await import('@bootlens/core');
  const dir = scratch(t);
  const tree = join(dir, 'node<b>\x1b[31m');
  mkdirSync(join(tree, 'var/log'), { recursive: true });
  writeFileSync(join(tree, 'var/log/syslog'), JOURNAL);
  const report = await analyze([tree]);
  t.false(renderHtml(report).includes('node<b>'));
  t.true(renderHtml(report).includes('node&lt;b&gt;'));
  t.regex(renderMarkdown(report), /Bundle `[^`]*node&lt;b&gt;/);
  t.false(renderText(report).includes('\x1b[31m'));
});
