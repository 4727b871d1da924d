/**
 * Property-based robustness of every reader: random bytes, truncated and spliced samples of every
 * journalctl mode, any line ending, huge lines. Each property has a fixed seed and a fixed number
 * of runs, so CI runs the same cases every time (FC_SEED=… explores others).
 */
import test from 'ava';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import type { AnalyzeOptions, InputFormat } from '@bootlens/core';
import { ALL_FORMATS, invariantProblems, MODES, sample, SEED } from './helpers.js';

const samples = MODES.map((mode) => ({ mode, bytes: sample(`bind-race.${mode}`) }));
// Pastes that are not journals: `ip -ts monitor` and systemd-analyze.
samples.push({ mode: 'ip-monitor' as never, bytes: Buffer.from([
  '[2024-11-20T09:27:08.750123] 3: eth0    inet 192.168.2.10/24 brd 192.168.2.255 scope global dynamic eth0',
  '       valid_lft 86400sec preferred_lft 86400sec',
  '[2024-11-20T09:27:08.751002] Deleted 3: eth0    inet 192.168.2.10/24 brd 192.168.2.255 scope global eth0',
  'Timestamp: Wed Nov 20 09:27:08 2024 750123 usec',
  '3: enp3s0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default',
  '    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff',
].join('\n')) });
samples.push({ mode: 'systemd-analyze' as never, bytes: Buffer.from([
  '$ systemd-analyze critical-chain k0scontroller.service',
  'The time when unit became active or started is printed after the "@" character.',
  'The time the unit took to start is printed after the "+" character.',
  '',
  'k0scontroller.service +2.001s',
  '└─network-online.target @2.812s',
  '  └─network.target @2.804s',
  '    └─systemd-networkd.service @2.601s +54ms',
  '$ systemd-analyze blame',
  '        2.001s k0scontroller.service',
  '         54ms systemd-networkd.service',
  '$ systemd-analyze time',
  'Startup finished in 1.234s (kernel) + 5.678s (userspace) = 6.912s',
  'graphical.target reached after 5.600s in userspace.',
].join('\n')) });

const formatArb: fc.Arbitrary<InputFormat | undefined> = fc.oneof(fc.constant(undefined), fc.constantFrom(...ALL_FORMATS));

async function holds(bytes: Uint8Array | string, options: AnalyzeOptions): Promise<boolean> {
  const problems = await invariantProblems(bytes, options);
  if (problems.length > 0) throw new Error(`${problems.join('; ')}\noptions: ${JSON.stringify(options)}\ninput (${bytes.length} bytes): ${JSON.stringify(Buffer.from(bytes).toString('latin1').slice(0, 400))}`);
  return true;
}

function withEndings(bytes: Uint8Array, ending: 'lf' | 'crlf' | 'cr' | 'mixed', salt: number): Buffer {
  if (ending === 'lf') return Buffer.from(bytes);
  const text = Buffer.from(bytes).toString('latin1');
  let i = salt;
  const out = text.replace(/\r?\n/g, () => (ending === 'crlf' ? '\r\n' : ending === 'cr' ? '\r' : ['\n', '\r\n', '\r'][i++ % 3]!));
  return Buffer.from(out, 'latin1');
}

test('random bytes: no crash, valid reports, documented errors only (every format and sniffing)', async (t) => {
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 600 }),
    // Printable-ish text with newlines, which gets past sniffing more often.
    fc.string({ unit: fc.constantFrom(...'{}[]"=:\\ \n\t\r-_.0123456789abcdefTZ+\x1e\x1b\x00é\u202e'), maxLength: 400 }).map((s) => Buffer.from(s)),
    // Magic prefixes: gzip, binary journal, json-seq RS, export, verbose header.
    fc.tuple(fc.constantFrom('\x1f\x8b', 'LPKSHHRH', '\x1e{', 'MESSAGE=', '__REALTIME_TIMESTAMP=', 'data: {', '{\n', 'Wed 2024-11-20 09:27:02.812345 UTC [s='),
      fc.uint8Array({ maxLength: 300 })).map(([p, b]) => Buffer.concat([Buffer.from(p, 'latin1'), b])),
  );
  await fc.assert(fc.asyncProperty(bytes, formatArb, (b, format) => holds(b, format ? { inputFormat: format } : {})), { seed: SEED, numRuns: 300 });
  t.pass();
});

test('truncated samples of every mode, any line ending, forced or sniffed format', async (t) => {
  const arb = fc.record({
    which: fc.nat({ max: samples.length - 1 }),
    cut: fc.double({ min: 0, max: 1, noNaN: true }),
    start: fc.double({ min: 0, max: 1, noNaN: true }),
    ending: fc.constantFrom('lf', 'crlf', 'cr', 'mixed' as const),
    salt: fc.nat(),
    forced: fc.boolean(),
    other: formatArb,
  });
  await fc.assert(fc.asyncProperty(arb, async (c) => {
    const { mode, bytes } = samples[c.which]!;
    // Mostly a prefix (a file cut short); sometimes a window from the middle.
    const from = c.start < 0.5 ? 0 : Math.floor(bytes.length * (c.start - 0.5));
    const to = from + Math.floor((bytes.length - from) * c.cut);
    const cut = withEndings(bytes.subarray(from, Math.min(to, from + 24_000)), mode === 'json.gz' || mode === 'export' ? 'lf' : c.ending, c.salt);
    const format = c.forced ? (mode === 'json.gz' ? 'json' : (mode as InputFormat)) : c.other;
    return holds(cut, format ? { inputFormat: format } : {});
  }), { seed: SEED, numRuns: 120 });
  t.pass();
});

test('spliced samples: pieces of two modes glued together, forced or sniffed', async (t) => {
  const arb = fc.record({
    a: fc.nat({ max: samples.length - 1 }),
    b: fc.nat({ max: samples.length - 1 }),
    at: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
    format: formatArb,
  });
  await fc.assert(fc.asyncProperty(arb, async (c) => {
    const [a, b] = [samples[c.a]!.bytes, samples[c.b]!.bytes];
    const [x1, x2, y1, y2] = c.at.map((v, i) => Math.floor(v * (i < 2 ? a : b).length));
    const piece = (buf: Buffer, p: number, q: number) => buf.subarray(Math.min(p, q), Math.min(Math.max(p, q), Math.min(p, q) + 12_000));
    const glued = Buffer.concat([piece(a, x1!, x2!), piece(b, y1!, y2!), piece(a, x2!, x1! + 3000)]);
    return holds(glued, c.format ? { inputFormat: c.format } : {});
  }), { seed: SEED, numRuns: 100 });
  t.pass();
});

test('huge lines: past maxLineBytes anywhere in a sample, every format', async (t) => {
  const arb = fc.record({
    which: fc.nat({ max: samples.length - 1 }),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    size: fc.integer({ min: 1000, max: 9000 }),
    fill: fc.constantFrom('a', ' ', '[', '"', '\\', '=', '{', 's=', 'é', '\t'),
    newline: fc.boolean(),
    format: formatArb,
  });
  await fc.assert(fc.asyncProperty(arb, async (c) => {
    const bytes = samples[c.which]!.bytes.subarray(0, 16_000);
    const at = Math.floor(bytes.length * c.at);
    const huge = Buffer.from(c.fill.repeat(Math.ceil(c.size / c.fill.length)) + (c.newline ? '\n' : ''));
    const input = Buffer.concat([bytes.subarray(0, at), huge, bytes.subarray(at)]);
    return holds(input, { maxLineBytes: 4096, ...(c.format ? { inputFormat: c.format } : {}) });
  }), { seed: SEED, numRuns: 80 });
  t.pass();
});

test('gzip: truncated and corrupted gzip streams are an InputError or a report, never a crash', async (t) => {
  const gz = gzipSync(sample('bind-race.json'));
  const arb = fc.record({ cut: fc.nat({ max: gz.length }), flip: fc.nat({ max: gz.length - 1 }), byte: fc.nat({ max: 255 }), format: formatArb });
  await fc.assert(fc.asyncProperty(arb, async (c) => {
    const broken = Buffer.from(gz.subarray(0, Math.max(2, c.cut)));
    if (c.flip < broken.length && c.flip > 1) broken[c.flip] = c.byte;
    return holds(broken, c.format ? { inputFormat: c.format } : {});
  }), { seed: SEED, numRuns: 60 });
  t.pass();
});
