import { str, type Wording } from './common.js';
import type { Details } from '../../rules/rule.js';

/** `nginx.service` (the unit), or `"A high performance web server"` when only the description was logged. */
export function unitText(d: Details): string {
  return d['unitNamed'] === false ? `"${str(d['unit'])}"` : str(d['unit']);
}

/** What bootlens sees of the cause, in words; null when it sees nothing. */
export function causeText(d: Details): string | null {
  const port = d['causePort'] === null || d['causePort'] === undefined ? '' : `:${str(d['causePort'])}`;
  switch (d['cause']) {
    case 'bind-failed':
      if (d['causeInUse'] === true) {
        const what = d['causeAddress'] !== null && d['causeAddress'] !== undefined ? `${str(d['causeAddress'])}${port}`
          : port === '' ? 'its port' : `port ${str(d['causePort'])}`;
        return `it could not bind ${what}: another process held the port (address in use): see bind-address-in-use`;
      }
      if (d['causeReasonCut'] === true) {
        const what = d['causeAddress'] !== null && d['causeAddress'] !== undefined ? `${str(d['causeAddress'])}${port}` : 'its address';
        return `it could not bind ${what} (the line is cut before the reason): see bind-reason-cut`;
      }
      return d['causeAddress'] === null || d['causeAddress'] === undefined
        ? 'it could not bind its address (the line does not name it): see bind-address-missing'
        : `it could not bind ${str(d['causeAddress'])}${port}, an address the node did not have: see bind-address-missing`;
    case 'tls-verify-failed':
      return `a TLS certificate was rejected (it is not valid for ${str(d['causeAddress'])})`;
    case 'unit-failed':
      return `${str(d['causeUnit'])} ${String(d['causeUnit']).endsWith('.device') ? 'timed out' : 'failed'} just before it`;
    default:
      return null;
  }
}

/** `; its cause is not in this input` or `: it could not bind …`. */
export function becauseText(d: Details): string {
  if (d['cause'] === null && d['result'] === 'bad-setting') return ': systemd refused to load its unit file (a bad setting, named on the line)';
  const cause = causeText(d);
  return cause === null ? '; its cause is not in this input' : `: ${cause}`;
}

/** How to read the rest of the story on the machine. */
export function lookFurther(d: Details): string {
  const unit = d['unitNamed'] === false ? '<unit>' : str(d['unit']);
  // A named unit without a systemd suffix is an OpenRC service (` * ERROR: k0scontroller failed to start`).
  if (d['unitNamed'] !== false && !unit.includes('.')) {
    return `On the machine: rc-service ${unit} status, and the service's own log (/var/log/${unit}.log or /var/log/messages); rc-status --crashed lists the failed services.`;
  }
  return `On the machine: systemctl status ${unit} and journalctl -b -u ${unit} show its own messages; systemctl --failed lists every failed unit.`;
}

export type { Wording };
