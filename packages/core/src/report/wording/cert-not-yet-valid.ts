import { certRemedies } from './cert-remedies.js';
import { list, secondsText, str, type Wording } from './common.js';
import { pushAll } from '../../util/bounded.js';

function span(msValue: unknown): string {
  if (typeof msValue !== 'number') return 'an unknown time';
  const s = Math.abs(msValue) / 1000;
  if (s < 120) return `${s.toFixed(0)}s`;
  if (s < 7200) return `${(s / 60).toFixed(0)} min`;
  if (s < 172800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} days`;
}

const WHO: Record<string, string> = {
  'client-error': 'clients refused the certificate as not yet valid',
  log: 'the server loaded a certificate whose NotBefore was ahead of its clock',
  file: "the certificate's NotBefore is after this boot's clock",
};

export const certNotYetValid: Wording = {
  summary(d) {
    const step = d['clockStepAtMs'] !== null && d['clockStepAtMs'] !== undefined
      ? `; ${str(d['clockStepVia'])} stepped the clock ${span(d['clockStepMs'])} forward at ${secondsText(d['clockStepAtMs'])}`
      : '';
    return `the clock read ${str(d['clockAt'])}, ${span(d['skewMs'])} before the certificate's NotBefore ${str(d['notBefore'])}: ${WHO[str(d['origin'])] ?? ''}${step}`;
  },
  remediation(d) {
    const lines = [
      `What happened: a certificate is valid only from its NotBefore (${str(d['notBefore'])}); the clock at this boot read ${str(d['clockAt'])}, ${span(d['skewMs'])} earlier. ` +
        'Typically the real-time clock lost time (no RTC battery, a board without an RTC, a fresh image) and NTP had not set it yet.',
    ];
    if (d['clockStepAtMs'] !== null && d['clockStepAtMs'] !== undefined) {
      lines.push(`${str(d['clockStepVia'])} stepped the clock ${span(d['clockStepMs'])} forward at ${secondsText(d['clockStepAtMs'])}` +
        (d['clockStepFixed'] === true ? ', which fixed it: whatever started before then saw the certificate as not yet valid.' : ', not enough to reach NotBefore.'));
    } else {
      lines.push('The journal shows no clock step in this boot: the clock may still be wrong.');
    }
    const who = list(d['components']);
    lines.push('What to change:');
    lines.push('  1. Make the clock right before TLS starts: enable systemd-time-wait-sync.service (with systemd-timesyncd) or chronyd with `makestep 1 -1`, and order the server After=time-sync.target.');
    lines.push('  2. Keep time across reboots: fix or add the RTC battery; on boards without one, systemd-timesyncd restores the last saved time (/var/lib/systemd/timesync/clock).');
    lines.push(`  3. If the certificate was signed by a clock that ran ahead, re-issue it once the clock is right${who.length > 0 ? ` (${who.join(', ')})` : ''}:`);
    pushAll(lines, certRemedies(who[0] ?? null, '<node address>', 4).filter((l) => !/Pin the address|Name the address|Keep it for upgrades|Add the address|stop following/.test(l)));
    return lines.join('\n');
  },
};
