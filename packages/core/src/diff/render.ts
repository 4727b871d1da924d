import type Table from 'cli-table3';
import { createRequire } from 'node:module';
import { inert } from '../report/inert.js';
import { formatSeconds } from '../time.js';
import type { BootDiff, Delta, OrderPair, Regression } from './diff.js';
import { pushAll } from '../util/bounded.js';

// cli-table3 (CommonJS) is loaded when a table is first drawn, not at start-up: `analyze --format
// json` never draws one (issue 9, round 3).
const requireHere = createRequire(import.meta.url);
const newTable = (options: Table.TableConstructorOptions): Table.Table => new (requireHere('cli-table3') as typeof Table)(options);

function side(s: BootDiff['a']): string {
  return `${s.path} boot ${s.index + 1}/${s.boots}${s.bootId ? ` (${s.bootId.slice(0, 12)})` : ''}${s.hostname ? ` · ${s.hostname}` : ''}`;
}

function t(us: number | null): string {
  return us === null ? '—' : formatSeconds(us);
}

function signed(us: number | null): string {
  return us === null ? '—' : `${us > 0 ? '+' : us < 0 ? '−' : '±'}${formatSeconds(Math.abs(us))}`;
}

function pct(p: number | null): string {
  return p === null ? '' : `${p > 0 ? '+' : p < 0 ? '−' : '±'}${Math.abs(p).toFixed(0)}%`;
}

function deltaLine(d: Delta): string {
  if (d.aUs === null && d.bUs === null) return 'not in either boot';
  if (d.deltaUs === null) return `${t(d.aUs)} → ${t(d.bUs)}`;
  return `${t(d.aUs)} → ${t(d.bUs)} (${signed(d.deltaUs)}${d.growthPct === null ? '' : `, ${pct(d.growthPct)}`})`;
}

const RELATION_WORD = { before: 'before', after: 'after', same: 'at the same time as', missing: '(missing)' } as const;

function other(p: OrderPair): string {
  return p.kind === 'address-vs-certificate' ? `${p.other}'s first certificate` : p.other;
}

export function orderSentence(p: OrderPair): string {
  const addr = `${p.address}${p.interface ? ` (${p.interface})` : ''}`;
  return `${addr} appeared ${RELATION_WORD[p.a]} ${other(p)} in A, ${RELATION_WORD[p.b]} it in B`;
}

export interface DiffRenderOptions {
  /** Regressions found with `--fail-on-regression`, and its threshold. */
  regressions?: readonly Regression[];
  percent?: number;
  /** At most this many unit rows in text (default 15); markdown and JSON hold all. */
  maxUnits?: number;
}

function regressionLines(options: DiffRenderOptions): string[] {
  if (options.percent === undefined) return [];
  const r = options.regressions ?? [];
  if (r.length === 0) return [`No regression above ${options.percent}%.`];
  return [`Regressions above ${options.percent}%:`, ...r.map((x) => `  ${x.what}: ${x.reason === 'never-reached' ? `${t(x.aUs)} → never reached` : `${t(x.aUs)} → ${t(x.bUs)} (${pct(x.growthPct)})`}`)];
}

/** The diff for a terminal: sections of plain lines and a unit table that fits 80 columns. */
export function renderDiffText(diff: BootDiff, options: DiffRenderOptions = {}): string {
  const out: string[] = [];
  out.push(`A: ${inert(side(diff.a))}`, `B: ${inert(side(diff.b))}`);
  if (!diff.sameTimeBasis) out.push(`note: A's times are ${diff.a.timeBasis}, B's ${diff.b.timeBasis}: deltas compare different clocks`);
  out.push('');
  out.push(`network-online.target: ${deltaLine(diff.networkOnline)}`);
  const la = diff.lastAddress;
  out.push(`last address:          ${deltaLine(la)}${la.aAddress || la.bAddress ? ` [${la.aAddress ?? '—'} → ${la.bAddress ?? '—'}]` : ''}`);
  out.push('');
  const flips = diff.orders.filter((p) => p.flipped);
  out.push(flips.length === 0 ? `Order: nothing flipped (${diff.orders.length} pair${diff.orders.length === 1 ? '' : 's'} compared)` : 'Order flipped:');
  for (const p of flips) out.push(`  ${orderSentence(p)}`);
  out.push('');
  const f = diff.findings;
  if (f.appeared.length + f.resolved.length + f.changed.length === 0) out.push(`Findings: no change (${f.unchanged} in both)`);
  else {
    out.push(`Findings: ${f.appeared.length} new, ${f.resolved.length} resolved, ${f.changed.length} changed, ${f.unchanged} unchanged`);
    for (const c of f.appeared) out.push(`  + ${inert(c.key)} (${c.b!.severity})`);
    for (const c of f.resolved) out.push(`  - ${inert(c.key)} (${c.a!.severity})`);
    for (const c of f.changed) out.push(`  ~ ${inert(c.key)} (${c.a!.severity} → ${c.b!.severity})`);
  }
  out.push('');
  const units = diff.units;
  if (units.length === 0) out.push('Units: no start durations (no Starting/Started pairs) in either boot');
  else {
    const max = options.maxUnits ?? 15;
    const table = newTable({
      head: ['unit', 'A', 'B', 'change', '%'],
      colWidths: [37, 9, 9, 10, 7],
      wordWrap: true,
      wrapOnWordBoundary: false,
      style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 0 },
      chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: ' ' },
    });
    for (const u of units.slice(0, max)) table.push([inert(u.unit), t(u.aUs), t(u.bUs), signed(u.deltaUs), pct(u.growthPct)]);
    out.push('Unit start durations (Starting → Started/Finished), largest change first:');
    out.push(table.toString().replace(/[ \t]+$/gm, ''));
    if (units.length > max) out.push(`  … and ${units.length - max} more (--format json or markdown lists all)`);
  }
  const reg = regressionLines(options);
  if (reg.length > 0) pushAll(out, ['', ...reg]);
  return `${out.join('\n')}\n`;
}

function md(text: string): string {
  return inert(text).replace(/([\\`*_|<>[\]])/g, '\\$1');
}

/** The diff as GitHub-flavoured markdown (a PR comment, a job summary). */
export function renderDiffMarkdown(diff: BootDiff, options: DiffRenderOptions = {}): string {
  const out: string[] = ['## bootlens diff', ''];
  out.push(`- **A**: ${md(side(diff.a))}`, `- **B**: ${md(side(diff.b))}`);
  if (!diff.sameTimeBasis) out.push(`- note: A's times are ${diff.a.timeBasis}, B's ${diff.b.timeBasis}: deltas compare different clocks`);
  out.push('', '| time to | A | B | change |', '| --- | ---: | ---: | ---: |');
  out.push(`| network-online.target | ${t(diff.networkOnline.aUs)} | ${t(diff.networkOnline.bUs)} | ${signed(diff.networkOnline.deltaUs)} ${pct(diff.networkOnline.growthPct)} |`);
  const la = diff.lastAddress;
  out.push(`| last address | ${t(la.aUs)} ${la.aAddress ? md(la.aAddress) : ''} | ${t(la.bUs)} ${la.bAddress ? md(la.bAddress) : ''} | ${signed(la.deltaUs)} ${pct(la.growthPct)} |`);
  out.push('', '### Order');
  const flips = diff.orders.filter((p) => p.flipped);
  if (flips.length === 0) out.push('', `Nothing flipped (${diff.orders.length} pairs compared).`);
  else pushAll(out, ['', ...flips.map((p) => `- **flipped**: ${md(orderSentence(p))}`)]);
  out.push('', '### Findings', '');
  const f = diff.findings;
  if (f.appeared.length + f.resolved.length + f.changed.length === 0) out.push(`No change (${f.unchanged} in both).`);
  for (const c of f.appeared) out.push(`- new: \`${inert(c.key).replace(/`/g, "'")}\` (${c.b!.severity})`);
  for (const c of f.resolved) out.push(`- resolved: \`${inert(c.key).replace(/`/g, "'")}\` (${c.a!.severity})`);
  for (const c of f.changed) out.push(`- changed: \`${inert(c.key).replace(/`/g, "'")}\` (${c.a!.severity} → ${c.b!.severity})`);
  out.push('', '### Unit start durations', '');
  if (diff.units.length === 0) out.push('No Starting/Started pairs in either boot.');
  else {
    out.push('| unit | A | B | change | % |', '| --- | ---: | ---: | ---: | ---: |');
    for (const u of diff.units) out.push(`| ${md(u.unit)} | ${t(u.aUs)} | ${t(u.bUs)} | ${signed(u.deltaUs)} | ${pct(u.growthPct)} |`);
  }
  const reg = regressionLines(options);
  if (reg.length > 0) pushAll(out, ['', '### Regressions', '', ...reg.map((l, i) => (i === 0 ? l : `- ${l.trim()}`))]);
  return `${out.join('\n')}\n`;
}
