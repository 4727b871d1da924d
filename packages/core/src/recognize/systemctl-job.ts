import { eventBase, type Recognizer } from './recognizer.js';
import { unitNameAndDescription } from './systemd-units.js';

// What `systemctl start` prints when the job fails (systemd src/systemctl/systemctl-util.c, job
// result messages), where a script or a provisioner logged it: `Job for systemd-networkd-wait-online.service
// failed because the control process exited with error code.` (canonical/cloud-init#5945, in cloud-init's
// stderr), `A dependency job for docker.service failed. See 'journalctl -xe' for details.` (moby/moby#29179).
const JOB_FOR = /Job for (\S+\.(?:service|socket|mount|target|timer|path|swap|device)) failed because (the control process exited with error code|a timeout was exceeded|the service did not take the steps required by its unit configuration|start of the service was attempted too often|a fatal signal was delivered to the control process|a fatal signal was delivered causing the control process to dump core)/;
const DEPENDENCY = /A dependency job for (\S+\.(?:service|socket|mount|target|timer|path|swap)) failed\./;

const RESULTS: Readonly<Record<string, string>> = {
  'the control process exited with error code': 'exit-code',
  'a timeout was exceeded': 'timeout',
  'the service did not take the steps required by its unit configuration': 'protocol',
  'start of the service was attempted too often': 'start-limit-hit',
  'a fatal signal was delivered to the control process': 'signal',
  'a fatal signal was delivered causing the control process to dump core': 'core-dump',
};

/** systemctl's own report that a start job failed, from whoever logged it: a unit-job event (phase failed, with the result it names). */
export const systemctlJob: Recognizer = {
  id: 'systemctl-job',
  // ' failed because ' rather than 'Job for ': the scan's window is as short as the shortest needle (issue 9, round 3).
  needles: [' failed because ', 'A dependency job for '],
  recognize(entry, ctx) {
    const m = JOB_FOR.exec(entry.message);
    const d = m ? null : DEPENDENCY.exec(entry.message);
    const unit = m?.[1] ?? d?.[1];
    if (unit === undefined) return;
    const result = m ? RESULTS[m[2]!]! : 'dependency';
    ctx.emit({ kind: 'unit-job', ...eventBase(entry), ...unitNameAndDescription(unit, undefined), phase: 'failed', result });
  },
};
