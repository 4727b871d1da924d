import type { EventOf, TimelineEvent } from '../model/event.js';
import type { Boot, FailedUnit, FailureCause, FailureKind } from '../model/report.js';
import { sinceBootUs } from './time.js';

/** At most this many failed units per boot are listed; the rest are counted. */
export const MAX_FAILED_UNITS = 200;
/** At most this many lines of evidence per failed unit. */
const MAX_EVIDENCE = 10;
/** Two failure lines this close (and next to each other) about the same unit, one by name and one by description, are one failure. */
const SAME_FAILURE_US = 1_000_000;
/** How long before a unit's failure a bind or TLS failure of its program can be its cause. */
const CAUSE_WINDOW_US = 60_000_000;

type Failure = EventOf<'unit-job'> | EventOf<'unit-state'>;

const RANK: Record<FailureKind, number> = { failed: 0, dependency: 1, 'device-timeout': 2, 'start-limit-hit': 3 };

function isFailure(e: TimelineEvent): e is Failure {
  if (e.kind === 'unit-job') return e.phase === 'failed';
  // `Active: failed (Result: …)`, or `activating (auto-restart) (Result: exit-code)`: failing, and being restarted.
  return e.kind === 'unit-state' && (e.state === 'failed' || (e.subState === 'auto-restart' && e.result !== null && e.result !== 'success'));
}

function resultOf(e: Failure): string | null {
  return e.kind === 'unit-state' ? e.result : e.result ?? null;
}

function kindOf(e: Failure): FailureKind {
  const result = resultOf(e);
  if (result === 'start-limit-hit' || result === 'start-limit') return 'start-limit-hit';
  if (result === 'dependency') return 'dependency';
  const device = e.unit?.endsWith('.device') || (e.kind === 'unit-job' && e.description?.startsWith('/'));
  if (result === 'timeout' && device) return 'device-timeout';
  return 'failed';
}

/** `/dev/disk/by-uuid/ab-c` → `dev-disk-by\x2duuid-ab\x2dc.device`, as `systemd-escape --path --suffix=device` writes it. */
export function deviceUnitOf(path: string): string {
  const parts = path.replace(/^\/+|\/+$/g, '').split(/\/+/);
  const escaped = parts.map((p) => p.replace(/[^A-Za-z0-9:_.]|^\./g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return `${escaped.join('-')}.device`;
}

function unitOf(e: Failure): string | null {
  if (e.unit !== null) return e.unit;
  if (e.kind === 'unit-job' && e.result === 'timeout' && e.description?.startsWith('/')) return deviceUnitOf(e.description);
  return null;
}

interface Row { failed: FailedUnit; first: Failure; last: Failure; firstIndex: number; lastIndex: number }

/**
 * The units that failed in a boot, one row per unit, like `systemctl --failed`: every failure line
 * about a unit folded together (`nginx.service: Failed with result 'exit-code'` and `Failed to
 * start A high performance web server` are one failure when they are next to each other, one naming
 * the unit and the other its description), each joined to the cause bootlens sees for it.
 */
export function failedUnitsOf(boot: Boot): { units: FailedUnit[]; omitted: number } {
  const rows: Row[] = [];
  const byKey = new Map<string, Row>();
  let omitted = 0;
  for (const [index, e] of boot.events.entries()) {
    if (!isFailure(e)) continue;
    const unit = unitOf(e);
    const description = e.kind === 'unit-job' ? e.description : null;
    const key = unit !== null ? `u\0${unit}` : `d\0${description ?? ''}`;
    let row: Row | undefined = byKey.get(key) ?? partner(rows, e, unit, boot);
    if (!row) {
      if (rows.length >= MAX_FAILED_UNITS) {
        omitted++;
        continue;
      }
      row = { failed: { unit, description, kind: kindOf(e), result: resultOf(e), evidence: [] }, first: e, last: e, firstIndex: index, lastIndex: index };
      rows.push(row);
    }
    fold(row, e, unit, description);
    row.lastIndex = index;
    byKey.set(key, row);
  }
  for (const row of rows) {
    const cause = causeOf(boot, row, rows);
    if (cause) row.failed.cause = cause;
  }
  return { units: rows.map((r) => r.failed), omitted };
}

/** How many recent rows a line naming only the unit (or only the description) may pair with. */
const PAIR_LOOKBACK = 10;

/**
 * The row a failure line completes: one line names the unit, the other only its description, they
 * are of one kind and within a second. systemd writes the pairs nested (`Dependency failed for A`,
 * `Dependency failed for B`, then `b.service: Job … 'dependency'`, `a.service: Job …`), so the
 * latest row still missing that half is the one.
 */
function partner(rows: readonly Row[], e: Failure, unit: string | null, boot: Boot): Row | undefined {
  const kind = kindOf(e);
  const description = e.kind === 'unit-job' ? e.description : null;
  if (unit === null && description === null) return undefined;
  // systemd's order: `x.service: Failed with result …` before `Failed to start X.`; `Dependency failed for X.` before `x.service: Job … 'dependency'`.
  if (unit !== null ? kind !== 'dependency' : kind !== 'failed') return undefined;
  const b = sinceBootUs(e, boot);
  for (let i = rows.length - 1; i >= Math.max(0, rows.length - PAIR_LOOKBACK); i--) {
    const row = rows[i]!;
    const f = row.failed;
    const fills = unit !== null ? f.unit === null : f.description === null && f.unit !== null;
    if (!fills) continue;
    if (kind !== f.kind && !(kind === 'failed' && f.kind === 'start-limit-hit')) continue;
    const a = sinceBootUs(row.last, boot);
    if (a !== null && b !== null && Math.abs(b - a) > SAME_FAILURE_US) continue;
    return row;
  }
  return undefined;
}

function fold(row: Row, e: Failure, unit: string | null, description: string | null): void {
  const f = row.failed;
  if (f.unit === null && unit !== null) f.unit = unit;
  if (f.description === null && description !== null) f.description = description;
  const kind = kindOf(e);
  if (RANK[kind] > RANK[f.kind]) f.kind = kind;
  const result = resultOf(e);
  if (result !== null && (f.result === null || kind === f.kind)) f.result = result;
  // A folded run (issue 16) stands for several failure lines: its samples and its last line are evidence too.
  const lines = e.run ? [...e.run.samples.map((x) => ({ path: x.path, line: x.line })), e.run.lastSource] : [e.source];
  for (const source of lines) {
    if (f.evidence.length < MAX_EVIDENCE && !f.evidence.some((x) => x.path === source.path && x.line === source.line)) f.evidence.push(source);
  }
  row.last = e;
}

const ALIASES: Readonly<Record<string, string>> = { named: 'bind9', 'kube-apiserver': 'kubelet', k0scontroller: 'k0s', postmaster: 'postgresql' };

/** `sshd` ↔ `ssh.service`, `dockerd` ↔ `docker.service`, `postgres` ↔ `postgresql@14-main.service`, `fleet.socket` ↔ itself. */
function programOfUnit(program: string, unit: string | null, systemdUnit: string | null): boolean {
  if (unit === null) return false;
  if (systemdUnit === unit || program === unit) return true;
  const base = (s: string) => s.toLowerCase().replace(/\.(?:service|socket)$/, '').replace(/@.*$/, '').replace(/d$/, '');
  const u = base(unit);
  const p = base(program);
  if (u === '' || p === '') return false;
  return u.startsWith(p) || p.startsWith(u) || ALIASES[program] === unit.replace(/\.service$/, '');
}

function causeOf(boot: Boot, row: Row, rows: readonly Row[]): FailureCause | null {
  const f = row.failed;
  if (f.kind === 'dependency') return dependencyCause(boot, row, rows);
  if (f.kind === 'device-timeout') return null;
  const at = sinceBootUs(row.last, boot);
  const end = row.lastIndex;
  let unnamed: FailureCause | null = null;
  // From the failure back, and the line itself (a socket unit's `failed to listen on sockets: Cannot assign …` is both).
  for (let i = Math.min(end + 1, boot.events.length - 1); i >= 0; i--) {
    const e = boot.events[i]!;
    if (i > end && e.source.line !== row.last.source.line) continue;
    const t = sinceBootUs(e, boot);
    if (at !== null && t !== null && at - t > CAUSE_WINDOW_US) break;
    if (e.kind === 'bind-failed') {
      const cause: FailureCause = { kind: 'bind-failed', address: e.address, port: e.port, ...(e.inUse ? { inUse: true as const } : {}), ...(e.reasonCut ? { reasonCut: true as const } : {}), source: e.source };
      if (programOfUnit(e.program, f.unit, e.systemdUnit)) return cause;
      // An excerpt whose failed unit is named only by its description: the bind failure just before it.
      if (f.unit === null && unnamed === null && (at === null || t === null || at - t <= 5_000_000)) unnamed = cause;
    }
    if (e.kind === 'tls-verify-failed' && programOfUnit(e.component ?? e.identifier ?? '', f.unit, e.systemdUnit)) {
      return { kind: 'tls-verify-failed', address: e.wanted, source: e.source };
    }
  }
  return unnamed;
}

/** systemd does not say which dependency failed: the unit that failed (or timed out) last before it, when one did. */
function dependencyCause(boot: Boot, row: Row, rows: readonly Row[]): FailureCause | null {
  let best: Row | null = null;
  for (const other of rows) {
    if (other === row || other.failed.kind === 'dependency') continue;
    if (other.firstIndex < row.firstIndex && (best === null || other.firstIndex > best.firstIndex)) best = other;
  }
  if (!best) return null;
  return { kind: 'unit-failed', unit: best.failed.unit ?? best.failed.description, source: best.first.source };
}
