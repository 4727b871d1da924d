/**
 * Where the message a reader handed on last was sliced from (issue 9, round 4). A short-mode reader
 * builds an entry's message as `line.slice(column)`; V8 reads a slice's characters about 25 %
 * slower than a flat string's, so the recognizer dispatch scans the flat line from `column` instead
 * when it is asked about a message equal to the noted one. Only one message is kept: a reader notes
 * an entry's message when it starts the entry, and the dispatch selects for it when the next line
 * flushes it, with no other note between. A message that no longer equals the noted one (a
 * continuation line was appended, another reader noted since) is scanned as it is; an equal one has
 * the same characters, so the answer is the same either way.
 *
 * This lives in parse/ and knows nothing of recognizers: readers note, the dispatch (recognize/)
 * reads. It was in recognize/dispatch.ts, which made parse/ depend on the recognizers.
 */
export interface MessageSource {
  message: string | null;
  line: string;
  column: number;
  /**
   * When the scout read the line (parse/scout/): the needle sets it looked for (null: it did not),
   * those with a needle in the message as bits (sets 0–31, then 32–63), and the identifier whose
   * sets it looked among (the dispatch takes the bits only for an entry of that identifier).
   */
  sets: object | null;
  setsLow: number;
  setsHigh: number;
  identifier: string;
}

/** The last noted message and the flat line it was sliced from. Read by recognize/dispatch.ts. */
export const lastMessageSource: MessageSource = { message: null, line: '', column: 0, sets: null, setsLow: 0, setsHigh: 0, identifier: '' };

/** A reader notes that `message` is `line.slice(column)`. */
export function noteMessageSource(message: string, line: string, column: number): void {
  lastMessageSource.message = message;
  lastMessageSource.line = line;
  lastMessageSource.column = column;
  lastMessageSource.sets = null;
}

/** Right after `noteMessageSource`: the scout found these of `sets` in the message, among those offered `identifier`. */
export function noteScoutedSets(sets: object, low: number, high: number, identifier: string): void {
  lastMessageSource.sets = sets;
  lastMessageSource.setsLow = low;
  lastMessageSource.setsHigh = high;
  lastMessageSource.identifier = identifier;
}
