import { CLOCK_JUMP_US, previousClocks, stepSincePrevious } from '../timeline/clock.js';
import { eventBase, type Recognizer } from './recognizer.js';

// systemd-timesyncd: `Initial clock synchronization to Wed 2024-11-20 09:27:02.812345 UTC.` after its
// first step, and `Time has been changed` (timesyncd and PID 1, on every clock change). Neither says
// by how much: the step is measured against the entry before (timeline/clock.ts).
const TIMESYNCD = /^(?:Initial clock synchronization to |Time has been changed$)/;
// `System clock time unset or jumped backwards, restoring from recorded timestamp: Sun 2018-04-15
// 09:20:21 AEST` (systemd#8719): logged before the step, so it is measured at the next entry.
const RESTORING = 'System clock time unset or jumped backwards, restoring from recorded timestamp: ';
// chronyd: `System clock wrong by -32400.283303 seconds, adjustment started` (it slews, or steps
// next) and `System clock was stepped by -32400.283303 seconds`. The amount is the clock's move:
// negative backwards. Some builds put their own stamp first (`2022-01-03T14:32:44Z System clock …`).
// Without `, adjustment started` chronyd is about to step (its makestep: `System clock wrong by 5447576.763763
// seconds`, rockstor/rockstor-core#2843, where the journal's stamps jump two months at the next line).
const CHRONY = /System clock (?:wrong by (-?\d+(?:\.\d+)?) seconds(?:, adjustment started)?|was stepped by (-?\d+(?:\.\d+)?) seconds)/;

/** NTP clients setting the wall clock during the boot: every wall-clock stamp before it is off. */
export const timesyncd: Recognizer = {
  id: 'timesyncd',
  needles: ['Initial clock synchronization to ', 'Time has been changed', 'System clock wrong by ', 'System clock was stepped by ', RESTORING],
  recognize(entry, ctx) {
    const chrony = CHRONY.exec(entry.message);
    if (chrony) {
      const seconds = Number(chrony[1] ?? chrony[2]);
      ctx.emit({ kind: 'clock-step', ...eventBase(entry), stepUs: Math.round(seconds * 1e6), via: 'chronyd' });
      return;
    }
    if (entry.identifier !== 'systemd-timesyncd' && entry.identifier !== 'systemd') return;
    if (entry.message.startsWith(RESTORING)) {
      previousClocks(ctx).pending = { kind: 'clock-step', ...eventBase(entry), via: entry.identifier };
      return;
    }
    if (!TIMESYNCD.test(entry.message)) return;
    const step = stepSincePrevious(entry, previousClocks(ctx));
    if (step === null || Math.abs(step) <= CLOCK_JUMP_US) return;
    ctx.emit({ kind: 'clock-step', ...eventBase(entry), stepUs: step, via: entry.identifier });
  },
};
