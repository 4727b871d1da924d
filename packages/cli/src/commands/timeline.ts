import type Table from 'cli-table3';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { describeEvent, EVENT_KINDS, inert, runText, sinceBootUs, type Boot, type EventKind, type TimelineEvent } from '@bootlens/core/internal';
import { UsageError, type Command, type OptionValues } from '../command.js';
import { INPUT_USAGE, oneOf } from '../options.js';
import { BOOT_USAGE, bootFrom, UNIT_TIMES_OPTIONS } from './journal-units.js';

// cli-table3 (CommonJS) is loaded when a table is first drawn, not at start-up: `analyze --format
// json` never draws one (issue 9, round 3).
const requireHere = createRequire(import.meta.url);
const newTable = (options: Table.TableConstructorOptions): Table.Table => new (requireHere('cli-table3') as typeof Table)(options);

/** Values of a repeatable option that also takes comma-separated lists: `--kind a,b --kind c`. */
function listOption(values: OptionValues, name: string): string[] {
  const raw = values[name];
  const items = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return items.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** Every name of the interfaces asked for, following renames: `--interface eth0` also shows `enp3s0` after `eth0` was renamed. */
function interfaceNames(boot: Boot, asked: string[]): Set<string> {
  const names = new Set(asked);
  for (const story of boot.interfaces ?? []) {
    const all = [...story.formerNames, story.name];
    if (all.some((n) => names.has(n))) for (const n of all) names.add(n);
  }
  return names;
}

function interfacesOf(e: TimelineEvent): string[] {
  if (e.kind === 'interface-renamed') return [e.formerName, e.interface];
  return 'interface' in e && typeof e.interface === 'string' ? [e.interface] : [];
}

/** `bootlens timeline <journal…>`: every event bootlens recognized in one boot, in timeline order. */
export const timelineCommand: Command = {
  name: 'timeline',
  summary: 'every recognized event of a boot in one table: addresses, links, leases, units, certificates',
  usage: `Usage: bootlens timeline [options] <journal…|->

Lists every event bootlens recognized in one boot, in timeline order: time since boot, who logged
it, the event kind and what it is about. Inputs may mix journals and \`ip -ts monitor address link\` captures.

Options:
${BOOT_USAGE}
  -k, --kind KIND[,KIND…]      only these event kinds (repeatable): ${EVENT_KINDS.join(', ')}
  -i, --interface NAME         only events about this interface, under any of its names (repeatable)
  -f, --format text|json       output format (default: text)
${INPUT_USAGE}
`,
  options: {
    ...UNIT_TIMES_OPTIONS,
    kind: { type: 'string', short: 'k', multiple: true },
    interface: { type: 'string', short: 'i', multiple: true },
    format: { type: 'string', short: 'f' },
  },
  async run(values, positionals, io) {
    const format = oneOf('format', values['format'], ['text', 'json'] as const, 'text');
    const kinds = listOption(values, 'kind');
    for (const k of kinds) {
      if (!(EVENT_KINDS as readonly string[]).includes(k)) throw new UsageError(`--kind must be among ${EVENT_KINDS.join(', ')}, not '${k}'`);
    }
    const boot = await bootFrom(values, positionals, io);
    const asked = listOption(values, 'interface');
    const names = interfaceNames(boot, asked);
    const events = boot.events.filter((e) =>
      (kinds.length === 0 || kinds.includes(e.kind as EventKind)) &&
      (asked.length === 0 || interfacesOf(e).some((n) => names.has(n))));

    if (format === 'json') {
      const rows = events.map((e) => ({ sinceBootUs: sinceBootUs(e, boot), describe: describeEvent(e), ...e }));
      // Runs are rows with `run`; the builder's cap (timeline/fold.ts) is what may leave events out here.
      io.stdout.write(`${JSON.stringify({ bootId: boot.bootId, index: boot.index, timeBasis: boot.timeBasis, events: rows }, null, 2)}\n`);
      return 0;
    }
    const table = newTable({
      head: ['since boot', 'source', 'kind', 'subject'],
      style: { head: [], border: [], compact: true },
      chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ' },
    });
    for (const e of events) {
      const us = sinceBootUs(e, boot);
      table.push([
        us === null ? '?' : `${(us / 1e6).toFixed(3)}s`,
        `${inert(e.identifier ?? '-')} ${inert(basename(e.source.path))}:${e.source.line}`,
        e.kind,
        inert(describeEvent(e) + (e.run ? ` (${runText(e, boot)})` : '')),
      ]);
    }
    const basis = boot.timeBasis === 'monotonic' ? 'since kernel start (monotonic clock)'
      : boot.timeBasis === 'realtime' ? 'wall-clock since the first entry of the boot' : 'in input order (no usable time)';
    io.stdout.write(events.length === 0
      ? 'No events match.\n'
      : `${table.toString()}\n\n# ${events.length} event${events.length === 1 ? '' : 's'} of boot ${inert(boot.bootId ?? String(boot.index + 1))}; times are ${basis}.\n`);
    return 0;
  },
};
