import { str, type Wording } from './common.js';
import { becauseText, causeText, lookFurther, unitText } from './failed-unit-common.js';

export const unitFailed: Wording = {
  summary(d) {
    const result = d['result'] === null || d['result'] === undefined ? '' : ` (result: ${str(d['result'])})`;
    return `${unitText(d)} failed${result}${becauseText(d)}`;
  },
  remediation(d) {
    const lines: string[] = [];
    const cause = causeText(d);
    if (d['cause'] === 'bind-failed') {
      lines.push(`Its cause: ${cause}. Fix that failure (the bind-address-missing, bind-before-address, bind-address-in-use or bind-reason-cut finding says how) and the unit starts.`);
    } else if (d['cause'] === null && d['result'] === 'bad-setting') {
      lines.push('Its cause: systemd refused to load the unit file over a setting (the evidence line names it: no ExecStart=, a relative path, a wrong section). Correct the unit file, then systemctl daemon-reload and start it again; systemd-analyze verify <unit file> checks the file first.');
    } else if (d['cause'] === 'tls-verify-failed') {
      lines.push(`Its cause: ${cause}. The certificate findings say which certificate and how to reissue it.`);
    } else {
      lines.push('The input shows the failure but not why: the unit\'s own messages before it are not in this excerpt.');
    }
    if (d['result'] === 'timeout') lines.push('Result timeout: it did not finish starting within TimeoutStartSec= (90 s by default) — it waited for something (the network, a lock, a peer).');
    if (d['result'] === 'exit-code') lines.push('Result exit-code: its main process exited with an error; its last lines in the journal say which.');
    if (d['why'] === 'serving-unit' || d['why'] === 'network-cause' || d['why'] === 'after-network-online') {
      lines.push('It serves on the network: if it failed because the network was not ready, order it after the network (Wants= and After=network-online.target, with the stack\'s wait-online service enabled) or let it retry (Restart=on-failure, RestartSec=5).');
    }
    lines.push(lookFurther(d));
    return lines.join('\n');
  },
};
