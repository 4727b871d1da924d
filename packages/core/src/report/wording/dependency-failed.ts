import { str, type Wording } from './common.js';
import { becauseText, causeText, unitText } from './failed-unit-common.js';

export const dependencyFailed: Wording = {
  summary(d) {
    return `${unitText(d)} was not started because a unit it requires failed${becauseText(d)}`;
  },
  remediation(d) {
    const unit = d['unitNamed'] === false ? '<unit>' : str(d['unit']);
    return [
      'systemd skips a unit whose Requires= (or BindsTo=) dependency failed; it does not say which one in this line.',
      d['cause'] === 'unit-failed'
        ? `The failure just before it: ${causeText(d)}. Fix that one first; this unit starts with it.`
        : 'The failed dependency is not in this input.',
      `On the machine: systemctl list-dependencies ${unit} shows what it requires; systemctl --failed shows what failed.`,
    ].join('\n');
  },
};
