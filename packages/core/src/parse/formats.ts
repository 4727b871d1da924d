import type { InputFormat } from '../model/report.js';
import { pasteChrome } from './chrome.js';
import { jsonReader } from './json.js';
import type { LineReaderFactory } from './reader.js';
import { ISO_LINE, ISO_PRECISE_LINE, shortIsoPreciseReader, shortIsoReader } from './short-iso.js';

/** One input format bootlens reads: how to recognise its lines, and its reader. */
export interface FormatSpec {
  format: InputFormat;
  /** True when this line (the first one that is not paste chrome) is in this format. */
  sniff(line: string): boolean;
  create: LineReaderFactory;
}

/** Every format, most specific first: sniffing takes the first that claims the line. */
export const FORMATS: readonly FormatSpec[] = [
  { format: 'json', sniff: (l) => l.startsWith('{"') || l === '{}', create: jsonReader },
  { format: 'short-iso-precise', sniff: (l) => ISO_PRECISE_LINE.test(l), create: shortIsoPreciseReader },
  { format: 'short-iso', sniff: (l) => ISO_LINE.test(l), create: shortIsoReader },
];

export function formatSpec(format: InputFormat): FormatSpec {
  const spec = FORMATS.find((f) => f.format === format);
  if (!spec) throw new Error(`no reader for ${format}`);
  return spec;
}

/** True for lines that cannot decide the format: blank lines, boot markers, headers, hints. */
export function isUndecided(line: string): boolean {
  return pasteChrome(line) !== null;
}

export function sniffFormat(line: string): FormatSpec | null {
  return FORMATS.find((f) => f.sniff(line)) ?? null;
}
