/**
 * Every regular expression in bootlens's readers and recognizers, found in the source with the
 * TypeScript parser: regex literals as written, and `new RegExp(…)` calls evaluated with the
 * file's top-level string constants (MONTH, WEEKDAY, NAME …). A pattern that cannot be evaluated
 * is returned with `error` set, so the ReDoS test fails on it rather than silently skipping it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { ROOT } from '../helpers/cli.js';

export interface FoundPattern {
  file: string;
  line: number;
  source: string;
  flags: string;
  error?: string;
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tsFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function evaluate(text: string, scope: Map<string, unknown>): unknown {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function(...scope.keys(), `return (${text});`)(...scope.values());
}

export function patternsIn(file: string): FoundPattern[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const scope = new Map<string, unknown>();
  const found: FoundPattern[] = [];
  const where = (node: ts.Node) => ({ file: relative(ROOT, file), line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  // Top-level string constants, in order, so later templates can use earlier ones.
  for (const statement of sf.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || !decl.initializer) continue;
      const init = decl.initializer;
      if (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init) || ts.isTemplateExpression(init) ||
        ts.isTaggedTemplateExpression(init) || ts.isBinaryExpression(init)) {
        try {
          const value = evaluate(init.getText(sf), scope);
          if (typeof value === 'string') scope.set(decl.name.text, value);
        } catch {
          // not a constant string: not needed for patterns
        }
      }
    }
  }
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const re = evaluate(node.getText(sf), new Map()) as RegExp;
      found.push({ ...where(node), source: re.source, flags: re.flags });
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const args = (node.arguments ?? []).map((a) => a.getText(sf)).join(', ');
      try {
        const re = evaluate(`new RegExp(${args})`, scope) as RegExp;
        found.push({ ...where(node), source: re.source, flags: re.flags });
      } catch (error) {
        found.push({ ...where(node), source: args, flags: '', error: (error as Error).message });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The readers' and recognizers' patterns (packages/core/src/parse and recognize), in file order. */
export function allPatterns(dirs = ['packages/core/src/parse', 'packages/core/src/recognize']): FoundPattern[] {
  return dirs.flatMap((d) => tsFiles(join(ROOT, d))).flatMap(patternsIn);
}
