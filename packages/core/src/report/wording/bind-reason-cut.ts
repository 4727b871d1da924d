import { bindPlace, str, type Wording } from './common.js';
import type { Details } from '../../rules/rule.js';

function where(d: Details): string {
  return bindPlace(d, 'its address');
}

export const bindReasonCut: Wording = {
  summary(d) {
    const n = Number(d['failures']);
    const unit = d['unit'] === null || d['unit'] === undefined ? '' : ` (${str(d['unit'])})`;
    return `${str(d['program'])}${unit} could not bind ${where(d)}; the line is cut before the reason` +
      `${n > 1 ? ` (${n} attempts)` : ''}${d['unitFailed'] === true ? '; the unit failed' : ''}`;
  },
  remediation(d) {
    const program = str(d['program']);
    const port = d['port'] === null || d['port'] === undefined ? null : str(d['port']);
    return [
      `What happened: ${program} could not bind ${where(d)}. The line ends before the kernel's reason (a pager or a terminal cut it), so which of the two usual causes it was is not in the input:`,
      `  - the node did not have the address at that moment (EADDRNOTAVAIL, "Cannot assign requested address"): the service started before the interface was configured, or the address moved; see bind-address-missing;`,
      `  - another process held the port (EADDRINUSE, "Address already in use"): see bind-address-in-use.`,
      `Read the whole line: journalctl -b -u ${d['unit'] === null || d['unit'] === undefined ? '<unit>' : str(d['unit'])} --no-pager (or journalctl … | cat): the pager cuts lines at the terminal's width.`,
      `On the machine: ip -brief address shows whether the node has ${d['address'] === null || d['address'] === undefined ? 'the address' : str(d['address'])} now; ` +
      `${port === null ? 'ss -ltnup' : `ss -ltnup 'sport = :${port}'`} shows who listens on the port.`,
    ].join('\n');
  },
};
