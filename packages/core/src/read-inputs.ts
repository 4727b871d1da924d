import type { Diagnostic } from './model/diagnostic.js';
import type { InputFormat, InputSummary } from './model/report.js';
import type { ScoutRequest } from './parse/scout/chunks.js';
import { DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_LINE_BYTES, readInput, type InputSource, type ReadOptions, type ReadResult } from './parse/input.js';
import { InputError } from './parse/errors.js';
import { jsonDataLine } from './parse/chrome.js';
import { noteMessage } from './report/diagnostics.js';
import { TimelineBuilder } from './timeline/builder.js';
import { journalFilesOf, readJournalFiles } from './parse/journal-file/index.js';
import type { EntrySink } from './parse/reader.js';
import { pushAll } from './util/bounded.js';

/** How inputs are read: the options `analyze`, `readEntries` and `bootEvents` share. */
export interface InputOptions {
  /** Read every input as this format instead of sniffing it. */
  inputFormat?: InputFormat;
  /** Lines longer than this are skipped with a diagnostic (default 1 MiB). */
  maxLineBytes?: number;
  /** An input larger than this many bytes (after gunzip) stops with InputError `too-large` (default 4 GiB). */
  maxInputBytes?: number;
  /** Year of the first entry of year-less modes (short, short-precise); default: inferred, with a diagnostic. */
  year?: number;
  /** IANA zone (`Europe/Berlin`) of stamps printed without a usable zone; default: this machine's, with a diagnostic. */
  timeZone?: string;
  /** Called as each input is read: its path and the bytes read so far (for a progress indicator). */
  onProgress?: (progress: { path: string; bytesRead: number }) => void;
  /**
   * The node every input is from where its entries name no host (the CLI's --node): a k3s.log or
   * dmesg then joins that node's boots by time. Without it such inputs join only when the inputs
   * name one host. An input's own `node` wins.
   */
  node?: string;
}

/** What reading the inputs said about them: one summary per input (per journal file), and the diagnostics. */
export interface InputsRead {
  inputs: InputSummary[];
  diagnostics: Diagnostic[];
}

/**
 * Reads every input into the sink `sinkFor(i, node)` gives for input i (node: the input's own, else options.node), into `into` as each input ends.
 * Binary journal files and directories of them (issue 17) are read together, merged into
 * journalctl's order, where the first of them stands among the inputs. `pace` is awaited between
 * chunks when it returns a promise (readEntries: its reader is behind). Throws InputError.
 */
export async function readInputs(inputs: ReadonlyArray<string | InputSource>, sinkFor: (input: number, node: string | null) => EntrySink,
  options: InputOptions, into: InputsRead, pace?: () => Promise<void> | undefined, scout?: ScoutRequest): Promise<void> {
  const journalFiles = new Map<number, string[]>();
  for (const [i, input] of inputs.entries()) {
    const path = typeof input === 'string' ? input : input.content === undefined ? input.path : null;
    const files = path !== null && options.inputFormat === undefined ? journalFilesOf(path) : null;
    if (files) journalFiles.set(i, files);
  }
  const paced = pace ? { pace } : {};
  for (const [i, input] of inputs.entries()) {
    const source: InputSource = typeof input === 'string' ? { path: input } : input;
    const node = source.node ?? options.node ?? null;
    if (journalFiles.has(i)) {
      if (i !== journalFiles.keys().next().value) continue;
      const results = await readJournalFiles([...journalFiles.values()].flat(), sinkFor(i, node), {
        maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
        maxInputBytes: options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES,
        maxDiagnostics: 1000,
        ...(options.onProgress ? { onProgress: (path: string, bytesRead: number) => options.onProgress!({ path, bytesRead }) } : {}),
        ...paced,
      });
      for (const result of results) {
        into.inputs.push(result.summary);
        pushAll(into.diagnostics, result.diagnostics);
      }
      continue;
    }
    const result = await readText(source, sinkFor(i, node), {
      ...(options.inputFormat ? { format: options.inputFormat } : {}),
      ...(options.maxLineBytes ? { maxLineBytes: options.maxLineBytes } : {}),
      ...(options.maxInputBytes ? { maxInputBytes: options.maxInputBytes } : {}),
      ...(options.year !== undefined ? { year: options.year } : {}),
      ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
      ...(options.onProgress ? { onProgress: (bytesRead: number) => options.onProgress!({ path: source.path, bytesRead }) } : {}),
      ...paced,
      ...(scout ? { scout } : {}),
    });
    into.inputs.push(result.summary);
    pushAll(into.diagnostics, result.diagnostics);
  }
}

/**
 * Reads one text input. Input in which no line is in a log format is refused (InputError
 * `unknown-format`), unless some of its lines hold messages a recognizer knows (`Unable to connect
 * to the server: x509: certificate is valid for …`, `(99)Cannot assign requested address:
 * make_sock: …`, pasted without any log prefix): then it is read as bare messages, as `--input-format
 * cat` reads it, with a `read-as-messages` note. Only inputs that can be read twice (a path, text,
 * bytes) get this second look; a stream is refused as before.
 */
async function readText(source: InputSource, sink: EntrySink, options: ReadOptions): Promise<ReadResult> {
  try {
    return await readInput(source, sink, options);
  } catch (error) {
    const rereadable = source.content === undefined ? source.path !== '-' : typeof source.content === 'string' || source.content instanceof Uint8Array;
    if (!(error instanceof InputError) || error.code !== 'unknown-format' || options.format !== undefined || !rereadable) throw error;
    if (!(await holdsKnownMessages(source, options))) throw error;
    const result = await readInput(source, sink, { ...options, format: 'cat', pasted: true });
    result.diagnostics.unshift({ path: source.path, line: 0, code: 'read-as-messages', message: noteMessage('read-as-messages', '') });
    return result;
  }
}

/**
 * Lines per recognized message, at most, for text to count as a paste of messages: a page of prose
 * that quotes one log line (a README) is not a log; three lines around an error are.
 */
const MAX_LINES_PER_MESSAGE = 10;

/**
 * Whether reading the input as bare messages gives events, densely enough (a trial read into a
 * builder of its own). The lines of a pasted JSON document count as data, not as prose, unless they
 * hold a message with an event (`"Error": "… listen tcp 192.168.8.150:53: bind: cannot assign
 * requested address"` in `docker inspect`, moby/moby#39559).
 */
async function holdsKnownMessages(source: InputSource, options: ReadOptions): Promise<boolean> {
  const trial = new TimelineBuilder();
  const { onProgress: _progress, ...quiet } = options;
  const sink = trial.sinkFor(0);
  const dataLines = new Set<number>();
  const counting = {
    ...sink,
    entry(entry: Parameters<typeof sink.entry>[0]) {
      if (dataLines.size < MAX_DATA_LINES && jsonDataLine(entry.message)) dataLines.add(entry.source.line);
      sink.entry(entry);
    },
  };
  await readInput(source, counting, { ...quiet, format: 'cat', pasted: true });
  let entries = 0;
  let lines = 0;
  let dataWithEvents = 0;
  for (const boot of trial.boots()) {
    entries += boot.entries;
    const seen = new Set<number>();
    for (const e of boot.events) seen.add(e.source.line);
    lines += seen.size;
    for (const line of seen) if (dataLines.has(line)) dataWithEvents++;
  }
  const prose = entries - dataLines.size + dataWithEvents;
  return lines > 0 && prose <= lines * MAX_LINES_PER_MESSAGE;
}

/** Data lines remembered, at most: a paste is short; beyond this the rest counts as prose. */
const MAX_DATA_LINES = 10_000;
