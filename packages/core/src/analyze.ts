import type { Report } from './model/report.js';
import { SCHEMA_VERSION } from './model/report.js';
import type { InputFormat } from './model/report.js';
import { readInput, type InputSource } from './parse/input.js';
import { wordFinding } from './report/findings.js';
import { RULES, type Rule } from './rules/index.js';
import { TimelineBuilder } from './timeline/builder.js';

export interface AnalyzeOptions {
  /** Read every input as this format instead of sniffing it. */
  inputFormat?: InputFormat;
  /** Lines longer than this are skipped with a diagnostic (default 1 MiB). */
  maxLineBytes?: number;
  /** The rules to run (default: all). */
  rules?: readonly Rule[];
}

/**
 * Reads journals and explains their boots. `inputs` are paths (`-` is not special here: pass
 * `{ path: '-', content: process.stdin }`), or sources with their content. Throws `InputError`
 * for input that cannot be read at all; anything less is a diagnostic in the report.
 */
export async function analyze(inputs: ReadonlyArray<string | InputSource>, options: AnalyzeOptions = {}): Promise<Report> {
  const builder = new TimelineBuilder();
  const report: Report = { schemaVersion: SCHEMA_VERSION, inputs: [], diagnostics: [], boots: [] };
  for (const [i, input] of inputs.entries()) {
    const source = typeof input === 'string' ? { path: input } : input;
    const result = await readInput(source, builder.sinkFor(i), {
      ...(options.inputFormat ? { format: options.inputFormat } : {}),
      ...(options.maxLineBytes ? { maxLineBytes: options.maxLineBytes } : {}),
    });
    report.inputs.push(result.summary);
    report.diagnostics.push(...result.diagnostics);
  }
  const rules = options.rules ?? RULES;
  report.boots = builder.boots().map((boot) => ({
    ...boot,
    findings: rules.flatMap((rule) => rule.check(boot).map((hit) => wordFinding(rule.id, hit))),
  }));
  return report;
}
