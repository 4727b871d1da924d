import { str, type Wording } from './common.js';
import { unitText } from './failed-unit-common.js';

export const deviceTimeout: Wording = {
  summary(d, severity) {
    return `device ${unitText(d)} did not appear before its timeout${severity === 'error' ? '; units that needed it failed' : ''}`;
  },
  remediation(d) {
    const device = str(d['description'] ?? d['unit']);
    return [
      `systemd waited for ${device} (90 s by default, JobTimeoutSec=/x-systemd.device-timeout=) and it never appeared: ` +
      'the disk, partition or port is missing, renamed (a UUID or LABEL that changed), or its driver or udev did not run.',
      'What to change:',
      '  1. Check that the name still exists: ls -l /dev/disk/by-uuid /dev/disk/by-label, blkid; correct /etc/fstab or the unit that names it.',
      '  2. For a device that is not always present, do not let the boot wait for it: `nofail` (and x-systemd.device-timeout=5s) in /etc/fstab, ' +
      'or for a serial console, disable the getty on it (systemctl mask serial-getty@<tty>.service).',
    ].join('\n');
  },
};
