import { unquoteGo } from './logrus.js';
import { componentFailure, componentName, type Recognizer } from './recognizer.js';

// logrus's Fatal (log.Fatal, logrus.Fatalf) logs at level=fatal and exits the process with status 1:
// `time="…" level=fatal msg="failed to find cpu cgroup (v2)"` (kairos-io/kairos#484, k3s under OpenRC).
// The message is quoted Go-style when it has spaces, else bare. `component=` names a wrapped child (k0s).
const FATAL = /(?:^|\s)level=fatal msg=("(?:[^"\\]|\\.)*"|[^\s"]+)/;
const COMPONENT = /\scomponent=([\w.-]+)/;

/** A component's fatal exit, as logrus logs it (the process ends: it is a failure whatever it was doing). */
export const fatal: Recognizer = {
  id: 'fatal',
  needles: ['level=fatal'],
  recognize(entry, ctx) {
    const m = FATAL.exec(entry.message);
    if (!m) return;
    const msg = m[1]!.startsWith('"') ? unquoteGo(m[1]!) : m[1]!;
    const component = COMPONENT.exec(entry.message)?.[1] ?? (entry.identifier === null ? null : componentName(entry, entry.identifier));
    componentFailure(ctx, entry, 'fatal', { component, subject: null, error: msg });
  },
};
