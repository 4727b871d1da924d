import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInput, type JournalEntry, type ReadResult } from '@bootlens/core/internal';
import { ROOT } from '../helpers/cli.js';

// Test files for the binary journal reader (issue 17) are made, never hand-written: by the real
// systemd-journal-remote from an export source, or by the test-only writer (writer.ts) for XZ and
// LZ4, whose every output journalctl --verify accepts. journalctl is the oracle.

export const REMOTE = '/lib/systemd/systemd-journal-remote';
export const SOURCES = join(ROOT, 'samples/journals/sources');
export const SCENARIOS = ['bind-race', 'clock-step', 'dhclient-race', 'dhcpcd-race', 'k0s-healthy', 'k0s-reboot-race',
  'kubeadm-address-changed', 'microk8s-reboot-healed', 'multi-boot', 'networkmanager-healthy', 'networkmanager-race', 'new-year'];

const which = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
export const HAVE_JOURNALCTL = which('journalctl');
export const HAVE_REMOTE = existsSync(REMOTE) && HAVE_JOURNALCTL;

export interface Variant {
  compact: boolean;
  keyedHash: boolean;
}

export const VARIANTS: Variant[] = [
  { compact: false, keyedHash: false }, { compact: false, keyedHash: true },
  { compact: true, keyedHash: false }, { compact: true, keyedHash: true },
];

export const variantName = (v: Variant) => `${v.compact ? 'compact' : 'regular'}-${v.keyedHash ? 'keyed' : 'jenkins'}`;

export function tempDir(): { dir: string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'bootlens-jf-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** systemd-journal-remote's journal file of an export stream (zstd for fields of 512 bytes and more). */
export function remoteJournal(exportPath: string, out: string, v: Variant): string {
  execFileSync(REMOTE, ['-o', out, exportPath], {
    env: { ...process.env, SYSTEMD_JOURNAL_COMPACT: v.compact ? '1' : '0', SYSTEMD_JOURNAL_KEYED_HASH: v.keyedHash ? '1' : '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return out;
}

/** `journalctl --file F -o export`: what the oracle says the file holds. */
export function journalctlExport(file: string): Buffer {
  return execFileSync('journalctl', ['--file', file, '-o', 'export', '--no-pager'], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function journalctlVerify(file: string): { ok: boolean; output: string } {
  const r = spawnSync('journalctl', ['--file', file, '--verify'], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** The entries bootlens reads from an input, and its summary and diagnostics. */
export async function entriesOf(path: string, content?: Buffer): Promise<{ entries: JournalEntry[]; result: ReadResult }> {
  const entries: JournalEntry[] = [];
  const result = await readInput(content === undefined ? { path } : { path, content }, { entry: (e) => entries.push(e), bootMarker() {} });
  return { entries, result };
}

/**
 * An entry without where it came from, for comparing a journal file's entries with its export's:
 * the export reader names an entry by its first line, the journal-file reader by its ordinal.
 */
export const withoutSource = (e: JournalEntry) => ({ ...e, source: undefined });

/** An export source with fields large enough to be compressed, a binary value and repeated fields. */
export function largeFieldsExport(): Buffer {
  const parts: Buffer[] = [];
  const boot = '0123456789abcdef0123456789abcdef';
  for (let i = 0; i < 40; i++) {
    const mono = 2_000_000 + i * 1000;
    const text = (n: number) => `${'kubelet: failed to list *v1.Node: Get "https://192.168.2.10:6443/api/v1/nodes": x509: certificate is valid for 127.0.0.1, not 192.168.2.10 '.repeat(Math.ceil(n / 130))}`.slice(0, n);
    const lines = [
      `__CURSOR=s=0;i=${i + 1}`, `__REALTIME_TIMESTAMP=${1732094820000000 + mono}`, `__MONOTONIC_TIMESTAMP=${mono}`, `_BOOT_ID=${boot}`,
      '_HOSTNAME=k0s-ctrl-1', '_TRANSPORT=stdout', 'SYSLOG_IDENTIFIER=k0s', '_PID=891', 'PRIORITY=6',
      `MESSAGE=${i % 3 === 0 ? text(600 + i * 97) : i % 3 === 1 ? text(4000 + i * 13) : `short line ${i}`}`,
      'EXTRA=one', 'EXTRA=two',
    ];
    parts.push(Buffer.from(`${lines.join('\n')}\n`));
    // A binary value (a newline and bytes that are not UTF-8), large for every fifth entry.
    const bin = Buffer.concat([Buffer.from(`line one ${i}\nline two\xff`, 'latin1'), Buffer.alloc(i % 5 === 0 ? 3000 : 10, 0x41)]);
    const len = Buffer.alloc(8);
    len.writeUInt32LE(bin.length, 0);
    parts.push(Buffer.from('BLOB\n'), len, bin, Buffer.from('\n\n'));
  }
  return Buffer.concat(parts);
}

export function writeTemp(dir: string, name: string, bytes: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

export const read = (path: string) => readFileSync(path);
