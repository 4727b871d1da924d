// Releases (issue 20): changesets versions the workspace's packages together (one fixed group),
// each package keeps a CHANGELOG.md whose newest entry is its version.
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers/cli.js';

interface Manifest { name: string; version: string; private?: boolean; dependencies?: Record<string, string> }
const packages = readdirSync(join(ROOT, 'packages')).map((dir) => ({
  dir,
  pkg: JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'package.json'), 'utf8')) as Manifest,
}));
const config = JSON.parse(readFileSync(join(ROOT, '.changeset/config.json'), 'utf8')) as { fixed: string[][]; access: string };

test('one fixed changesets group holds every published package of the workspace', (t) => {
  const published = packages.filter((p) => !p.pkg.private).map((p) => p.pkg.name).sort();
  t.true(published.length >= 2);
  t.deepEqual(config.fixed.map((group) => [...group].sort()), [published]);
  t.is(config.access, 'public');
});

test('the packages share one version, and each CHANGELOG.md starts at it', (t) => {
  const versions = new Set(packages.map((p) => p.pkg.version));
  t.is(versions.size, 1, [...versions].join(', '));
  for (const { dir, pkg } of packages) {
    const log = readFileSync(join(ROOT, 'packages', dir, 'CHANGELOG.md'), 'utf8');
    t.is(log.split('\n')[0], `# ${pkg.name}`);
    t.is(/^## (\S+)$/m.exec(log)?.[1], pkg.version, `${dir}/CHANGELOG.md`);
  }
});

test('the CLI depends on the core of the same workspace', (t) => {
  t.is(packages.find((p) => p.pkg.name === '@bootlens/cli')!.pkg.dependencies!['@bootlens/core'], 'workspace:*');
});
