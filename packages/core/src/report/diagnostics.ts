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
  'blob-value': 'a field was printed as "[… blob data]" and could not be read',
  'invalid-utf8': 'bytes that are not UTF-8 were read as U+FFFD (\uFFFD)',
  'bootup-not-finished': 'systemd-analyze printed no times: the boot had not finished when it ran (run it again once `systemctl list-jobs` is empty, or read the journal instead)',
};

/** The words of an assumption or loss a reader accepted: what, then the reader's detail. */
export function noteMessage(code: NoteCode, detail: string): string {
  return detail ? `${NOTE_WORDS[code]}: ${detail}` : NOTE_WORDS[code];
}
