#!/usr/bin/env node
// Pastes made from the sample journals (issue 14): what a user would paste besides journalctl
// output. render.sh runs this after rendering; it needs the same tools (systemd-journal-remote,
// journalctl 252).
//
// - `<scenario>-list-boots.txt`: `journalctl --list-boots` of the scenario's journal, as the real
//   journalctl prints it.
// - `<scenario>-status.log`: `systemctl status UNIT` as systemctl 252 prints it
//   (src/systemctl/systemctl-show.c, print_status_info). systemctl cannot run on a journal file,
//   so its header is composed here: every value that the journal holds is taken from it (the
//   description, the state and since when, the result, the main process and its command line, the
//   processes' exit statuses, the cgroup), and the values only a running system knows (the unit
//   file's path and enablement, its Documentation=, the cgroup's counters, the processes the journal
//   does not name, the moment the status was taken) are the scenario's facts, stated below. The
//   journal tail under it is the real journalctl's: the unit's last 10 lines of `-o short`, as
//   systemctl shows them (`journalctl -u UNIT -n 10`).
//
// Deterministic: the same journals give the same bytes.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DESC } from './scenarios.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const REMOTE = '/lib/systemd/systemd-journal-remote';
const ENV = { ...process.env, LC_ALL: 'C.UTF-8', TZ: 'UTC' };
// MESSAGE_IDs (sd-messages.h): a job's end, a unit's failure result, a process's exit.
const MID = { unitStarted: '39f53479d3a045ac8e11786248231fbf', failureResult: 'd9b373ed55a64feb8242e02dbe79a49c', processExit: '98e322203f7a4ed290d09fe03c09fe15' };

const STATUS = [
  {
    // The race of k0s-reboot-race, a minute later: the user sees kubectl fail and asks systemd.
    name: 'k0s-reboot-race-status',
    scenario: 'k0s-reboot-race',
    unit: 'k0scontroller.service',
    facts: {
      // `k0s install controller --single` writes the unit to /etc (TasksMax=infinity: no limit shown).
      loaded: '/etc/systemd/system/k0scontroller.service; enabled; preset: enabled',
      docs: ['https://docs.k0sproject.io'],
      tasks: '97', memory: '1.0G', cpu: '38.412s',
      // When systemctl ran: seconds after the journal's last entry of the unit.
      after: 22.6,
      // The cgroup's other processes (k0s's children; the journal names only their pids).
      children: [
        [1027, '/var/lib/k0s/bin/kine --endpoint=sqlite:///var/lib/k0s/db/state.db?mode=rwc&_journal=WAL&cache=shared --listen-address=unix:///run/k0s/kine/kine.sock:2379'],
        [1041, '/var/lib/k0s/bin/kube-apiserver --enable-admission-plugins=NodeRestriction --secure-port=6443 --advertise-address=127.0.0.1 --etcd-servers=unix:///run/k0s/kine/kine.sock:2379'],
        [1158, '/var/lib/k0s/bin/kubelet --config=/var/lib/k0s/kubelet-config.yaml --kubeconfig=/var/lib/k0s/kubelet.conf --containerd=/run/k0s/containerd.sock'],
      ],
    },
  },
  {
    // bind-race five minutes later: nginx stays failed, as a user finds it.
    name: 'bind-race-status',
    scenario: 'bind-race',
    unit: 'nginx.service',
    facts: {
      loaded: '/lib/systemd/system/nginx.service; enabled; preset: enabled',
      docs: ['man:nginx(8)'],
      cpu: '19ms',
      after: 300,
      // Debian's nginx.service tests its configuration first (ExecStartPre), which logs nothing.
      execStartPre: { pid: 904, argv: '/usr/sbin/nginx -t -q -g daemon on; master_process on;', status: 0 },
    },
  },
];
const LIST_BOOTS = ['multi-boot'];

let journals = 0;
function journalOf(scenario, dir) {
  // A new file each time: journal-remote appends to one that exists.
  const file = join(dir, `${scenario}-${journals++}.journal`);
  execFileSync(REMOTE, ['-o', file, join(here, 'sources', `${scenario}.export`)], { stdio: ['ignore', 'ignore', 'pipe'] });
  return file;
}

const journalctl = (file, args) => execFileSync('journalctl', ['--file', file, '--no-pager', ...args], { env: ENV, encoding: 'utf8' });

// format_timestamp(): `%a %Y-%m-%d %H:%M:%S %Z` in the C locale, here UTC.
function formatTimestamp(usec) {
  const d = new Date(Math.floor(usec / 1000));
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  return `${day} ${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} UTC`;
}

// format_timestamp_relative() of systemd 252 (src/basic/time-util.c), for spans under a day.
function formatRelative(usec) {
  const s = 1e6;
  const m = 60 * s;
  const h = 60 * m;
  if (usec >= 6 * h) return `${Math.floor(usec / h)}h ago`;
  if (usec >= h) return `${Math.floor(usec / h)}h ${Math.floor((usec % h) / m)}min ago`;
  if (usec >= 5 * m) return `${Math.floor(usec / m)}min ago`;
  if (usec >= m) return `${Math.floor(usec / m)}min ${Math.floor((usec % m) / s)}s ago`;
  if (usec >= s) return `${Math.floor(usec / s)}s ago`;
  return `${Math.floor(usec / 1000)}ms ago`;
}

// exit_status_to_string() for the statuses these scenarios have.
const EXIT_STATUS = { 0: 'SUCCESS', 1: 'FAILURE' };
const exitText = (code, status) => (code === 'exited' ? `code=exited, status=${status}${EXIT_STATUS[status] ? `/${EXIT_STATUS[status]}` : ''}` : `code=${code}, signal=${status}`);

/** `systemctl status UNIT` for the last boot of `file`. */
function status(file, { unit, facts }) {
  const entries = journalctl(file, ['-u', unit, '-o', 'json']).trim().split('\n').map((l) => JSON.parse(l));
  const own = entries.filter((e) => e._SYSTEMD_UNIT === unit && e._PID !== undefined);
  const about = entries.filter((e) => e.UNIT === unit);
  const last = Number(entries.at(-1).__REALTIME_TIMESTAMP);
  const now = last + Math.round(facts.after * 1e6);
  const failed = about.findLast((e) => e.MESSAGE_ID === MID.failureResult);
  const started = about.findLast((e) => e.MESSAGE_ID === MID.unitStarted && e.JOB_RESULT === 'done');
  const since = Number((failed ?? started).__REALTIME_TIMESTAMP);
  const glyph = failed ? '×' : '●';
  const state = failed ? `failed (Result: ${failed.UNIT_RESULT})` : 'active (running)';
  const out = [
    `${glyph} ${unit} - ${DESC[unit]}`,
    `     Loaded: loaded (${facts.loaded})`,
    `     Active: ${state} since ${formatTimestamp(since)}; ${formatRelative(now - since)}`,
    ...facts.docs.map((d, i) => `   ${i === 0 ? '    Docs:' : '         '} ${d}`),
  ];
  if (failed) {
    if (facts.execStartPre) {
      const p = facts.execStartPre;
      out.push(`    Process: ${p.pid} ExecStartPre=${p.argv} (${exitText('exited', p.status)})`);
    }
    const exit = about.findLast((e) => e.MESSAGE_ID === MID.processExit);
    const proc = own.at(-1);
    out.push(`    Process: ${proc._PID} Exec${exit.COMMAND === 'start' ? 'Start' : exit.COMMAND}=${proc._CMDLINE} (${exitText(exit.EXIT_CODE, Number(exit.EXIT_STATUS))})`);
  } else {
    const main = own[0];
    out.push(`   Main PID: ${main._PID} (${main._COMM})`);
  }
  if (facts.tasks) out.push(`      Tasks: ${facts.tasks}`);
  if (facts.memory) out.push(`     Memory: ${facts.memory}`);
  out.push(`        CPU: ${facts.cpu}`);
  if (!failed) {
    const main = own[0];
    const procs = [[Number(main._PID), main._CMDLINE], ...facts.children];
    const width = String(Math.max(...procs.map(([pid]) => pid))).length;
    out.push(`     CGroup: ${main._SYSTEMD_CGROUP}`);
    procs.forEach(([pid, cmd], i) => out.push(`             ${i === procs.length - 1 ? '└─' : '├─'}${String(pid).padStart(width)} ${cmd}`));
  }
  const tail = journalctl(file, ['-u', unit, '-o', 'short', '-n', '10']);
  return `${out.join('\n')}\n\n${tail}`;
}

const dir = mkdtempSync(join(tmpdir(), 'bootlens-pastes-'));
try {
  for (const paste of STATUS) {
    const text = status(journalOf(paste.scenario, dir), paste);
    writeFileSync(join(here, `${paste.name}.log`), text);
    console.log(`wrote ${paste.name}.log: systemctl status ${paste.unit}`);
  }
  for (const scenario of LIST_BOOTS) {
    writeFileSync(join(here, `${scenario}-list-boots.txt`), journalctl(journalOf(scenario, dir), ['--list-boots']));
    console.log(`wrote ${scenario}-list-boots.txt: journalctl --list-boots`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
