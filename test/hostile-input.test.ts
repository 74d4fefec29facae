import { describe, expect, it } from 'vitest';
import { documentShellBudget, MAX_DOCUMENT_SHELL, MAX_SCRIPT_LENGTH, parseShellScript } from '../src/check/commands/shell-words.js';
import { createLintEnvironment } from '../src/check/environment.js';
import { lintCatalog, type LintInput } from '../src/check/lint.js';
import { EXAMPLE_BODY, EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import { createSourceText, positionAt } from '../src/core/source-text.js';
import { decodeSkillBytes } from '../src/load/decode.js';
import { parseMarkdown } from '../src/parse/markdown.js';
import { firstTooDeepLine, MAX_YAML_DEPTH, parseYaml } from '../src/parse/yaml.js';

const SKILL = `/catalog/${EXAMPLE_ID}/SKILL.md`;
const AGENTS = `/catalog/${EXAMPLE_ID}/agents/openai.yaml`;

function decode(text: string) {
  return decodeSkillBytes(new TextEncoder().encode(text));
}

function lint(text: string, agentsYaml?: string): string[] {
  const input: LintInput = { filePath: SKILL, decoded: decode(text) };
  if (agentsYaml !== undefined) input.companions = { 'agents/openai.yaml': { filePath: AGENTS, decoded: decode(agentsYaml) } };
  return lintCatalog([input], createLintEnvironment()).flatMap((result) =>
    result.diagnostics.map((d) => `${d.filePath === AGENTS ? 'agents' : 'skill'} ${d.range.start.line}:${d.range.start.column} ${d.ruleId} ${d.message}`),
  );
}

describe('inputs that used to crash the run are diagnostics', () => {
  it('YAML block nesting 3000 deep in the front matter (6 KB, unclosed): frontmatter-syntax, no stack overflow', () => {
    expect(lint(`---\n${'- '.repeat(3000)}\n-`)).toEqual([
      'skill 1:1 frontmatter-present Front matter is not closed: add a `---` line after the last field.',
      `skill 2:1 frontmatter-syntax Invalid YAML: nested more than ${MAX_YAML_DEPTH} levels deep; it was not parsed.`,
    ]);
  });

  it('the same nesting in agents/openai.yaml: agents-interface on that file', () => {
    expect(lint(exampleSkill(), `interface:\n  display_name: x\n${'- '.repeat(3000)}\n-`)).toEqual([
      `agents 3:1 agents-interface Invalid YAML: nested more than ${MAX_YAML_DEPTH} levels deep; it was not parsed.`,
    ]);
  });

  it('nesting by indentation is bounded as well, and ordinary nesting is not affected', () => {
    const stairs = Array.from({ length: 100 }, (_, depth) => `${' '.repeat(depth)}k:`).join('\n');
    expect(firstTooDeepLine(stairs, MAX_YAML_DEPTH)).toBe(stairs.indexOf(`\n${' '.repeat(MAX_YAML_DEPTH)}k:`) + 1);
    expect(parseYaml(`a:\n  b:\n    - - - c\n  d: |\n    x\n      y\n        z\n`).problems).toEqual([]);
    expect(firstTooDeepLine(`${'- '.repeat(MAX_YAML_DEPTH - 1)}x`, MAX_YAML_DEPTH)).toBeUndefined();
    expect(firstTooDeepLine(`${'- '.repeat(MAX_YAML_DEPTH)}x`, MAX_YAML_DEPTH)).toBe(0);
  });

  it('emphasis runs of 8000 each side (16 KB) parse; the run past the delimiter budget is text', () => {
    const run = `${'*'.repeat(8000)}x${'*'.repeat(8000)}`;
    const tree = parseMarkdown(run);
    expect(tree.children).toHaveLength(1);
    expect(lint(exampleSkill({ body: `${EXAMPLE_BODY}\n${run}\n` }))).toEqual([]);
  });

  it('deeply nested images and emphasis from separate runs do not overflow the stack', () => {
    expect(parseMarkdown(`[a]: /u\n\n${'![a'.repeat(20_000)}${']'.repeat(20_000)}`).children).toHaveLength(2);
    expect(parseMarkdown(`${'*a '.repeat(20_000)}b${' a*'.repeat(20_000)}`).children).toHaveLength(1);
  });
});

describe('shell examples are bounded before and while parsing', () => {
  const plain = (text: string) => ({ text, toFile: (index: number) => index });

  it('operator soup: a block over 16 kB is not parsed; a shorter one stops soon after its first error', () => {
    expect(parseShellScript(plain('|'.repeat(20_000)))).toEqual({
      ok: false,
      start: 0,
      end: 1,
      message: `a shell example longer than ${MAX_SCRIPT_LENGTH} characters is not read; split it, and put long payloads in files`,
    });
    expect(parseShellScript(plain('|'.repeat(8000)))).toEqual({
      ok: false,
      start: 0,
      end: 1,
      message: 'the parser gave up recovering from a syntax error early in it; check its quoting and its operators (`|`, `<<`, `;`)',
    });
  });

  it('a short script with an error keeps its precise message', () => {
    expect(parseShellScript(plain("popiart run x --input '{\n")).ok).toBe(false);
    expect(parseShellScript(plain('popiart jobs list |')).ok).toBe(false);
  });

  it('the examples of one document share a budget: later ones are reported once it is spent', () => {
    const budget = documentShellBudget();
    const block = `${'popiart jobs list\n'.repeat(900)}`;
    const answers = Array.from({ length: 3 }, () => parseShellScript(plain(block), budget).ok);
    expect(block.length * 2).toBeLessThanOrEqual(MAX_DOCUMENT_SHELL);
    expect(block.length * 3).toBeGreaterThan(MAX_DOCUMENT_SHELL);
    expect(answers).toEqual([true, true, false]);
    expect(parseShellScript(plain('popiart jobs list\n'), budget)).toEqual({
      ok: false,
      start: 0,
      end: 1,
      message: `the shell examples of this document together exceed ${MAX_DOCUMENT_SHELL} characters, so this one and those after it are not read`,
    });
  });
});

describe('positions and byte order marks', () => {
  it('an offset between the CR and the LF of a CRLF is the end of its line: column at most length + 1', () => {
    const source = createSourceText('ab\r\ncd\re\nf');
    const columns = Array.from({ length: 11 }, (_, offset) => positionAt(source, offset)).map((p) => `${p.line}:${p.column}`);
    expect(columns).toEqual(['1:1', '1:2', '1:3', '1:3', '2:1', '2:2', '2:3', '3:1', '3:2', '4:1', '4:2']);
  });

  it('only the first of two leading BOMs is a byte order mark; the second is content', () => {
    const decoded = decodeSkillBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61]));
    expect(decoded).toEqual({ ok: true, text: '\ufeffa' });
    expect(decodeSkillBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ ok: true, text: 'a' });
    expect(lint(`\ufeff\ufeff${exampleSkill()}`)[0]).toMatch(/^skill 1:1 frontmatter-present /);
    expect(lint(`\ufeff${exampleSkill()}`)).toEqual([]);
  });
});
