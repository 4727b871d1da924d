import { eventBase, type Recognizer } from './recognizer.js';

/**
 * `systemctl status`'s `Active:` line, which the systemctl-status reader (parse/systemctl-status.ts)
 * hands on as a structured entry: identifier `systemctl`, realtime the `since` time, the unit and
 * its states in fields named as the journal names them elsewhere (`UNIT`, `UNIT_RESULT`).
 */
export const unitState: Recognizer = {
  id: 'unit-state',
  // Every entry of this identifier is one: the fields say what it is, not the message.
  needles: [''],
  identifiers: ['systemctl'],
  recognize(entry, ctx) {
    const unit = entry.fields['UNIT'];
    const state = entry.fields['ACTIVE_STATE'];
    if (unit === undefined || state === undefined) return;
    const base = eventBase(entry);
    ctx.emit({
      kind: 'unit-state',
      ...base,
      unit,
      state,
      subState: entry.fields['SUB_STATE'] ?? null,
      result: entry.fields['UNIT_RESULT'] ?? null,
      since: base.realtime,
    });
  },
};
