import type { BlameEntry, BootTime, SystemdAnalyzePaste } from '../../model/systemd-analyze.js';
import { pasteChrome } from '../chrome.js';
import type { LineReader, LineReaderFactory, ReadSink } from '../reader.js';
import { looksLikeBlameLine, parseBlameLine } from './blame.js';
import { ChainAssembler, looksLikeChainLine, NOT_FINISHED, parseChainLine, TRY_AGAIN } from './critical-chain.js';
import { normalizeLine } from './normalize.js';
import { isTimeLine, parseTimeLine, STARTUP_LINE } from './time.js';
import { usToMs } from './timespan.js';

const PROMPT = /[$#>%]/g;
const SPACES = /\s*/y;
const NON_SPACES = /\S*/y;
const WORD = /[a-z-]*/y;
const SUDO = /sudo\s+/y;
const SPACE = /\s/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * `$ systemd-analyze blame`, `[root@host ~]# sudo systemd-analyze critical-chain k0scontroller.service`:
 * the command line people paste above the output. Only the verb matters: returns it (the first word
 * after any `--options`), undefined for a command line without one, null for any other line.
 *
 * Exactly what /^(?:.*?[$#>%]\s*)?(?:sudo\s+)?systemd-analyze(?:\s+(?:--\S+\s+)*([a-z-]+))?(?:\s.*)?$/
 * matched and captured, `.` not crossing a line break included, but found in one pass: the regex
 * re-read the rest of the line from every prompt character, quadratic on a long line.
 */
function commandVerb(text: string): string | undefined | null {
  const end = (re: RegExp, from: number) => {
    re.lastIndex = from;
    return re.test(text) ? re.lastIndex : from;
  };
  const isSpace = (i: number) => i < text.length && SPACE.test(text[i]!);
  let lastBreak = text.length - 1;
  while (lastBreak >= 0 && !LINE_BREAK.test(text[lastBreak]!)) lastBreak--;
  const firstBreak = text.search(LINE_BREAK);
  // Option chains already walked without finding a verb: a later command inside one finds none either.
  let walked = -1;
  // After `systemd-analyze` at e: the end, or a blank and then [--option …] verb (the last word of the
  // chain that ends the line or is followed by a blank with no line break after it), else anything
  // without a line break.
  const tail = (e: number): string | undefined | null => {
    if (e === text.length) return undefined;
    if (!isSpace(e)) return null;
    let q = end(SPACES, e);
    if (q > walked) {
      let verb: string | null = null;
      for (;;) {
        const w = end(WORD, q);
        if (w > q && (w === text.length || (isSpace(w) && lastBreak <= w))) verb = text.slice(q, w);
        if (!text.startsWith('--', q)) break;
        const s = end(NON_SPACES, q + 2);
        if (s === q + 2 || s === text.length) break;
        q = end(SPACES, s);
      }
      if (verb !== null) return verb;
      walked = q;
    }
    return lastBreak <= e ? undefined : null;
  };
  const command = (j: number) => {
    j = end(SUDO, j);
    return text.startsWith('systemd-analyze', j) ? tail(j + 'systemd-analyze'.length) : null;
  };
  // A prompt character before the first line break, blanks, [sudo] systemd-analyze; else at the start.
  PROMPT.lastIndex = 0;
  for (let m; (m = PROMPT.exec(text)) && (firstBreak < 0 || m.index < firstBreak);) {
    const verb = command(end(SPACES, m.index + 1));
    if (verb !== null) return verb;
  }
  return command(0);
}

/** True for the first decisive line of a systemd-analyze paste (any of time, blame, critical-chain). */
export function sniffSystemdAnalyze(line: string): boolean {
  const text = normalizeLine(line).text;
  return commandVerb(text) !== null || STARTUP_LINE.test(text) || NOT_FINISHED.test(text.trimEnd()) ||
    looksLikeBlameLine(line) || looksLikeChainLine(line);
}

/**
 * Reads a paste of `systemd-analyze`, `systemd-analyze blame` and `systemd-analyze critical-chain`
 * output, in any combination and order (bug reports paste all three together). One format, not
 * three: each line says which output it belongs to (a blame line starts with its time, a chain line
 * with a unit name or a tree glyph, a time line with `Startup finished`), so one reader splits them
 * without being told. Hands on one `SystemdAnalyzePaste` at the end.
 */
export const systemdAnalyzeReader: LineReaderFactory = (options) => {
  const chain = new ChainAssembler(options.path);
  const blame: BlameEntry[] = [];
  let bootTime: BootTime | null = null;
  let notFinished = false;
  let sawChain = false;
  let verb: string | null = null;

  const startup = (terms: Array<{ label: string; us: number }>, totalUs: number | null, line: number): BootTime => {
    const of = (l: string) => {
      const t = terms.find((x) => x.label === l);
      return t ? usToMs(t.us) : null;
    };
    return {
      firmwareMs: of('firmware'), loaderMs: of('loader'), kernelMs: of('kernel'), initrdMs: of('initrd'),
      softRebootMs: of('soft reboot'), userspaceMs: of('userspace'), totalMs: totalUs === null ? null : usToMs(totalUs),
      defaultTarget: null, defaultTargetReachedMs: null, source: { path: options.path, line },
    };
  };

  const reader: LineReader = {
    format: 'systemd-analyze',
    line(raw, lineNo, sink) {
      if (pasteChrome(raw)) return true;
      const text = normalizeLine(raw).text.trimEnd();
      const command = commandVerb(text);
      if (command !== null) {
        verb = command ?? 'time';
        return true;
      }
      if (NOT_FINISHED.test(text) || TRY_AGAIN.test(text)) {
        if (!notFinished) sink.note(lineNo, 'bootup-not-finished', JSON.stringify(raw.trim()));
        notFinished = true;
        return true;
      }
      const fail = (expected: string) => {
        sink.skip(lineNo, 'unparsable-analyze-line', raw, expected);
        return false;
      };
      if (isTimeLine(raw)) {
        const r = parseTimeLine(raw);
        if (!r.ok) return fail(`${r.error.expected} at column ${r.error.column}`);
        const v = r.value;
        if (v.kind === 'startup') bootTime = startup(v.terms, v.totalUs, lineNo);
        else {
          bootTime ??= startup([], null, lineNo);
          bootTime.defaultTarget = v.unit;
          bootTime.defaultTargetReachedMs = v.kind === 'reached' ? usToMs(v.afterUs) : null;
        }
        return true;
      }
      // A blame line starts with its time; everything else is a chain line.
      const blameLike = /^\s*(?:\d|\.\.\.\s*$|…\s*$)/.test(text) && (verb !== 'critical-chain' || looksLikeBlameLine(raw));
      if (blameLike) {
        const r = parseBlameLine(raw);
        if (!r.ok) return fail(`${r.error.expected} at column ${r.error.column}`);
        if (r.value.kind === 'entry') blame.push({ unit: r.value.unit, durationMs: usToMs(r.value.durationUs), source: { path: options.path, line: lineNo } });
        return true;
      }
      const r = parseChainLine(raw);
      if (!r.ok) return fail(`${r.error.expected} at column ${r.error.column}`);
      if (r.value.kind === 'header') {
        sawChain = true;
        return true;
      }
      const problem = chain.add(r.value, lineNo);
      if (problem) return fail(problem);
      sawChain = true;
      return true;
    },
    finish(sink: ReadSink) {
      if (!sawChain && blame.length === 0 && bootTime === null && !notFinished) return;
      const paste: SystemdAnalyzePaste = {
        path: options.path,
        criticalChain: sawChain ? chain.units : null,
        blame: blame.length > 0 ? blame : null,
        bootTime,
        notFinished,
      };
      sink.systemdAnalyze?.(paste);
    },
  };
  return reader;
};
