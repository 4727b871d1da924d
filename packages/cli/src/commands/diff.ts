import {
  analyze, diffBoots, parseTimespan, regressions, renderDiffMarkdown, renderDiffText, selectBoot,
  type Boot, type Report,
} from '@bootlens/core/internal';
import { UsageError, type Command } from '../command.js';
import { analyzeOptionsFrom, checkStrict, INPUT_OPTIONS, INPUT_USAGE, oneOf, sourcesFrom } from '../options.js';

function pick(report: Report, path: string, selector: string | undefined): Boot {
  const boot = selectBoot(report.boots, selector);
  if (!boot) {
    const n = report.boots.length;
    throw new UsageError(selector === undefined
      ? `${path} has no boot to compare`
      : `${path} has no boot ${selector} (it has ${n} boot${n === 1 ? '' : 's'}; --boot takes journalctl -b numbering: 1 the oldest, 0 the last, -1 the one before, or a boot id)`);
  }
  return boot;
}

export const diffCommand: Command = {
  name: 'diff',
  summary: 'compare two boots: unit timings, flipped orders, findings, time to network-online',
  usage: `Usage: bootlens diff [options] <A> [B]

Compares boot A with boot B: per-unit start durations, events whose order flipped (an address
against a certificate or network-online.target), findings that appeared or were resolved, and the
change in time to network-online.target and to the last address (docs/diff.md).

  bootlens diff before.json after.json          the last boot of each file
  bootlens diff multi.json --boot 1 --boot 2    two boots of one file (journalctl -b numbering:
                                                1 the oldest, 0 the last, -1 the one before, or a boot id)
  bootlens diff multi.json                      the previous boot (-1) against the last (0)
  bootlens diff multi.json --boot=-2 --boot=0   (a value starting with a dash needs the =)

Options:
  -f, --format text|markdown|json  output format (default: text)
      --boot SEL               the boot of A, then of B (repeat; with two files one --boot applies to both)
      --fail-on-regression PCT exit 1 when time to network-online.target, or a unit's start duration,
                               grew by more than PCT percent (and by at least --min-delta)
      --min-delta SPAN         growth below this never counts as a regression (default: 50ms)
${INPUT_USAGE}

Exit codes: 0 compared (no regression); 1 a regression with --fail-on-regression; 2 bad usage or unreadable input.
`,
  options: {
    ...INPUT_OPTIONS,
    format: { type: 'string', short: 'f' },
    boot: { type: 'string', multiple: true },
    'fail-on-regression': { type: 'string' },
    'min-delta': { type: 'string' },
  },
  async run(values, positionals, io) {
    const format = oneOf('format', values['format'], ['text', 'markdown', 'json'] as const, 'text');
    const boots = (values['boot'] as string[] | undefined) ?? [];
    if (positionals.length === 0 || positionals.length > 2) throw new UsageError('needs one journal with two boots, or two journals');
    if (boots.length > 2) throw new UsageError('--boot is given at most twice: the boot of A, then of B');
    const pctText = values['fail-on-regression'];
    let percent: number | undefined;
    if (pctText !== undefined) {
      percent = Number(String(pctText).replace(/%$/, ''));
      if (typeof pctText !== 'string' || String(pctText).trim() === '' || !Number.isFinite(percent) || percent < 0) {
        throw new UsageError(`--fail-on-regression takes a percentage like 20, not '${String(pctText)}'`);
      }
    }
    let minDeltaUs = 50_000;
    if (values['min-delta'] !== undefined) {
      const us = parseTimespan(String(values['min-delta']));
      if (us === null) throw new UsageError(`--min-delta takes a time span like 50ms or 1s, not '${String(values['min-delta'])}'`);
      minDeltaUs = us;
    }

    const options = analyzeOptionsFrom(values);
    const [pathA, pathB = pathA!] = positionals as [string, string?];
    if (pathA === '-' && pathB === '-' && positionals.length === 2) throw new UsageError('standard input can be only one of A and B');
    const sources = sourcesFrom(pathA === pathB ? [pathA] : [pathA, pathB], io);
    const reports: Report[] = [];
    for (const source of sources) {
      const report = await analyze([source], options);
      checkStrict(values, report);
      reports.push(report);
    }
    const reportA = reports[0]!;
    const reportB = reports[1] ?? reportA;
    let selA: string | undefined;
    let selB: string | undefined;
    if (positionals.length === 1) {
      if (boots.length === 1) throw new UsageError('with one journal, give two --boot selectors (or none: the previous boot against the last)');
      if (boots.length === 0 && reportA.boots.length < 2) throw new UsageError(`${pathA} has ${reportA.boots.length} boot${reportA.boots.length === 1 ? '' : 's'}; a diff needs two (or two files)`);
      [selA, selB] = boots.length === 2 ? [boots[0], boots[1]] : ['-1', '0'];
    } else {
      [selA, selB] = boots.length === 2 ? [boots[0], boots[1]] : [boots[0], boots[0]];
    }
    const a = pick(reportA, pathA, selA);
    const b = pick(reportB, pathB, selB);
    const diff = diffBoots(a, b, { a: { path: pathA, boots: reportA.boots.length }, b: { path: pathB, boots: reportB.boots.length } });
    const found = percent === undefined ? undefined : regressions(diff, { percent, minDeltaUs });
    const renderOptions = { ...(found ? { regressions: found } : {}), ...(percent !== undefined ? { percent } : {}) };
    if (format === 'json') {
      const regression = percent === undefined ? null : { percent, minDeltaUs, regressions: found };
      io.stdout.write(`${JSON.stringify({ schemaVersion: 1, ...diff, regression }, null, 2)}\n`);
    } else if (format === 'markdown') {
      io.stdout.write(renderDiffMarkdown(diff, renderOptions));
    } else {
      io.stdout.write(renderDiffText(diff, renderOptions));
    }
    return found && found.length > 0 ? 1 : 0;
  },
};
