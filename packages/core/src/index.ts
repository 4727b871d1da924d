/**
 * The public API of `@bootlens/core`: read what a Linux machine leaves behind about its boot, build
 * one timeline per boot, and explain boot-order races. Documented in docs/api.md; its surface is
 * kept in etc/core.api.md (API Extractor), and a test fails when the two differ.
 *
 * Everything else in src/ is internal: reachable only as `@bootlens/core/internal`, which is for
 * the bootlens CLI and changes without notice.
 *
 * @packageDocumentation
 */

// Reading and explaining.
export { analyze, type AnalyzeOptions } from './analyze.js';
export type { InputOptions, InputsRead } from './read-inputs.js';
export type { InputSource } from './parse/input.js';
export type { BootSelector } from './timeline/pastes.js';
export { InputError } from './parse/errors.js';

// Streaming: the entries of the inputs, the events of their boots.
export { readEntries, bootEvents, type ReadStream, type BootEvent, type BootEventsOptions } from './stream.js';

// The report, the entries and the events: zod schemas, and their types of the same names.
export * from './model/index.js';

// The rules.
export { RULES, type Rule, type RuleHit, type Details } from './rules/index.js';

// Renderers.
export { renderText, type TextOptions } from './report/text.js';
export { renderMarkdown } from './report/markdown.js';
export { renderHtml } from './report/html.js';
export { reportJsonSchema } from './report/json-schema.js';
export { describeEvent } from './report/events.js';
export { inert } from './report/inert.js';
// Support bundles (issue 18): a bundle's manifest, and one report per node.
export { renderManifests } from './report/bundle-text.js';
export { listBundle } from './bundle/inputs.js';
export { DEFAULT_BUNDLE_LIMITS, type BundleLimits } from './bundle/archive.js';
export { reportsByNode } from './report/nodes.js';
