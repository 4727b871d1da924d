import type { JournalCheck } from './evaluate.js';

/**
 * Text for XML 1.0: the five special characters escaped, and characters XML cannot hold at all
 * (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/U+FFFF) made visible as `\xNN`/`\uNNNN`.
 */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => {
      const code = c.charCodeAt(0);
      return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    })
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values).map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`).join('');
}

/**
 * JUnit XML as Jenkins, GitLab, GitHub test reporters and Azure read it: one `<testsuite>` per
 * journal, one `<testcase>` per expectation checked; a failed expectation is a `<failure>` whose
 * message says what was expected and what was found; an unreadable journal is an `<error>`.
 */
export function renderJunit(checks: readonly JournalCheck[], name = 'bootlens check'): string {
  const all = checks.flatMap((c) => c.cases);
  const errors = all.filter((c) => !c.passed && c.error).length;
  const failures = all.filter((c) => !c.passed && !c.error).length;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites${attrs({ name, tests: all.length, failures, errors, time: 0 })}>`);
  checks.forEach((check, id) => {
    const f = check.cases.filter((c) => !c.passed && !c.error).length;
    const e = check.cases.filter((c) => !c.passed && c.error).length;
    out.push(`  <testsuite${attrs({ name: check.path, id, tests: check.cases.length, failures: f, errors: e, skipped: 0, time: 0, hostname: check.hosts.join(',') || 'unknown' })}>`);
    out.push('    <properties>');
    out.push(`      <property${attrs({ name: 'expectation', value: check.expectationPath ?? 'default (--fail-on)' })}/>`);
    if (check.description) out.push(`      <property${attrs({ name: 'description', value: check.description })}/>`);
    out.push(`      <property${attrs({ name: 'boots', value: check.boots })}/>`);
    out.push(`      <property${attrs({ name: 'findings', value: `${check.findings.error} error, ${check.findings.warning} warning, ${check.findings.info} info` })}/>`);
    out.push('    </properties>');
    for (const c of check.cases) {
      const open = `    <testcase${attrs({ classname: check.path, name: c.name, time: 0 })}`;
      if (c.passed) {
        out.push(`${open}/>`);
        continue;
      }
      const tag = c.error ? 'error' : 'failure';
      const message = `expected ${c.expected}; found ${c.found}`;
      out.push(`${open}>`);
      out.push(`      <${tag}${attrs({ message, type: c.error ? 'unreadable' : 'expectation' })}>${xmlEscape(`journal: ${check.path}\nexpectation: ${check.expectationPath ?? 'default (--fail-on)'}\nexpected: ${c.expected}\nfound: ${c.found}`)}</${tag}>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  });
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
