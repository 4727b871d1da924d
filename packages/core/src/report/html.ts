import { failedUnitCause, failedUnitHow, failedUnitName, isOk, reasonsText, verdictNotes } from './verdict.js';
import { createHash } from 'node:crypto';
import type { TimelineEvent } from '../model/event.js';
import type { Finding } from '../model/finding.js';
import type { Boot, Report } from '../model/report.js';
import { sinceBootUs } from '../timeline/time.js';
import { describeEvent, omittedText, runText } from './events.js';
import { maxOf } from '../util/bounded.js';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON inside a `<script type="application/json">` block: `<` escaped so no text can close the block. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

interface Lane {
  label: string;
  events: TimelineEvent[];
}

/** Which lane an event is drawn in: per interface, network-online, per issuing component, clients, units. */
function laneOf(e: TimelineEvent): string | null {
  switch (e.kind) {
    case 'target-reached':
      return e.unit === 'network-online.target' || e.unit === 'network.target' ? 'network-online' : null;
    case 'unit-job':
      return e.unit !== null && /wait-online/.test(e.unit) ? 'network-online' : null;
    case 'api-address-selected':
    case 'sans-configured':
    case 'cert-issued':
      return `certificates: ${e.component}`;
    case 'tls-verify-failed':
    case 'tls-handshake-failed':
      return 'TLS clients';
    default:
      return 'interface' in e && typeof e.interface === 'string' && e.interface !== 'lo' ? `interface ${e.interface}` : null;
  }
}

function lanes(boot: Boot): Lane[] {
  const byLabel = new Map<string, Lane>();
  // One marker per log line and lane: a DHCP line that is both a lease and an address is one dot.
  const drawn = new Set<string>();
  for (const e of boot.events) {
    const label = laneOf(e);
    if (label === null) continue;
    const key = `${label}\0${e.source.path}\0${e.source.line}`;
    if (drawn.has(key)) continue;
    drawn.add(key);
    let lane = byLabel.get(label);
    if (!lane) byLabel.set(label, (lane = { label, events: [] }));
    lane.events.push(e);
  }
  const order = (l: Lane) => (l.label.startsWith('interface') ? 0 : l.label === 'network-online' ? 1 : l.label.startsWith('certificates') ? 2 : 3);
  return [...byLabel.values()].sort((a, b) => order(a) - order(b));
}

/** Spans of units whose start and finish the journal shows (Starting … → Started/Finished/Failed …). */
function unitSpans(boot: Boot): Array<{ unit: string; startUs: number; endUs: number; failed: boolean }> {
  const open = new Map<string, number>();
  const spans: Array<{ unit: string; startUs: number; endUs: number; failed: boolean }> = [];
  for (const e of boot.events) {
    if (e.kind !== 'unit-job' || e.unit === null) continue;
    const t = sinceBootUs(e, boot);
    if (t === null) continue;
    if (e.phase === 'starting') open.set(e.unit, t);
    else if ((e.phase === 'started' || e.phase === 'finished' || e.phase === 'failed') && open.has(e.unit)) {
      spans.push({ unit: e.unit, startUs: open.get(e.unit)!, endUs: t, failed: e.phase === 'failed' });
      open.delete(e.unit);
    }
  }
  return spans.filter((s) => /wait-online|k0s|k3s|rke2|kubelet|etcd|networkd|NetworkManager/.test(s.unit));
}

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{padding:12px 20px;background:#fff;border-bottom:1px solid #ddd}
h1{font-size:18px;margin:0 0 4px}h2{font-size:16px;margin:16px 0 8px}
.verdict.bad{color:#b00020}.verdict.ok{color:#1b7f3b}
section.boot{padding:0 20px}main{display:flex;gap:16px;padding-bottom:20px;flex-wrap:wrap}
.timeline{flex:3 1 640px;min-width:0}.side{flex:1 1 300px}
svg{background:#fff;border:1px solid #ddd;width:100%;height:auto}
.lane-label{font-size:12px;fill:#444}.axis{stroke:#999}.tick{font-size:10px;fill:#666}
.ev{cursor:pointer;stroke:#fff;stroke-width:1}.ev:hover,.ev.sel{stroke:#000;stroke-width:2}
.k-address-added{fill:#1b7f3b}.k-link-up{fill:#4caf50}.k-link-down,.k-address-removed{fill:#9e9e9e}
.k-target-reached{fill:#1565c0}.k-unit-job{fill:#64b5f6}.k-cert-issued{fill:#e65100}
.k-api-address-selected,.k-sans-configured{fill:#ffb74d}.k-tls-verify-failed,.k-tls-handshake-failed{fill:#b00020}
.span{fill:#bbdefb}.span.failed{fill:#ef9a9a}.race{fill:#b00020;fill-opacity:.12;stroke:#b00020;stroke-dasharray:4 3}
.race-label{font-size:11px;fill:#b00020;font-weight:600}
.finding{background:#fff;border:1px solid #ddd;border-left:4px solid #999;padding:8px 10px;margin-bottom:10px}
.finding.error{border-left-color:#b00020}.finding.warning{border-left-color:#e65100}.finding.info{border-left-color:#1565c0}
.finding pre,#detail pre{white-space:pre-wrap;word-break:break-word;font-size:12px;background:#f4f4f4;padding:6px}
#detail{position:sticky;top:0;z-index:1;background:#fff;border-bottom:1px solid #ddd;padding:8px 20px;min-height:60px}
.sev{font-weight:700;text-transform:uppercase;font-size:12px}
`;

// Selecting an event shows its log line and source; the data come from the JSON block, never from markup.
const SCRIPT = `
(function(){
  var data=JSON.parse(document.getElementById('bootlens-data').textContent);
  var detail=document.getElementById('detail');
  function show(el){
    var b=data.boots[+el.getAttribute('data-boot')],e=b&&b.events[+el.getAttribute('data-event')];
    if(!e)return;
    document.querySelectorAll('.ev.sel').forEach(function(x){x.classList.remove('sel')});
    el.classList.add('sel');
    detail.textContent='';
    var h=document.createElement('div');h.textContent=e.time+'  '+e.kind+'  '+e.detail;
    var src=document.createElement('div');src.textContent=e.source;
    var pre=document.createElement('pre');pre.textContent=e.line;
    detail.appendChild(h);detail.appendChild(src);detail.appendChild(pre);
  }
  document.querySelectorAll('.ev').forEach(function(el){
    el.addEventListener('click',function(){show(el)});
    el.addEventListener('mouseenter',function(){show(el)});
    el.addEventListener('keydown',function(k){if(k.key==='Enter')show(el)});
  });
})();
`;

function seconds(us: number): string {
  return `${(us / 1e6).toFixed(3)}s`;
}

function svgFor(boot: Boot, bootIndex: number): string {
  const laneList = lanes(boot);
  const spans = unitSpans(boot);
  const times = boot.events.map((e) => sinceBootUs(e, boot)).filter((t): t is number => t !== null);
  if (laneList.length === 0 || times.length === 0) return '<p>No timeline events in this boot.</p>';
  // Scale to where the story is: clients retrying for minutes would squeeze the boot into a corner.
  // Later events are drawn at the right edge with their real time in the tooltip.
  const storyTimes = boot.events.filter((e) => e.kind !== 'tls-verify-failed' && e.kind !== 'tls-handshake-failed').map((e) => sinceBootUs(e, boot)).filter((t): t is number => t !== null);
  const maxUs = maxOf(spans.map((s) => s.endUs), maxOf(storyTimes.length > 0 ? storyTimes : times)) * 1.12 || 1;
  const left = 170, width = 1000, plot = width - left - 20, laneH = 34, top = 30;
  const height = top + (laneList.length + (spans.length > 0 ? 1 : 0)) * laneH + 30;
  const x = (us: number) => left + (Math.min(us, maxUs) / maxUs) * plot;
  const parts: string[] = [`<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="boot timeline" data-boot="${bootIndex}">`];
  // Axis with ~10 ticks.
  const step = niceStep(maxUs / 10);
  for (let t = 0; t <= maxUs; t += step) {
    parts.push(`<line class="axis" x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${top - 6}" y2="${height - 24}" stroke-opacity="0.25"/>`);
    parts.push(`<text class="tick" x="${x(t).toFixed(1)}" y="${height - 8}" text-anchor="middle">${(t / 1e6).toFixed(step < 1e6 ? 1 : 0)}s</text>`);
  }
  // The race: the gap between issuance and the address appearing.
  for (const f of boot.findings) {
    if (f.rule !== 'cert-issued-before-address') continue;
    const from = f.details['issuedAtMs'], to = f.details['addressAppearedAtMs'];
    if (typeof from !== 'number' || typeof to !== 'number') continue;
    const x1 = x(from * 1000), x2 = x(to * 1000);
    parts.push(`<rect class="race" data-rule="${escapeHtml(f.rule)}" x="${x1.toFixed(1)}" y="${top - 10}" width="${Math.max(2, x2 - x1).toFixed(1)}" height="${height - top - 14}"><title>${escapeHtml(f.summary)}</title></rect>`);
    parts.push(`<text class="race-label" x="${((x1 + x2) / 2).toFixed(1)}" y="${top - 14}" text-anchor="middle">race: ${escapeHtml(String(f.details['address']))} ${seconds((to - from) * 1000)} late</text>`);
  }
  laneList.forEach((lane, i) => {
    const y = top + i * laneH + laneH / 2;
    parts.push(`<text class="lane-label" x="8" y="${y + 4}">${escapeHtml(lane.label)}</text>`);
    parts.push(`<line class="axis" x1="${left}" x2="${width - 20}" y1="${y}" y2="${y}"/>`);
    let clampedLabel = false;
    for (const e of lane.events) {
      const t = sinceBootUs(e, boot);
      if (t === null) continue;
      const index = boot.events.indexOf(e);
      if (t > maxUs && !clampedLabel) {
        clampedLabel = true;
        parts.push(`<text class="tick" x="${(x(t) - 10).toFixed(1)}" y="${y - 9}" text-anchor="end">→ ${seconds(t)}</text>`);
      }
      const run = runText(e, boot);
      parts.push(`<circle class="ev k-${e.kind}" tabindex="0" data-boot="${bootIndex}" data-event="${index}" data-kind="${e.kind}" cx="${x(t).toFixed(1)}" cy="${y}" r="6"><title>${escapeHtml(`${seconds(t)} ${describeEvent(e)}${run ? ` (${run})` : ''}`)}</title></circle>`);
    }
  });
  if (spans.length > 0) {
    const y = top + laneList.length * laneH + laneH / 2;
    parts.push(`<text class="lane-label" x="8" y="${y + 4}">units</text>`);
    spans.forEach((s, i) => {
      const yy = y - 10 + (i % 3) * 7;
      parts.push(`<rect class="span${s.failed ? ' failed' : ''}" x="${x(s.startUs).toFixed(1)}" y="${yy}" width="${Math.max(2, x(s.endUs) - x(s.startUs)).toFixed(1)}" height="6"><title>${escapeHtml(`${s.unit}: ${seconds(s.startUs)} → ${seconds(s.endUs)}`)}</title></rect>`);
    });
  }
  parts.push('</svg>');
  return parts.join('');
}

function niceStep(raw: number): number {
  const pow = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

function omittedHtml(boot: Boot): string {
  const text = omittedText(boot.eventsOmitted);
  return text ? `<p class="omitted">${escapeHtml(text)}; <code>bootlens analyze --all-events</code> writes them all.</p>` : '';
}

function findingHtml(f: Finding): string {
  const evidence = f.evidence.map((s) => `${s.path}:${s.line}`).join('\n');
  return `<div class="finding ${f.severity}" data-rule="${escapeHtml(f.rule)}"><span class="sev">${f.severity}</span> <code>${escapeHtml(f.rule)}</code>` +
    `<p>${escapeHtml(f.summary)}</p><details><summary>Evidence (${f.evidence.length})</summary><pre>${escapeHtml(evidence)}</pre></details>` +
    `<details><summary>Remediation</summary><pre>${escapeHtml(f.remediation)}</pre></details></div>`;
}

/** The failed units, like `systemctl --failed`. */
function failedUnitsHtml(boot: Boot): string {
  const units = boot.failedUnits ?? [];
  if (units.length === 0) return '';
  const items = units.map((f) => `<li><code>${escapeHtml(failedUnitName(f))}</code> ${escapeHtml(failedUnitHow(f))}; cause: ${escapeHtml(failedUnitCause(f))} ` +
    `(line ${f.evidence.map((s) => s.line).join(', ')})</li>`);
  const more = boot.failedUnitsOmitted ? `<li>… and ${boot.failedUnitsOmitted} more</li>` : '';
  return `<h2>Failed units (${units.length + (boot.failedUnitsOmitted ?? 0)})</h2><ul>${items.join('')}${more}</ul>`;
}

/**
 * One self-contained HTML file: no network, no external assets. An SVG timeline per boot (a lane
 * per interface, network-online, each certificate-issuing component, TLS clients, and unit spans),
 * the race drawn as the gap between issuance and the address, findings beside it. Log text is
 * escaped; the Content-Security-Policy allows only this page's own script and style, by hash.
 */
export function renderHtml(report: Report): string {
  const data = {
    boots: report.boots.map((boot) => ({
      events: boot.events.map((e) => {
        const t = sinceBootUs(e, boot);
        const run = runText(e, boot);
        return {
          time: t === null ? '?' : seconds(t), kind: e.kind, detail: `${describeEvent(e)}${run ? ` (${run})` : ''}`,
          source: `${e.source.path}:${e.source.line}${e.run ? `–${e.run.lastSource.line}` : ''}`, line: `${e.identifier ?? '?'}: ${e.message}`,
        };
      }),
    })),
  };
  const body: string[] = [];
  for (const boot of [...report.boots].reverse()) {
    const bad = boot.findings.some((f) => f.severity === 'error');
    const ok = isOk(boot);
    const verdict = ok ? 'No boot-order problems found.'
      : boot.findings.length === 0 ? reasonsText(boot.verdictReasons ?? [])
        : [`${boot.findings.length} finding${boot.findings.length === 1 ? '' : 's'}: ${boot.findings[0]!.summary}`, ...verdictNotes(boot, boot.findings[0]!.summary)].join('. ');
    body.push(`<section class="boot" data-boot="${boot.index}"><h2>Boot ${boot.index + 1} of ${report.boots.length}${boot.bootId ? ` · ${escapeHtml(boot.bootId)}` : ''}${boot.hostname ? ` · ${escapeHtml(boot.hostname)}` : ''}</h2>` +
      `<p class="verdict ${bad || !ok ? 'bad' : 'ok'}">${escapeHtml(verdict)}</p><main><div class="timeline">${svgFor(boot, boot.index)}</div>` +
      `<aside class="side"><h2>Findings</h2>${boot.findings.map(findingHtml).join('') || '<p>None.</p>'}${failedUnitsHtml(boot)}</aside></main>${omittedHtml(boot)}</section>`);
  }
  const csp = `default-src 'none'; script-src 'sha256-${sha256(SCRIPT)}'; style-src 'sha256-${sha256(STYLE)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>bootlens report</title>
<style>${STYLE}</style></head>
<body><header><h1>bootlens report</h1><div>${report.inputs.map((i) => `${escapeHtml(i.path)} (${i.format ?? 'no entries'}, ${i.entries} entries, ${i.skipped} skipped)`).join(' · ')}</div>${(report.bundles ?? []).map((b) => `<div>bundle ${escapeHtml(b.path)} (${escapeHtml(b.container)}, ${escapeHtml(b.layout ?? 'read by content')}): ${b.files.filter((f) => f.use !== 'ignored').length} of ${b.files.length} files used</div>`).join('')}</header>
<div id="detail" aria-live="polite">Hover or click an event on the timeline to see its log line and source.</div>
${body.join('\n') || '<p>No boots found in the input.</p>'}
<script type="application/json" id="bootlens-data">${jsonForScript(data)}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
