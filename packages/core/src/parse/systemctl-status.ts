import type { JournalEntry } from '../model/entry.js';
import { pasteChrome } from './chrome.js';
import type { LineReader, LineReaderFactory, ReadSink, ReaderOptions } from './reader.js';
import { PrintedZones } from './short-full.js';

/**
 * `systemctl status UNIT` output (systemctl-show.c, print_status_info): a bullet line
 * `● unit - Description`, then header fields (`Loaded:`, `Active:`, `Main PID:`, `CGroup:` and its
 * process tree, …), then the unit's journal tail, which is short-mode output: another region
 * (regions.ts), read by the short reader.
 *
 * The `Active:` line is the one that says something about the boot: it becomes a structured entry
 * (identifier `systemctl`, realtime the `since` time) whose fields carry the state, and the
 * recognizer in recognize/unit-state.ts turns it into a `unit-state` event (the bullet line's description
 * rides along as `UNIT_DESCRIPTION`). The other fields are
 * read as the format defines them and kept nowhere. The reader knows the format, no wording of
 * any message.
 */

// short-common's UNIT_TYPES, spelled here: the ReDoS test (test/robustness/redos.test.ts) evaluates a pattern only from its own file's constants.
const UNIT_TYPES = 'service|socket|target|device|mount|automount|swap|timer|path|slice|scope';
// `● nginx.service - A high performance web server…`. The bullet is the unit's state glyph: `●`
// active, `○` inactive, `×` failed, `↻` reloading; `*`, `x` without UTF-8 (systemd#25607, 257
// ASCII mode in jabali-panel#133); mojibake (`Ã` in sonic-buildimage#19620, `â` in crc#2731, `?`
// in archlinuxarm#1091); or gone (moby#39314, docker-machine#4370). Without a bullet the line needs
// its ` - Description` to be told from a unit name in other output (`Failed Units:` lists).
const BULLET_LINE = new RegExp(`^(?:([^\\sA-Za-z0-9]{1,3}|x) +)?([A-Za-z0-9:_.@\\\\-]+\\.(?:${UNIT_TYPES}))(?: - (.*))?$`);
// The header fields systemctl prints, `Key: value`, the key right-aligned in a column. The strong
// ones start a status block by themselves (a format claims a line with them); the others are
// read only inside a block (`Status:`, `Tasks:`, `Error:` also begin lines of other output).
const STRONG_FIELD = /^(?:Loaded: (?:loaded|not-found|masked|error|bad-setting|stub|merged)\b|Active: (?:active|inactive|failed|activating|deactivating|reloading|maintenance|refreshing)\b|Drop-In: \/|CGroup: \/|Main PID: \d|Process: \d+ \w+=|TriggeredBy: |Docs: (?:man|https?|info|file):)/;
const FIELD = /^(Loaded|Transient|Drop-In|Active|Follows|TriggeredBy|Triggers|Trigger|Condition|Assert|Device|Where|What|Docs|Listen|Accepted|Process|Main PID|Cntrl PID|Status|Error|IP|IO|Tasks|Memory|Mem peak|Swap peak|Zswap|CPU|CGroup|Invocation|Duration|FD Store|Notify Acc):(?: |$)/;
// The CGroup process tree and Drop-In files: `├─1158 /var/lib/k0s/bin/kubelet`, `└─10-kubeadm.conf`,
// `│ ├─…`, and the ASCII forms `|-`, `` `- `` (keepalived#2237 pasted it without indentation).
const TREE = /^(?:[├└│|`]|\s)*(?:[├└]─|\|-|`-)/;
// `Active: failed (Result: exit-code) since Sat 2025-01-18 15:51:23 UTC; 1min 28s ago`: the state,
// parenthesised sub-state, freezer state and result, and `since` a timestamp (`%a` in the machine's
// locale: `三` in kubernetes#54542, `mer` in kubernetes#17767) and how long ago.
const PAREN = /^ \(([^()]*)\)/;
const SINCE_STAMP = /(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?: ([^\s;>…]+))?/y;
const SINCE_UNIX = /@(\d{1,12})(?:\.(\d{1,6}))?/y;
// The login banner of CoreOS Container Linux and Flatcar (their profile script): `Failed Units: 8`, then
// each unit `systemctl list-units --state=failed` lists, two spaces in (coreos/bugs#259). A count up
// to 10,000 is read; the units after it are units in the failed state, as an Active line would say.
const FAILED_UNITS = /^Failed Units: (\d{1,5})$/;
const LISTED_UNIT = new RegExp(`^[A-Za-z0-9:_.@\\\\-]+\\.(?:${UNIT_TYPES})$`);
// What systemctl prints after the journal tail (logs-show.c, systemctl-util.c): it belongs to the status.
const AFTER_TAIL = /^(?:Warning|Notice): /;

/** True for a line that starts or can only belong to a status block (leading blanks removed). */
export function sniffSystemctlStatus(line: string): boolean {
  const c = line.charCodeAt(0);
  if (STRONG_FIELD.test(line)) return true;
  if (c === 0x46 && FAILED_UNITS.test(line)) return true;
  if (c === 0x2502 || c === 0x251c || c === 0x2514) return TREE.test(line);
  if (AFTER_TAIL.test(line)) return afterTail(line);
  const m = BULLET_LINE.exec(line);
  return m !== null && (m[1] !== undefined || m[3] !== undefined);
}

function afterTail(line: string): boolean {
  return line.includes('rotated since unit was started') || line.includes('changed on disk');
}

/** What an `Active:` line says. */
export interface ActiveLine {
  state: string;
  subState: string | null;
  result: string | null;
  /** The `since` time as printed, read into calendar fields; null when there is none or it was cut. */
  since: { year: number; month: number; day: number; hour: number; minute: number; second: number; us: number; zone: string | null } | { unix: number } | null;
}

/** Reads the value of an `Active:` line (after `Active: `), or null when it has no state. */
export function readActive(value: string): ActiveLine | null {
  // Markdown bold around the state survives some pastes: `**failed (Result: exit-code)** since …` (archlinuxarm#1091).
  const text = value.includes('**') ? value.replace(/\*\*/g, '') : value;
  const space = text.indexOf(' ');
  const state = space === -1 ? text : text.slice(0, space);
  if (!/^[a-z-]+$/.test(state)) return null;
  let rest = space === -1 ? '' : text.slice(space);
  let subState: string | null = null;
  let result: string | null = null;
  for (let m = PAREN.exec(rest); m !== null; m = PAREN.exec(rest)) {
    const inner = m[1]!;
    if (inner.startsWith('Result: ')) result = inner.slice(8);
    else if (subState === null) subState = inner; // a second one is the freezer state (`(frozen)`), not kept
    rest = rest.slice(m[0].length);
  }
  let since: ActiveLine['since'] = null;
  if (rest.startsWith(' since ')) {
    // The weekday is one word in any language; the rest is `%Y-%m-%d %H:%M:%S %Z` (or `--timestamp=unix`).
    const at = rest.indexOf(' ', 7);
    SINCE_UNIX.lastIndex = 7;
    const unix = SINCE_UNIX.exec(rest);
    if (unix) {
      since = { unix: Number(unix[1]) * 1_000_000 + fractionOf(unix[2]) };
    } else if (at !== -1) {
      SINCE_STAMP.lastIndex = at + 1;
      const s = SINCE_STAMP.exec(rest);
      if (s) {
        since = {
          year: Number(s[1]), month: Number(s[2]), day: Number(s[3]), hour: Number(s[4]), minute: Number(s[5]), second: Number(s[6]),
          us: fractionOf(s[7]), zone: s[8] ?? null,
        };
        if (since.month < 1 || since.month > 12 || since.day < 1 || since.day > 31 || since.hour > 23 || since.minute > 59 || since.second > 60) since = null;
      }
    }
  }
  return { state, subState, result, since };
}

function fractionOf(digits: string | undefined): number {
  return digits === undefined ? 0 : Number(digits.padEnd(6, '0'));
}

/** The unit a `Loaded:` line's path names, for pastes that lost the bullet line: `(/lib/systemd/system/nginx.service; …)`. */
const LOADED_PATH = new RegExp(`\\((?:[^;()]*/)?([A-Za-z0-9:_.@\\\\-]+\\.(?:${UNIT_TYPES}))[;)]`);

/** In a block, after a line nothing continues (the bullet line). */
const NO_CONTINUATION = Number.MAX_SAFE_INTEGER;

export const systemctlStatusReader: LineReaderFactory = (options: ReaderOptions): LineReader => {
  const zones = new PrintedZones(options);
  let unit: string | null = null;
  // The bullet line's description (`● nginx.service - A high performance web server…`), null when it has none.
  let description: string | null = null;
  // Units a `Failed Units: N` banner has still to list.
  let listed = 0;
  // The column the last field's value started at: deeper lines continue it (Docs, Drop-In, CGroup).
  let valueColumn = -1;
  const active = (value: string, body: string, lineNo: number, sink: ReadSink) => {
    const a = readActive(value);
    if (a === null || unit === null) return false;
    let realtimeUs: number | null = null;
    if (a.since !== null && 'unix' in a.since) realtimeUs = a.since.unix;
    else if (a.since !== null) {
      const s = a.since;
      // A zone cut off by the terminal (`23:22:54 U`, gnubee#15) is read like an unknown abbreviation.
      realtimeUs = zones.micros({ ...s, zone: s.zone ?? '' }, lineNo, sink);
    } else if (value.includes(' since ')) {
      sink.note(lineNo, 'line-truncated', JSON.stringify(body.length > 120 ? `${body.slice(0, 120)}…` : body));
    }
    const fields: Record<string, string> = { UNIT: unit, ACTIVE_STATE: a.state };
    if (a.subState !== null) fields['SUB_STATE'] = a.subState;
    if (a.result !== null) fields['UNIT_RESULT'] = a.result;
    if (description !== null) fields['UNIT_DESCRIPTION'] = description;
    const entry: JournalEntry = {
      realtimeUs, monotonicUs: null, bootId: null, hostname: null, identifier: 'systemctl', pid: null, unit: null,
      priority: null, message: body, fields, source: { path: options.path, line: lineNo },
    };
    sink.entry(entry);
    return true;
  };
  // A unit the banner lists as failed: an entry like an Active line's, with no time.
  const failedListed = (unitName: string, body: string, lineNo: number, sink: ReadSink) => {
    sink.entry({
      realtimeUs: null, monotonicUs: null, bootId: null, hostname: null, identifier: 'systemctl', pid: null, unit: null,
      priority: null, message: body, fields: { UNIT: unitName, ACTIVE_STATE: 'failed' }, source: { path: options.path, line: lineNo },
    });
  };
  return {
    format: 'systemctl-status',
    line(text, lineNo, sink) {
      const body = text.trimStart();
      const indent = text.length - body.length;
      if (listed > 0 && indent > 0 && LISTED_UNIT.test(body)) {
        listed--;
        failedListed(body, body, lineNo, sink);
        return true;
      }
      listed = 0;
      const banner = FAILED_UNITS.exec(body);
      if (banner && indent === 0) {
        listed = Number(banner[1]);
        valueColumn = -1;
        return true;
      }
      const chrome = pasteChrome(body);
      if (chrome) {
        if (chrome.kind === 'boot') sink.bootMarker(chrome.bootId, lineNo);
        return true;
      }
      const field = FIELD.exec(body);
      if (field && (valueColumn !== -1 || STRONG_FIELD.test(body))) {
        const key = field[1]!;
        const value = body.slice(field[0].length);
        // A block that starts at `Loaded:` lost its bullet line: the unit is the one its path names.
        if (key === 'Loaded' && valueColumn === -1) {
          unit = LOADED_PATH.exec(value)?.[1] ?? null;
          description = null;
        }
        valueColumn = indent + field[0].length;
        if (key === 'Active' && !active(value, body, lineNo, sink)) {
          sink.skip(lineNo, 'unparsable-line', text, 'Active: STATE (SUB) since TIMESTAMP');
          return false;
        }
        return true;
      }
      const bullet = BULLET_LINE.exec(body);
      if (bullet && (bullet[1] !== undefined || bullet[3] !== undefined)) {
        unit = bullet[2]!;
        description = bullet[3] === undefined || bullet[3].trim() === '' ? null : bullet[3].trim();
        valueColumn = NO_CONTINUATION;
        return true;
      }
      if (valueColumn !== -1 && ((indent > 0 && indent >= valueColumn) || TREE.test(body))) return true;
      if (AFTER_TAIL.test(body) && afterTail(body)) return true;
      // The block ends, but not its unit: a line wrapped by the terminal (gnubee-tools#15) is followed by more of it.
      valueColumn = -1;
      sink.skip(lineNo, 'unparsable-line', text, 'a systemctl status line (● UNIT - DESCRIPTION, Loaded:, Active:, …)');
      return false;
    },
    finish() {},
  };
};

