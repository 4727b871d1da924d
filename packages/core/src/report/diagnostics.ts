import type { NoteCode, SkipCode } from '../parse/reader.js';

/** How much of an offending line a diagnostic quotes. */
const EXCERPT_CHARS = 120;

export function excerpt(text: string): string {
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

const SKIP_WORDS: Record<SkipCode, string> = {
  'unparsable-line': 'line skipped: not a journal line of this format',
  'invalid-json': 'line skipped: not valid JSON',
  'not-an-entry': 'line skipped: JSON that is not a journal entry',
  'line-too-long': 'line skipped: longer than the line limit',
  'unparsable-analyze-line': 'line skipped: not systemd-analyze output',
  'partial-entry': 'entry skipped: the input ends inside it (cut short?); the entries before it are kept',
  'not-log': 'line skipped: not a log line (a prompt, command, prose, fence or elision)',
};

/** The words of a skipped-line diagnostic: what happened, what was expected, and the line itself. */
export function skipMessage(code: SkipCode, text: string, expected?: string): string {
  const want = expected ? ` (expected ${expected})` : '';
  return `${SKIP_WORDS[code]}${want}: ${JSON.stringify(excerpt(text))}`;
}

export function diagnosticsCappedMessage(notListed: number): string {
  return `${notListed} more skipped lines are counted in inputs[].skipped but not listed`;
}

export function invalidUtf8Message(lines: number): string {
  return `${lines} line${lines === 1 ? '' : 's'} held bytes that are not UTF-8 (the first is this one); they were read with U+FFFD (\uFFFD) in their place`;
}

export function emptyInputMessage(): string {
  return 'the input holds no journal entries';
}

const NOTE_WORDS: Record<NoteCode, string> = {
  'year-assumed': 'the journal prints no year',
  'zone-assumed': 'the journal prints no usable time zone',
  'line-truncated': 'line cut short by the pager (journalctl --no-pager or -o json keeps it whole)',
  'no-time': 'this output mode carries no time, host or identifier',
  'no-time-host': 'these lines carry who logged them but no time or host (journalctl output with its first columns cut off)',
  'blob-value': 'a field was printed as "[… blob data]" and could not be read',
  'invalid-utf8': 'bytes that are not UTF-8 were read as U+FFFD (\uFFFD)',
  'read-as-messages': 'no line is in a log format bootlens reads, but some hold messages it recognizes, so every line was read as a bare message (as `--input-format cat` reads it): in input order, without time, host or boot',
  'bootup-not-finished': 'systemd-analyze printed no times: the boot had not finished when it ran (run it again once `systemctl list-jobs` is empty, or read the journal instead)',
};

/** The words of an assumption or loss a reader accepted: what, then the reader's detail. */
export function noteMessage(code: NoteCode, detail: string): string {
  return detail ? `${NOTE_WORDS[code]}: ${detail}` : NOTE_WORDS[code];
}

// --- Binary journal files (parse/journal-file/) ---

type HeaderProblem = import('../parse/journal-file/layout.js').HeaderProblem;
type FileProblem = import('../parse/journal-file/file-reader.js').FileProblem;
type Damage = import('../parse/journal-file/objects.js').Damage;

const hex = (n: number): string => `0x${n.toString(16)}`;
const OBJECT_NAMES = ['unused', 'data', 'field', 'entry', 'data hash table', 'field hash table', 'entry array', 'tag'];
const objectName = (type: number): string => OBJECT_NAMES[type] ?? `unknown (type ${type})`;

/** A journal file that cannot be read at all (InputError `binary-journal`): one line. */
export function journalHeaderMessage(path: string, p: HeaderProblem): string {
  switch (p.what) {
    case 'short': return `${path}: a binary journal file cut short inside its header (${p.size} bytes); nothing in it can be read`;
    case 'signature': return `${path}: not a binary journal file (no LPKSHHRH signature)`;
    case 'unknown-flags':
      return `${path}: a binary journal file with incompatible flags bootlens does not know (${hex(p.flags)}; known: ` +
        'XZ, LZ4, KEYED-HASH, ZSTD, COMPACT): written by a newer systemd? Export it where that systemd runs: ' +
        `journalctl --file ${path} -o export > journal.export`;
    case 'header-size':
      return `${path}: a binary journal file damaged beyond reading: its header size (${p.headerSize}) is impossible for a file of ${p.fileSize} bytes`;
  }
}

/** Why an object could not be followed. */
export function damageMessage(d: Damage): string {
  switch (d.what) {
    case 'offset': return `offset ${hex(d.offset)} lies outside the objects (they end at ${hex(d.limit)})`;
    case 'misaligned': return `offset ${hex(d.offset)} is not a multiple of 8`;
    case 'past-end': return `the object at ${hex(d.offset)} lies past the end of the file (${d.fileSize} bytes)`;
    case 'object-type':
      return d.expected === null
        ? `the object at ${hex(d.offset)} has no valid type (${d.type})`
        : `the object at ${hex(d.offset)} is a ${objectName(d.type)} object, not a ${objectName(d.expected)} object`;
    case 'object-size': return `the object at ${hex(d.offset)} has an impossible size (${d.size})`;
    case 'compression-flags': return `the data object at ${hex(d.offset)} has compression flags ${hex(d.flags)} the file header does not announce`;
    case 'no-field-name': return `the data object at ${hex(d.offset)} holds no FIELD=value`;
    case 'decompress': return `the data object at ${hex(d.offset)} could not be decompressed (${d.method}: ${d.detail})`;
    case 'array-order': return `the entry array chain goes back from ${hex(d.previous)} to ${hex(d.offset)} (a loop)`;
  }
}

/** A problem met while reading a journal file; the entries that could be read are kept. */
export function journalProblemMessage(p: FileProblem): string {
  switch (p.kind) {
    case 'entry-skipped': return `entry skipped: the entry at ${hex(p.offset)} cannot be read: ${damageMessage(p.damage)}`;
    case 'scan-stopped':
      return `the journal file is damaged: ${damageMessage(p.damage)}${p.state === 'online' ? ' (the file was not closed: journald was writing it)' : ''}; ` +
        'the entries after it were looked up through the entry arrays';
    case 'index-stopped': return `the journal file's entry arrays are damaged: ${damageMessage(p.damage)}; entries after it cannot be found`;
    case 'truncated':
      return `the journal file is cut short: it ends at byte ${p.fileSize}, its last object is at ${hex(p.tail)}` +
        (p.lost > 0 ? `; ${p.lost} entr${p.lost === 1 ? 'y' : 'ies'} past the end are lost` : '');
    case 'entries-missing': return `the journal file's header counts ${p.expected} entries; ${p.found} were found`;
    case 'value-too-long': return `a field was left out of this entry: the data object at ${hex(p.offset)} holds ${p.size} bytes, more than the limit of ${p.limit} (--max-line-bytes)`;
  }
}

export function duplicateEntriesMessage(count: number): string {
  return `${count} entr${count === 1 ? 'y' : 'ies'} of this file ${count === 1 ? 'is' : 'are'} also in another file given and ${count === 1 ? 'was' : 'were'} read once`;
}
