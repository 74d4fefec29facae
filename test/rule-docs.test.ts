import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderAllRuleDocs } from '../src/cli/rules.js';
import { ALL_RULES } from '../src/check/rules/index.js';

describe('docs/rules.md', () => {
  it('is what the rule modules generate (run `npm run build && npm run docs` after changing a rule)', () => {
    expect(readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8')).toBe(renderAllRuleDocs());
  });

  it('documents every rule with a good and a bad example', () => {
    const page = renderAllRuleDocs();
    for (const rule of ALL_RULES) {
      expect(page).toContain(`\n## ${rule.id}\n`);
      if (rule.examples.some((example) => example.expected.length > 0)) expect(page).toContain('### Bad: ');
    }
  });
});
