import { eventBase, type Recognizer, type RecognizeContext } from './recognizer.js';

/** Descriptions the boot's `systemctl status` headers gave, by unit (recognize/systemd-units.ts reads them). */
export const STATUS_DESCRIPTIONS = 'status-descriptions';
const MAX_DESCRIPTIONS = 1000;

function rememberDescription(ctx: RecognizeContext, unit: string, description: string): void {
  const known = ctx.state(STATUS_DESCRIPTIONS, () => new Map<string, string>());
  if (known.size < MAX_DESCRIPTIONS || known.has(unit)) known.set(unit, description);
}

/** The description a `systemctl status` header of this boot gave the unit, if any. */
export function statusDescription(ctx: RecognizeContext, unit: string): string | null {
  return ctx.state(STATUS_DESCRIPTIONS, () => new Map<string, string>()).get(unit) ?? null;
}

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
    const description = entry.fields['UNIT_DESCRIPTION'];
    if (description !== undefined) rememberDescription(ctx, unit, description);
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
