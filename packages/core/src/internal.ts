// Everything the CLI and the tests use, public or not: reached as `@bootlens/core/internal`, which
// is no part of the public API (index.ts is) and changes without notice.
export * from './model/index.js';
export { analyze, type AnalyzeOptions } from './analyze.js';
export { readInput, type InputSource, type ReadOptions, type ReadResult } from './parse/input.js';
export { InputError } from './parse/errors.js';
// Binary journal files (issue 17): found by content in a directory, several merged in journalctl's order.
export { findJournalFiles, readJournalFiles, type JournalFileOptions } from './parse/journal-file/index.js';
export { FORMATS } from './parse/formats.js';
// The scout that reads large files ahead on a worker thread (issue 16): what it did, for BOOTLENS_SCOUT_STATS.
export { scoutTotals } from './parse/scout/chunks.js';
export { lineScout } from './parse/scout/state.js';
export type { ReadSink, LineReader, EntrySink, ByteReader, ListedBoot } from './parse/reader.js';
export { RECOGNIZERS, type Recognizer, type RecognizeContext } from './recognize/index.js';
export { isErrorLine } from './recognize/error-lines.js';
export { offers } from './recognize/recognizer.js';
export { RULES, type Rule, type RuleHit } from './rules/index.js';
export { TimelineBuilder } from './timeline/builder.js';
export { sinceBootUs } from './timeline/time.js';
export { isoFromMicros, microsFromIso, formatSeconds } from './time.js';
export { renderText, type TextOptions } from './report/text.js';
export { renderMarkdown } from './report/markdown.js';
export { renderHtml } from './report/html.js';
export { reportJsonSchema } from './report/json-schema.js';
export { inert } from './report/inert.js';
export { describeEvent, humanSince, omittedText, runText } from './report/events.js';
// systemd-analyze pastes, and systemd-analyze rebuilt from a journal (issue 4).
export { parseCriticalChain, parseChainLine, formatChainError, type ChainParseResult, type ChainParseError } from './parse/analyze/critical-chain.js';
export { parseBlameLine } from './parse/analyze/blame.js';
export { parseTimeLine } from './parse/analyze/time.js';
export { formatTimespan, parseTimespan } from './parse/analyze/timespan.js';
export { selectBoot, type BootSelector } from './timeline/pastes.js';
export { unitSpans, blameFromJournal, criticalChainFromJournal, type UnitSpan, type JournalChain, type JournalChainStep, type JournalChainOptions } from './timeline/units.js';
// CI gate over journals with expectation files, and diffs between boots (issue 8).
export * from './check/index.js';
export * from './diff/index.js';
// Support bundles (issue 18).
export { renderManifests } from './report/bundle-text.js';
export { listBundle } from './bundle/inputs.js';
export { DEFAULT_BUNDLE_LIMITS, type BundleLimits } from './bundle/archive.js';
export { reportsByNode } from './report/nodes.js';
// Streaming access (issue 20).
export { readEntries, bootEvents, type ReadStream, type BootEvent, type BootEventsOptions } from './stream.js';
export type { InputOptions, InputsRead } from './read-inputs.js';
