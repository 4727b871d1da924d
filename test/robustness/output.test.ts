/**
 * Output safety: log text that carries terminal escapes, control characters, HTML or Markdown
 * reaches every renderer inert. Inputs are json journals, whose MESSAGE keeps raw control bytes
 * (pastes lose them to ANSI stripping on input), carrying the shared corpus (corpus.ts).
 */
import test from 'ava';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, renderHtml, renderMarkdown, renderText, type Report } from '@bootlens/core';
import { ROOT } from '../helpers/cli.js';
import { CORPUS, HOSTILE, hostileJournal, TERMINAL_UNSAFE } from './corpus.js';
import { cli } from './helpers.js';

const DIR = join(ROOT, 'test-artifacts', 'robustness');
mkdirSync(DIR, { recursive: true });
const A = join(DIR, 'hostile-a.json');
const B = join(DIR, 'hostile-b.json');
writeFileSync(A, hostileJournal());
// B's boot id is hostile too: json carries any _BOOT_ID.
writeFileSync(B, hostileJournal(`0d1e\x1b]8;;https://evil/\x07${CORPUS[0]}`, 300_000));
const report = () => analyze([A]);

/** Terminal text: no raw controls, no escape sequence but the SGR colours bootlens adds itself. */
function assertTerminalSafe(t: import('ava').ExecutionContext, text: string, what: string, color = false) {
  const own = color ? text.replace(/\x1b\[\d+m/g, '') : text;
  const bad = TERMINAL_UNSAFE.exec(own);
  t.is(bad, null, `${what}: raw ${JSON.stringify(bad?.[0])} at ${bad?.index}: ${JSON.stringify(own.slice(Math.max(0, (bad?.index ?? 0) - 40), (bad?.index ?? 0) + 40))}`);
  t.false(/\r(?!\n)/.test(own), `${what}: a lone carriage return`);
}

test('the corpus reaches the report: events and findings carry it', async (t) => {
  const r = await report();
  t.true(r.boots[0]!.events.length >= 6);
  t.true(r.boots[0]!.findings.length >= 1);
  t.true(r.boots[0]!.events.some((e) => e.message.includes('\x1b]8;;')), 'raw OSC 8 in a message');
  t.true(r.boots[0]!.hostname!.includes('\x1b'), 'raw ESC in the host name');
});

test('text: no raw control characters or escapes, with and without colour; escapes shown visibly', async (t) => {
  const r = await report();
  for (const [color, verbose] of [[false, false], [false, true], [true, true]] as const) {
    const text = renderText(r, { color, verbose });
    assertTerminalSafe(t, text, `text color=${color} verbose=${verbose}`, color);
    t.true(text.includes('\\x1b'), 'ESC made visible');
  }
  // Diagnostics quote skipped lines: those are made inert too.
  const skipped = await analyze([{ path: 'bad\x1b[2J.json', content: `${hostileJournal()}not json ${HOSTILE}\n` }]);
  assertTerminalSafe(t, renderText(skipped), 'text with a skipped hostile line');
});

test('markdown: HTML escaped, controls visible, fences cannot be closed from the log', async (t) => {
  const md = renderMarkdown(await report()) + renderMarkdown(await analyze([B]));
  const fences = [...md.matchAll(/^(`{3,})[^\n]*\n([\s\S]*?)\n\1$/gm)];
  const outside = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
  for (const needle of ['<script', '<img', '<svg', '<!--', '](javascript:']) t.false(outside.includes(needle), `${needle} outside fences`);
  t.true(outside.includes('&lt;script&gt;'));
  // Inside a fence, no line may be a fence as long as the one around it.
  for (const [, fence, body] of fences) t.false(body!.split('\n').some((l) => l.startsWith(fence!)), 'a fence closed early');
  assertTerminalSafe(t, md.replace(/\u2028|\u2029/g, ''), 'markdown');
});

test('html: log text escaped everywhere; one script, our own; the data block cannot be closed', async (t) => {
  const html = renderHtml(await report());
  const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
  t.is(scripts.length, 2, 'the JSON data block and the page script');
  t.regex(scripts[0]![0], /^<script type="application\/json" id="bootlens-data">/);
  const markup = html.replace(scripts[0]![0], '');
  for (const needle of ['<img', '<svg onload', "onmouseover='", '<!-- comment']) t.false(markup.includes(needle), needle);
  t.false(scripts[0]![1]!.includes('<'), 'no < inside the JSON block');
  const data = JSON.parse(scripts[0]![1]!) as { boots: Array<{ events: Array<{ line: string }> }> };
  t.true(data.boots[0]!.events.some((e) => e.line.includes(CORPUS[0]!)), 'the data keeps the exact text for textContent');
});

test('json: valid, exact (the text is data), and no raw ESC or C0 on the wire', async (t) => {
  const run = await cli(['analyze', '-f', 'json', A]);
  const parsed = JSON.parse(run.stdout) as Report;
  t.true(parsed.boots[0]!.events.some((e) => e.message.includes('\x1b]8;;https://evil.example/\x07')), 'messages kept exactly');
  t.false(/[\x00-\x09\x0b-\x1f]/.test(run.stdout), 'JSON escapes C0 and ESC');
});

test('cli text output of analyze, timeline, blame, critical-chain, check and diff is inert', async (t) => {
  const runs: Array<[string, string[]]> = [
    ['analyze', ['analyze', '-v', A]],
    ['analyze --color always', ['analyze', '--color', 'always', A]],
    ['timeline', ['timeline', A]],
    ['blame', ['blame', A]],
    ['critical-chain', ['critical-chain', A]],
    ['check', ['check', '--jobs', '1', A, B]],
    ['diff', ['diff', A, B]],
    ['diff markdown', ['diff', '--format', 'markdown', A, B]],
    ['analyze B', ['analyze', '-v', B]],
    ['blame B', ['blame', B]],
    ['critical-chain B', ['critical-chain', B]],
    ['timeline B', ['timeline', B]],
    ['timeline B --boot', ['timeline', '--boot', 'nope', B]],
  ];
  for (const [what, args] of runs) {
    const run = await cli(args);
    t.true(run.code <= (what.includes('--boot') ? 2 : 1), `${what}: exit ${run.code} ${run.stderr}`);
    assertTerminalSafe(t, run.stdout + run.stderr, what, what.includes('color'));
  }
  t.regex((await cli(['timeline', A])).stdout, /\\x1b/, 'timeline shows the hostile text, escaped');
});
