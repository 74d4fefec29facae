import { describe, expect, it } from 'vitest';
import { runRuleExample } from '../src/check/examples.js';
import { ALL_RULES } from '../src/check/rules/index.js';

describe('every rule documents itself with examples that hold', () => {
  it('has unique kebab-case ids and complete metadata', () => {
    const ids = ALL_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of ALL_RULES) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.description.length, rule.id).toBeGreaterThan(10);
      expect(rule.description.includes('\n'), rule.id).toBe(false);
      expect(rule.docs.length, rule.id).toBeGreaterThan(40);
      expect(rule.examples.some((example) => example.expected.length === 0), `${rule.id} has a good example`).toBe(true);
    }
  });

  for (const rule of ALL_RULES) {
    describe(rule.id, () => {
      for (const example of rule.examples) {
        it(`${example.expected.length === 0 ? 'accepts' : 'reports'}: ${example.title}`, () => {
          expect(runRuleExample(rule, example)).toEqual(example.expected);
        });
      }
    });
  }
});
