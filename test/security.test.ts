import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import matter from 'gray-matter';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLintEnvironment } from '../src/check/environment.js';
import { lintCatalog, type LintResult } from '../src/check/lint.js';
import { EXAMPLE_BODY, EXAMPLE_FRONT_MATTER, EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import { decodeSkillBytes } from '../src/load/decode.js';
import { lintPaths } from '../src/pipeline.js';

let work: string;

beforeEach(async () => {
  work = await realpath(await mkdtemp(path.join(tmpdir(), 'skillhub-security-')));
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

function lintText(text: string): LintResult {
  const env = createLintEnvironment();
  const [result] = lintCatalog([{ filePath: `/catalog/${EXAMPLE_ID}/SKILL.md`, decoded: decodeSkillBytes(new TextEncoder().encode(text)) }], env);
  if (!result) throw new Error('no result');
  return result;
}

function lines(result: LintResult): string[] {
  return result.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.ruleId} ${d.message}`);
}

/** Front matter in a language whose engine would run `code`; the body is the clean example's. */
function withLanguage(language: string, code: string): string {
  return `---${language}\n${code}\n---\n\n${EXAMPLE_BODY}`;
}

/** JavaScript that writes `marker` when evaluated the way gray-matter's default engine does. */
function writingScript(marker: string): string {
  return `({ name: require('fs').writeFileSync(${JSON.stringify(marker)}, 'the front matter ran') || 'pwned' })`;
}

describe('front matter in a language other than YAML is never run', () => {
  it('the payload is live: gray-matter with its default engines does run it', () => {
    const marker = path.join(work, 'proof-it-runs');
    const parsed = matter(withLanguage('js', writingScript(marker)));
    expect(parsed.data).toEqual({ name: 'pwned' });
    expect(existsSync(marker)).toBe(true);
  });

  for (const language of ['js', 'javascript']) {
    it(`---${language}: no file is written, frontmatter-language at 1:4`, async () => {
      const marker = path.join(work, `ran-${language}`);
      const skill = path.join(work, 'catalog', EXAMPLE_ID, 'SKILL.md');
      await mkdir(path.dirname(skill), { recursive: true });
      await writeFile(skill, withLanguage(language, writingScript(marker)));
      const { results } = await lintPaths(['catalog'], work);
      expect(existsSync(marker)).toBe(false);
      expect(results.flatMap(lines)).toEqual([
        `1:4 frontmatter-language Front matter language \`${language}\` is not allowed: only YAML is read, and nothing in front matter is ever executed.`,
      ]);
      expect(results[0]?.analysis.facts.frontMatter).toBeUndefined();
    });
  }

  it('---coffee: no file is written, frontmatter-language at 1:4', () => {
    const marker = path.join(work, 'ran-coffee');
    const result = lintText(withLanguage('coffee', `name: require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`));
    expect(existsSync(marker)).toBe(false);
    expect(lines(result)).toEqual([
      '1:4 frontmatter-language Front matter language `coffee` is not allowed: only YAML is read, and nothing in front matter is ever executed.',
    ]);
  });

  it('a language name in another case or after a space is refused too', () => {
    const marker = path.join(work, 'ran-spaced');
    expect(lines(lintText(withLanguage(' JavaScript', writingScript(marker))))).toEqual([
      '1:5 frontmatter-language Front matter language `javascript` is not allowed: only YAML is read, and nothing in front matter is ever executed.',
    ]);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('YAML aliases are bounded', () => {
  it('the classic billion-laughs document (9 levels of 9) is refused as frontmatter-syntax', () => {
    const levels = 'abcdefghi';
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < levels.length; i++) {
      bomb.push(`${levels[i]}: &${levels[i]} [${Array(9).fill(`*${levels[i - 1]}`).join(',')}]`);
    }
    const result = lintText(exampleSkill({ frontMatter: `${EXAMPLE_FRONT_MATTER}\n${bomb.join('\n')}` }));
    expect(lines(result)).toEqual([
      '2:1 frontmatter-syntax Front matter cannot be expanded: Excessive alias count indicates a resource exhaustion attack.',
    ]);
    expect(result.analysis.facts.frontMatter).toBeUndefined();
  });

  it('a few aliases are still fine', () => {
    const result = lintText(exampleSkill({ frontMatter: EXAMPLE_FRONT_MATTER.replace('tags:', 'tags: &tags').concat('\nmetadata:\n  first: &m one\n  second: *m') }));
    expect(lines(result)).toEqual([]);
    expect(result.analysis.facts.frontMatter?.['metadata']).toEqual({ first: 'one', second: 'one' });
  });
});

describe('__proto__ and constructor keys are ordinary keys', () => {
  it('pollute no prototype, stay own properties, and are reported only as unknown fields', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const frontMatter = [
      EXAMPLE_FRONT_MATTER,
      '__proto__:',
      '  polluted: true',
      'constructor:',
      '  prototype:',
      '    polluted: true',
      'metadata: {"__proto__": "x", constructor: "y"}',
    ].join('\n');
    const result = lintText(exampleSkill({ frontMatter }));

    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>)['polluted']).toBeUndefined();

    const data = result.analysis.facts.frontMatter;
    if (!data) throw new Error('front matter did not parse');
    expect(Object.hasOwn(data, '__proto__')).toBe(true);
    expect(Object.hasOwn(data, 'constructor')).toBe(true);
    expect({ ...(data['__proto__'] as object) }).toEqual({ polluted: true });
    expect(Object.hasOwn(data['constructor'] as object, 'prototype')).toBe(true);
    const metadata = data['metadata'] as Record<string, unknown>;
    expect(Object.hasOwn(metadata, '__proto__') && metadata['__proto__']).toBe('x');
    expect(Object.hasOwn(metadata, 'constructor') && metadata['constructor']).toBe('y');

    expect(lines(result)).toEqual([
      '10:1 frontmatter-unknown-field Unknown front matter field `__proto__`; the catalog ignores it.',
      '12:1 frontmatter-unknown-field Unknown front matter field `constructor`; the catalog ignores it.',
    ]);
  });
});
