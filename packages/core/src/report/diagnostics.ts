import type { SkipCode } from '../parse/reader.js';

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
};

/** The words of a skipped-line diagnostic: what happened, what was expected, and the line itself. */
export function skipMessage(code: SkipCode, text: string, expected?: string): string {
  const want = expected ? ` (expected ${expected})` : '';
  return `${SKIP_WORDS[code]}${want}: ${JSON.stringify(excerpt(text))}`;
}

export function diagnosticsCappedMessage(notListed: number): string {
  return `${notListed} more skipped lines are counted in inputs[].skipped but not listed`;
}

export function emptyInputMessage(): string {
  return 'the input holds no journal entries';
}
