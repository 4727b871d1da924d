/**
 * Property-based robustness of the recognizers (and the timeline, rules and renderers behind
 * them): real messages of every sample, mutated, glued and attributed to real identifiers, fed as
 * json entries so any text reaches them, with fixed seeds and run counts.
 */
import test from 'ava';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { RECOGNIZERS } from '@bootlens/core/internal';
import { invariantProblems, sample, SAMPLES, SEED } from './helpers.js';

interface Line { id: string | null; unit: string | null; message: string; fields: Record<string, string> }
const lines: Line[] = [];
for (const file of readdirSync(SAMPLES).filter((f) => f.endsWith('.json')).sort()) {
  for (const text of sample(file).toString('utf8').split('\n')) {
    if (!text) continue;
    const o = JSON.parse(text) as Record<string, unknown>;
    const fields: Record<string, string> = {};
    for (const k of ['INTERFACE', 'ADDRESS', 'PREFIXLEN', 'GATEWAY', 'UNIT', 'JOB_RESULT', 'MESSAGE_ID']) if (typeof o[k] === 'string') fields[k] = o[k] as string;
    lines.push({ id: (o['SYSLOG_IDENTIFIER'] as string) ?? null, unit: (o['_SYSTEMD_UNIT'] as string) ?? null, message: String(o['MESSAGE'] ?? ''), fields });
  }
}
const needles = RECOGNIZERS.flatMap((r) => r.needles);
const identifiers = [...new Set(lines.map((l) => l.id).filter((x): x is string => x !== null))];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.oneof(fc.constantFrom(...needles), fc.string({ maxLength: 12 }), fc.constantFrom('[', ']', '"', '\\"', ':', '/', '.', ' ', '\n', '999999999999999999', '-1', '::', '256.256.256.256', '/99', 'NaN')) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), times: fc.integer({ min: 2, max: 40 }) }),
);

function mutate(message: string, m: fc.Arbitrary<unknown> extends never ? never : { kind: string; at: number; text?: string; times?: number }): string {
  const at = Math.floor(message.length * m.at);
  if (m.kind === 'cut') return message.slice(0, at);
  if (m.kind === 'insert') return message.slice(0, at) + m.text + message.slice(at);
  return message.slice(0, at) + message.slice(at).repeat(m.times!);
}

const entry = fc.record({
  line: fc.nat({ max: lines.length - 1 }),
  id: fc.option(fc.constantFrom(...identifiers), { nil: undefined }),
  mutations: fc.array(mutation, { maxLength: 3 }),
  keepFields: fc.boolean(),
  dt: fc.integer({ min: -2_000_000, max: 5_000_000 }),
});

test('recognizers: mutated real messages from every stack never crash and give valid, deterministic reports', async (t) => {
  await fc.assert(fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 40 }), fc.boolean(), async (entries, monotonic) => {
    let mono = 1_000_000;
    const json = entries.map((e) => {
      const base = lines[e.line]!;
      let message = base.message;
      for (const m of e.mutations) message = mutate(message, m as never);
      mono = Math.max(0, mono + e.dt);
      return JSON.stringify({
        __REALTIME_TIMESTAMP: String(1732094822000000 + mono), ...(monotonic ? { __MONOTONIC_TIMESTAMP: String(mono) } : {}),
        _BOOT_ID: '7c1e4f5a9b2d4c3e8f6a1b0c9d8e7f60', _HOSTNAME: 'node-0', SYSLOG_IDENTIFIER: e.id ?? base.id ?? 'x',
        ...(base.unit ? { _SYSTEMD_UNIT: base.unit } : {}), ...(e.keepFields ? base.fields : {}), MESSAGE: message,
      });
    }).join('\n');
    const problems = await invariantProblems(json, {});
    if (problems.length > 0) throw new Error(`${problems.join('; ')}\n${json.slice(0, 2000)}`);
    return true;
  }), { seed: SEED, numRuns: 150 });
  t.pass();
});

test('recognizers: each one, offered every needle inside random text, never throws', (t) => {
  const ctx = () => {
    const state = new Map<string, unknown>();
    return { emit: () => {}, state: <T>(key: string, init: () => T) => (state.has(key) ? state.get(key) as T : (state.set(key, init()), state.get(key) as T)) };
  };
  fc.assert(fc.property(fc.constantFrom(...RECOGNIZERS), fc.constantFrom(...identifiers, 'kernel', 'systemd'), fc.array(fc.oneof(fc.constantFrom(...needles), fc.string({ maxLength: 8 })), { maxLength: 8 }), (r, id, parts) => {
    const c = ctx();
    for (const message of [parts.join(''), parts.join(' '), `${parts.join(': ')}\n${parts.join('')}`]) {
      r.recognize({ realtimeUs: 1, monotonicUs: 1, bootId: null, hostname: null, identifier: id, pid: 1, unit: `${id}.service`, priority: null, message, fields: {}, source: { path: 'p', line: 1 } }, c);
    }
  }), { seed: SEED, numRuns: 1500 });
  t.pass();
});
