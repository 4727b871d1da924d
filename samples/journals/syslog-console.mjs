#!/usr/bin/env node
// What the same boot leaves outside the journal (issue 14): the syslog file rsyslog writes from it
// and the serial console. render.sh runs this after rendering; it needs systemd-journal-remote and
// journalctl 252, like pastes.mjs.
//
// - `<scenario>.rsyslog.log`: /var/log/syslog as rsyslog 8 writes it with its RSYSLOG_FileFormat
//   template, `%TIMESTAMP:::date-rfc3339% %HOSTNAME% %syslogtag%%msg:::sp-if-no-1st-sp%%msg:::drop-last-lf%\n`,
//   from what its imjournal input reads: each entry of `journalctl -o json` (the real journalctl's),
//   the time its `__REALTIME_TIMESTAMP` (rfc3339 with microseconds, at UTC: `+00:00`), the host
//   `_HOSTNAME`, the tag `SYSLOG_IDENTIFIER[SYSLOG_PID]:` (imjournal's default; `SYSLOG_IDENTIFIER:`
//   without a pid, as for the kernel), the message `MESSAGE` with control characters escaped as
//   rsyslog does by default (`#012` for a newline, `$EscapeControlCharactersOnReceive`).
// - `<scenario>-console.log`: the serial console of that boot, composed as systemd 252 and the
//   kernel print to it: the kernel's messages at the console's loglevel with their printk stamp
//   (`[%5lu.%06lu] `, the entry's monotonic time), and PID 1's job status lines (src/core/job.c, job_emit_done_status_message):
//   `[  OK  ] ` before its `Started`/`Finished`/`Reached target`/`Listening on`/`Mounted` messages,
//   `[FAILED] ` before `Failed to start`, `[DEPEND] ` before `Dependency failed for`, and
//   `         ` before `Starting …...` (StatusUnitFormat=combined, as Raspberry Pi OS's systemd 252
//   console shows it in test/corpus/console/pi-ci-16). Other processes do not write to the console.
//
// Deterministic: the same journals give the same bytes.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const REMOTE = '/lib/systemd/systemd-journal-remote';
const ENV = { ...process.env, LC_ALL: 'C.UTF-8', TZ: 'UTC' };
const SYSLOG = ['k0s-reboot-race', 'bind-race'];
const CONSOLE = ['bind-race'];

let journals = 0;
function entriesOf(scenario, dir) {
  // A new file each time: journal-remote appends to one that exists.
  const file = join(dir, `${scenario}-${journals++}.journal`);
  execFileSync(REMOTE, ['-o', file, join(here, 'sources', `${scenario}.export`)], { stdio: ['ignore', 'ignore', 'pipe'] });
  const json = execFileSync('journalctl', ['--file', file, '--no-pager', '-o', 'json'], { env: ENV, encoding: 'utf8', maxBuffer: 64 << 20 });
  return json.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
}

/** A field as text: journalctl prints binary values as arrays of bytes. */
const text = (v) => (v === undefined || v === null ? undefined : Array.isArray(v) ? Buffer.from(v).toString('utf8') : String(v));
const pad = (n, w) => String(n).padStart(w, '0');

/** rsyslog's date-rfc3339 at UTC, with the microseconds the journal's time carries. */
function rfc3339(usec) {
  const d = new Date(Number(BigInt(usec) / 1000n));
  const us = Number(BigInt(usec) % 1000000n);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(us, 6)}+00:00`;
}

/** rsyslog's default escaping of control characters: `#` and the octal code (`#012`). */
const escapeControl = (s) => s.replace(/[\x00-\x08\x0a-\x1f\x7f]/g, (c) => `#${c.charCodeAt(0).toString(8).padStart(3, '0')}`);

function rsyslogLine(e) {
  const ident = text(e.SYSLOG_IDENTIFIER) ?? text(e._COMM) ?? '-';
  const pid = text(e.SYSLOG_PID);
  const tag = pid === undefined ? `${ident}:` : `${ident}[${pid}]:`;
  const msg = escapeControl(text(e.MESSAGE) ?? '').replace(/\n$/, '');
  return `${rfc3339(e.__REALTIME_TIMESTAMP)} ${text(e._HOSTNAME)} ${tag}${msg.startsWith(' ') ? '' : ' '}${msg}`;
}

const OK = /^(?:Started|Finished|Reached target|Listening on|Mounted) /;
/**
 * The console lines of one entry: the sources' kernel command line says `quiet` (console loglevel 4),
 * so the kernel's messages reach the console only at `err` or above (PRIORITY ≤ 3); PID 1's status
 * lines are written to /dev/console whatever it logged them through (before journald ran, kmsg).
 */
function consoleLines(e) {
  const msg = text(e.MESSAGE) ?? '';
  const ident = text(e.SYSLOG_IDENTIFIER);
  if (text(e._TRANSPORT) === 'kernel' && ident === 'kernel') {
    if (Number(text(e.PRIORITY) ?? 6) > 3) return [];
    const us = BigInt(e._SOURCE_MONOTONIC_TIMESTAMP ?? e.__MONOTONIC_TIMESTAMP);
    return [`[${String(us / 1000000n).padStart(5, ' ')}.${pad(Number(us % 1000000n), 6)}] ${msg}`];
  }
  if (text(e._PID) !== '1' || ident !== 'systemd') return [];
  if (OK.test(msg)) return [`[  OK  ] ${msg}`];
  if (msg.startsWith('Failed to start ')) return [`[FAILED] ${msg}`];
  if (msg.startsWith('Dependency failed for ')) return [`[DEPEND] ${msg}`];
  if (/^Starting .*\.\.\.$/.test(msg)) return [`         ${msg}`];
  return [];
}

const dir = mkdtempSync(join(tmpdir(), 'bootlens-syslog-'));
try {
  for (const scenario of SYSLOG) {
    const lines = entriesOf(scenario, dir).map(rsyslogLine);
    writeFileSync(join(here, `${scenario}.rsyslog.log`), `${lines.join('\n')}\n`);
  }
  for (const scenario of CONSOLE) {
    const lines = entriesOf(scenario, dir).flatMap(consoleLines);
    writeFileSync(join(here, `${scenario}-console.log`), `${lines.join('\n')}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
