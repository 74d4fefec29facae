import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../src/check/environment.js';
import { runRuleExample } from '../src/check/examples.js';
import { ALL_RULES } from '../src/check/rules/index.js';
import { EXAMPLE_FRONT_MATTER, exampleSkill } from '../src/check/rules/example-skill.js';
import { parseSkillDocument } from '../src/parse/skill-document.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schema = JSON.parse(readFileSync(path.join(REPO, 'schemas/skill-frontmatter.schema.json'), 'utf8')) as object;
const validate = createAjv().compile(schema);

function frontMatterOf(text: string): Record<string, unknown> | undefined {
  return parseSkillDocument('/x/SKILL.md', text).frontMatter?.data;
}

describe('the editor schema says no where the linter says error', () => {
  it('refuses what the issue names: a malformed name, a typo key, a 2,000-character description', () => {
    const cases = [
      EXAMPLE_FRONT_MATTER.replace(/^name: .*$/m, 'name: "My Skill!"'),
      `${EXAMPLE_FRONT_MATTER}\ndescripton: typo`,
      EXAMPLE_FRONT_MATTER.replace(/^description: .*$/m, `description: ${'x'.repeat(2000)}`),
      EXAMPLE_FRONT_MATTER.replace(/^description: .*$/m, 'description: "   "'),
      EXAMPLE_FRONT_MATTER.replace(/^name: .*$/m, `name: popiskill-image-text2image-${'a'.repeat(60)}-v1`),
    ];
    for (const frontMatter of cases) expect(validate(frontMatterOf(exampleSkill({ frontMatter }))), frontMatter).toBe(false);
    expect(validate(frontMatterOf(exampleSkill()))).toBe(true);
  });

  it("accepts every skill of this repository's catalog", () => {
    for (const id of readdirSync(path.join(REPO, 'skills'))) {
      const data = frontMatterOf(readFileSync(path.join(REPO, 'skills', id, 'SKILL.md'), 'utf8'));
      expect(validate(data), `${id}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  // Every example of the rules that judge front matter: the schema refuses exactly the examples
  // in which the linter reports an error (or the unknown-key warning, which editors show as an error).
  for (const id of ['name-format', 'description-length', 'frontmatter-schema', 'frontmatter-unknown-field']) {
    const rule = ALL_RULES.find((candidate) => candidate.id === id);
    if (!rule) throw new Error(`${id} is not registered`);
    it(`agrees with ${id} on its examples (for the fields the schema can see)`, () => {
      for (const example of rule.examples) {
        for (const [file, content] of Object.entries(example.files)) {
          if (!file.endsWith('SKILL.md') || typeof content !== 'string') continue;
          const data = frontMatterOf(content);
          if (!data) continue;
          const reported = runRuleExample(rule, example).some((line) => line.startsWith(file));
          expect(validate(data), `${example.title}: ${file}`).toBe(!reported);
        }
      }
    });
  }
});
