import test from 'ava';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { analyze, renderHtml, renderMarkdown, renderText, reportJsonSchema } from '@bootlens/core';
import { escapeMarkdown, fenced } from '../packages/core/src/report/markdown.js';
import { matchesGolden, ROOT, runCli } from './helpers/cli.js';
import { analyzeText } from './helpers/analyze.js';

const SCHEMA_PATH = join(ROOT, 'packages/core/schema/report.schema.json');

test('the checked-in JSON Schema is the one generated from the zod schema (run `pnpm schema` after changing the model)', (t) => {
  t.deepEqual(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')), JSON.parse(JSON.stringify(reportJsonSchema())));
});

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));

for (const file of ['k0s-reboot-race.json', 'k0s-healthy.short-iso-precise', 'k0s-reboot-race.short-iso']) {
  test(`--format json output for ${file} validates against the published JSON Schema`, (t) => {
    const result = runCli(['analyze', '-f', 'json', `samples/journals/${file}`]);
    const ok = validate(JSON.parse(result.stdout));
    t.true(ok, JSON.stringify(validate.errors?.slice(0, 3)));
  });
}

test('a report with a schema violation is rejected by the JSON Schema (the check can fail)', (t) => {
  t.false(validate({ schemaVersion: 1, inputs: [], diagnostics: [], boots: [{ index: 0 }] }));
});

for (const sample of ['k0s-reboot-race', 'k0s-healthy']) {
  test(`markdown report for ${sample} matches its golden file`, (t) => {
    const result = runCli(['analyze', '--format', 'markdown', `samples/journals/${sample}.json`]);
    matchesGolden(t, `${sample}.json.md`, result.stdout);
  });
}

test('markdown: verdict, findings table, evidence folded, remediation fenced', async (t) => {
  const md = renderMarkdown(await analyze([join(ROOT, 'samples/journals/k0s-reboot-race.json')]));
  t.regex(md, /^# bootlens report/);
  t.regex(md, /❌ \*\*\d+ errors?/);
  t.regex(md, /\| 🔴 error \| `cert-issued-before-address` \|/);
  t.regex(md, /<details><summary>Evidence \(\d+ lines\)<\/summary>/);
  t.regex(md, /```text\nWhat happened: k0s/);
});

// An injection corpus: HTML, Markdown, terminal escapes (CSI, OSC 8 links), carriage returns, bidi overrides.
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>`](javascript:alert(3))|\x1b[2J\x1b]8;;http://evil\x07link\x1b]8;;\x07\rX\u202e';

async function hostileReport() {
  // A real networkd DHCPv4 line shape (systemd#23005) whose interface name carries the corpus.
  const iface = `eth0${HOSTILE.replace(/[\s:]/g, '')}`;
  const text = [
    '2024-11-20T09:27:02.812114+0000 node-0 systemd[1]: Reached target network-online.target - Network is Online.',
    `2024-11-20T09:27:08.751309+0000 node-0 systemd-networkd[412]: ${iface}: DHCPv4 address 192.168.2.10/24, gateway 192.168.2.1 acquired from 192.168.2.1`,
    `2024-11-20T09:27:09.000000+0000 node-0 ${HOSTILE.replace(/[\s[\]:]/g, '')}[1]: ${HOSTILE}`,
  ].join('\n');
  return analyzeText(text, 'hostile.log');
}

test('injection: terminal output carries no control characters from logs', async (t) => {
  const text = renderText(await hostileReport(), { verbose: true });
  t.notRegex(text, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
  // The bidi override survives parsing (ANSI sequences are stripped from pastes) and is shown escaped.
  t.regex(text, /\\u202e/);
});

test('injection: markdown escapes HTML and cannot break out of a fence', async (t) => {
  const md = renderMarkdown(await hostileReport());
  // Inside fenced blocks text is literal; everywhere else HTML must arrive escaped.
  const outsideFences = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
  t.true(md.includes('<script>'), 'the corpus reaches the evidence block');
  t.false(outsideFences.includes('<script>'));
  t.false(outsideFences.includes('<img'));
  t.true(outsideFences.includes('&lt;script&gt;'));
  t.notRegex(md, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  t.is(escapeMarkdown('[x](javascript:y)'), '\\[x\\](javascript:y)');
  t.is(fenced('a ``` b'), '````\na ``` b\n````');
});

test('injection: html escapes log text; only its own script may run (CSP by hash)', async (t) => {
  const html = renderHtml(await hostileReport());
  t.false(html.includes('<script>alert'));
  t.false(html.includes('<img src=x'));
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  t.is(scripts.length, 1);
  const hash = createHash('sha256').update(scripts[0]!).digest('base64');
  t.regex(html, new RegExp(`script-src 'sha256-${hash.replace(/[+/]/g, '\\$&')}'`));
  t.regex(html, /default-src 'none'/);
});

test('html is self-contained: no external scripts, styles, images or fonts', async (t) => {
  const html = renderHtml(await analyze([join(ROOT, 'samples/journals/k0s-reboot-race.json')]));
  t.notRegex(html, /<(?:script|img|link|iframe)[^>]+(?:src|href)=/i);
  t.notRegex(html, /url\(/);
  t.regex(html, /<svg /);
  t.regex(html, /class="race"/);
});

test('analyze -o writes the report to a file', (t) => {
  // Its own directory: test-artifacts/ exists only once another test file made it.
  const dir = mkdtempSync(join(tmpdir(), 'bootlens-o-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'cli-output.html');
  const result = runCli(['analyze', '--format', 'html', '-o', out, 'samples/journals/k0s-reboot-race.json']);
  t.is(result.status, 1);
  t.is(result.stdout, '');
  t.regex(readFileSync(out, 'utf8'), /^<!doctype html>/);
});

test('bootlens rules lists every rule with its docs page', async (t) => {
  const { RULES } = await import('@bootlens/core');
  const text = runCli(['rules']);
  t.is(text.status, 0);
  const json = JSON.parse(runCli(['rules', '--format', 'json']).stdout) as Array<{ id: string; docs: string }>;
  t.deepEqual(json.map((r) => r.id), RULES.map((r) => r.id));
  for (const r of json) {
    t.is(r.docs, `docs/rules/${r.id}.md`);
    t.true(text.stdout.includes(r.id));
  }
});
