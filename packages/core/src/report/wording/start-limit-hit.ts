import { str, type Wording } from './common.js';
import { becauseText, lookFurther, unitText } from './failed-unit-common.js';

export const startLimitHit: Wording = {
  summary(d) {
    return `${unitText(d)} failed repeatedly and systemd stopped restarting it (start limit hit)${becauseText(d)}`;
  },
  remediation(d) {
    const unit = d['unitNamed'] === false ? '<unit>' : str(d['unit']);
    return [
      'systemd restarts a unit at most StartLimitBurst= times (5) in StartLimitIntervalSec= (10 s); then it gives up and the unit stays failed.',
      'The limit is the symptom: the first failure in the loop is the cause' + (d['cause'] ? ` (${becauseText(d).slice(2)}).` : ', and it is not in this input.'),
      `After fixing it: systemctl reset-failed ${unit} && systemctl start ${unit}. To ride out a slow network at boot instead of ` +
      'giving up, space the restarts: RestartSec=5 (with Restart=on-failure) keeps five attempts from fitting into 10 s.',
      lookFurther(d),
    ].join('\n');
  },
};
