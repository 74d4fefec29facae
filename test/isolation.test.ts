import { describe, expect, it } from 'vitest';
import { createLintEnvironment } from '../src/check/environment.js';
import { lintCatalog } from '../src/check/lint.js';
import type { CatalogRule, FileRule } from '../src/check/rule.js';
import { ALL_RULES } from '../src/check/rules/index.js';
import { exampleSkill, EXAMPLE_BODY, EXAMPLE_ID } from '../src/check/rules/example-skill.js';
import { decodeSkillBytes } from '../src/load/decode.js';

const CURSED = 'cursed-line';
const OTHER_ID = 'popiskill-image-text2image-other-v1';

/** A file rule with a bug: it throws on any document that mentions CURSED. */
const brittleRule: FileRule = {
  id: 'brittle',
  scope: 'file',
  severity: 'error',
  description: 'A rule that throws on one document.',
  docs: 'test only',
  examples: [],
  check({ doc }) {
    if (doc.source.text.includes(CURSED)) throw new TypeError("Cannot read properties of undefined (reading 'x')");
  },
};

const brittleCatalogRule: CatalogRule = {
  id: 'brittle-catalog',
  scope: 'catalog',
  severity: 'error',
  description: 'A catalog rule that throws.',
  docs: 'test only',
  examples: [],
  check() {
    throw new Error('catalog rule exploded\nsecond line of the message');
  },
};

function input(folder: string, text: string) {
  return { filePath: `/catalog/${folder}/SKILL.md`, decoded: decodeSkillBytes(new TextEncoder().encode(text)) };
}

function summary(results: ReturnType<typeof lintCatalog>) {
  return results.flatMap((r) => r.diagnostics.map((d) => `${r.filePath.split('/')[2]} ${d.range.start.line}:${d.range.start.column} ${d.ruleId}`));
}

describe('per-file isolation: what throws inside one file becomes internal-error on that file', () => {
  it('a rule that throws on one file: that file gets internal-error, its other rules still run, the other file is checked', () => {
    const env = createLintEnvironment({}, [...ALL_RULES, brittleRule]);
    const cursed = exampleSkill({ body: `${EXAMPLE_BODY}\n${CURSED}\n` }).replace('# Demo Text To Image', '# Demo\n\n# Second title');
    const other = exampleSkill().replaceAll(EXAMPLE_ID, OTHER_ID).replace('# Demo Text To Image', '# One\n\n# Two');
    const results = lintCatalog([input(EXAMPLE_ID, cursed), input(OTHER_ID, other)], env);
    expect(summary(results)).toEqual([
      `${EXAMPLE_ID} 1:1 internal-error`,
      `${EXAMPLE_ID} 14:1 single-h1`,
      `${OTHER_ID} 14:1 single-h1`,
    ]);
    const [internal] = results[0]?.diagnostics ?? [];
    expect(internal?.severity).toBe('error');
    expect(internal?.message).toBe(
      "skillhub failed while running the rule brittle (TypeError: Cannot read properties of undefined (reading 'x')). " +
        'This is a bug in skillhub, not in this file; please report it with this file attached. ' +
        'The file may have other problems this run could not see; the other files were checked.',
    );
  });

  it('a catalog rule that throws is reported once, on the first file, with the first line of its message', () => {
    const env = createLintEnvironment({}, [...ALL_RULES, brittleCatalogRule]);
    const results = lintCatalog([input(OTHER_ID, exampleSkill().replaceAll(EXAMPLE_ID, OTHER_ID)), input(EXAMPLE_ID, exampleSkill())], env);
    expect(summary(results)).toEqual([`${EXAMPLE_ID} 1:1 internal-error`]);
    expect(results.flatMap((r) => r.diagnostics)[0]?.message).toMatch(/^skillhub failed while running the catalog rule brittle-catalog \(Error: catalog rule exploded\)\./);
  });

  it('an analysis with a failure is not stored in the cache', () => {
    const stored: string[] = [];
    const env = createLintEnvironment({}, [...ALL_RULES, brittleRule]);
    const cache = { lookup: () => undefined, store: (i: { filePath: string }) => void stored.push(i.filePath) };
    lintCatalog([input(EXAMPLE_ID, `${exampleSkill()}\n${CURSED}\n`), input(OTHER_ID, exampleSkill().replaceAll(EXAMPLE_ID, OTHER_ID))], env, cache);
    expect(stored).toEqual([`/catalog/${OTHER_ID}/SKILL.md`]);
  });
});
