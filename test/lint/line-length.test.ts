/**
 * Lines stay within 160 characters (biome.json's lineWidth), counting the
 * code around string, template and regular-expression literals: a message
 * or a translation is one string, not split over lines, so that searching
 * the source for what the terminal printed finds it. Comments count.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-cli.js';

const LIMIT = 160;

const LITERALS = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
]);

/** The source with every literal's characters blanked out (line breaks kept), as the parser sees them. */
function codeAround(text: string, name = 'source.ts'): string {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const units = text.split('');
  const visit = (node: ts.Node) => {
    if (LITERALS.has(node.kind)) for (let i = node.getStart(source); i < node.end; i += 1) if (units[i] !== '\n') units[i] = '';
    node.forEachChild(visit);
  };
  visit(source);
  return units.join('');
}

describe('line length', () => {
  it('measures the code around literals, comments included', () => {
    expect(codeAround(`throw new Error('a long message' + "another");`)).toBe('throw new Error( + );');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text under test holds a template.
    expect(codeAround("x(`a ${b} c`, /it's/u);")).toBe('x(b, );');
    expect(codeAround('a(`one\ntwo`); // note\nb();')).toBe('a(\n); // note\nb();');
  });

  it(`keeps every source line within ${LIMIT} characters of code`, () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'src', 'test', 'bench', 'scripts'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((file) => /\.(ts|mjs|js)$/.test(file));
    const long: string[] = [];
    for (const file of files) {
      const text = readFileSync(`${ROOT}/${file}`, 'utf8');
      const code = codeAround(text, file).split('\n');
      text.split('\n').forEach((line, i) => {
        if (line.length > LIMIT && code[i]!.length > LIMIT) long.push(`${file}:${i + 1} (${code[i]!.length})`);
      });
    }
    expect(long).toEqual([]);
  });
});
