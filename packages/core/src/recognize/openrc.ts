import { eventBase, type Recognizer } from './recognizer.js';

// OpenRC's eerror when a service's start fails (openrc src/openrc-run/openrc-run.c: `ERROR: %s failed to
// start`), in rc.log or rc-service output: ` * ERROR: k0scontroller failed to start` (k0sproject/k0s#1035).
const FAILED = /^ERROR: ([\w.@-]+) failed to start\s*$/;

/** OpenRC services that failed to start: unit-job events (phase failed) named by the service, as systemd's are by unit. */
export const openrcServices: Recognizer = {
  id: 'openrc-services',
  needles: [' failed to start'],
  recognize(entry, ctx) {
    // The reader hands OpenRC's lines on without an identifier; a daemon's own line has one.
    if (entry.identifier !== null) return;
    const m = FAILED.exec(entry.message);
    if (!m) return;
    ctx.emit({ kind: 'unit-job', ...eventBase(entry), unit: m[1]!, description: null, phase: 'failed' });
  },
};
