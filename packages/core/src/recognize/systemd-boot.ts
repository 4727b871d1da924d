import { parseTimeLine } from '../parse/analyze/time.js';
import type { Recognizer } from './recognizer.js';

/**
 * Where userspace started in this boot, on the monotonic clock: systemd-analyze measures every
 * `@` time from there. Kept as boot state (no event): the timeline builder reads it to place a
 * pasted critical chain on the journal's axis.
 */
export interface UserspaceEvidence {
  /** From `Startup finished in … (kernel) + … (initrd) + …`: kernel + initrd spans (ms precision). */
  startupFinishedUs: number | null;
  /** The last `systemd N running in system mode` of PID 1 (the manager after any switch-root). */
  managerStartUs: number | null;
}

export const USERSPACE_STATE = 'systemd-boot:userspace';

export const systemdBoot: Recognizer = {
  id: 'systemd-boot',
  needles: ['Startup finished in ', ' running in system mode'],
  identifiers: ['systemd'],
  recognize(entry, ctx) {
    if (entry.identifier !== 'systemd' || (entry.pid !== null && entry.pid !== 1)) return;
    const state = ctx.state<UserspaceEvidence>(USERSPACE_STATE, () => ({ startupFinishedUs: null, managerStartUs: null }));
    if (entry.message.startsWith('Startup finished in ')) {
      // json/export carry the exact spans (manager_notify_finished): KERNEL_USEC, INITRD_USEC.
      const kernel = entry.fields['KERNEL_USEC'];
      if (kernel !== undefined && /^\d+$/.test(kernel)) {
        const initrd = entry.fields['INITRD_USEC'];
        state.startupFinishedUs = Number(kernel) + (initrd !== undefined && /^\d+$/.test(initrd) ? Number(initrd) : 0);
        return;
      }
      const r = parseTimeLine(entry.message);
      if (!r.ok || r.value.kind !== 'startup') return;
      const terms = r.value.terms;
      if (terms.some((t) => t.label === 'soft reboot')) return;
      const kernelTerm = terms.find((t) => t.label === 'kernel');
      if (!kernelTerm) return; // a container: no kernel time, userspace starts at its own zero
      state.startupFinishedUs = kernelTerm.us + (terms.find((t) => t.label === 'initrd')?.us ?? 0);
      return;
    }
    if (/^systemd \S+ running in system mode/.test(entry.message)) {
      // Lines read from kmsg carry the time journald read them; the source stamp is when PID 1 logged.
      const source = entry.fields['_SOURCE_MONOTONIC_TIMESTAMP'];
      const us = source !== undefined && /^\d+$/.test(source) && Number(source) > 0 ? Number(source) : entry.monotonicUs;
      if (us !== null) state.managerStartUs = us;
    }
  },
};
