import { str, type Wording } from './common.js';

/** `10800123456` → `+3h 0min 0.123s`, `-1707730` → `-1.708s`. */
function stepText(us: unknown): string {
  if (typeof us !== 'number') return 'an unknown amount';
  const sign = us < 0 ? '-' : '+';
  let s = Math.abs(us) / 1e6;
  const parts: string[] = [];
  const d = Math.floor(s / 86400);
  if (d) parts.push(`${d}d`);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  if (h || d) parts.push(`${h}h`);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  if (m || h || d) parts.push(`${m}min`);
  s -= m * 60;
  parts.push(`${s.toFixed(3)}s`);
  return `${sign}${parts.join(' ')}`;
}

export const clockStep: Wording = {
  summary(d) {
    const at = typeof d['stepAtMs'] === 'number' ? ` at ${(d['stepAtMs'] / 1000).toFixed(3)}s` : '';
    return `the wall clock was stepped by ${stepText(d['stepUs'])}${at} (${str(d['via'])}); wall-clock stamps before it are off by ${stepText(d['offByUs'])}`;
  },
  remediation(d) {
    const lines = [
      `What happened: ${str(d['via'])} set the wall clock ${stepText(d['stepUs'])} during this boot. ` +
        `Wall-clock stamps from ${str(d['offFrom'])} up to ${str(d['offUntil'])} (as the old clock read) were taken before the step: ` +
        `add ${stepText(d['stepUs'])} to compare them with stamps after it. Monotonic times (json, export, verbose) are not affected.`,
      'Why it matters: certificates signed before the step carry NotBefore/NotAfter from the wrong clock ' +
        '(clients then see "x509: certificate has expired or is not yet valid"), and logs compared with other machines look out of order.',
      'What to change:',
      '  1. Give the machine a working RTC (or fix its battery), or keep the last known time across boots: systemd-timesyncd stores it in /var/lib/systemd/timesync/clock.',
      '  2. Order units that sign certificates or compare times after time-sync.target, and enable systemd-time-wait-sync.service ' +
        '(or chronyd with `makestep` and chrony-wait.service) so time-sync.target waits for the first synchronization.',
    ];
    return lines.join('\n');
  },
};
