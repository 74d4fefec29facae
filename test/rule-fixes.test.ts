import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ROOT, lintExampleFiles } from '../src/check/examples.js';
import { ALL_RULES } from '../src/check/rules/index.js';
import type { RuleExample } from '../src/check/rule.js';
import { applyFixes } from '../src/fix/apply-fixes.js';
import { runFixLoop } from '../src/fix/fix-loop.js';

/** Runs --fix's loop on an example catalog in memory; returns the fixed files and the last lint. */
async function fixExample(example: RuleExample) {
  const original = new Map(Object.entries(example.files).map(([relative, content]) => [path.join(EXAMPLE_ROOT, relative), content]));
  const lint = async (overlay: ReadonlyMap<string, string>) => {
    const files: RuleExample['files'] = {};
    for (const [absolute, content] of original) files[path.relative(EXAMPLE_ROOT, absolute).split(path.sep).join('/')] = overlay.get(absolute) ?? content;
    return { results: lintExampleFiles(files, example.options) };
  };
  const read = async (filePath: string) => {
    const content = original.get(filePath);
    return typeof content === 'string' ? content : undefined;
  };
  return runFixLoop(lint, undefined, read);
}

const errorsBesides = (results: Awaited<ReturnType<typeof fixExample>>['last']['results'], ruleId: string) =>
  results.flatMap((result) => result.diagnostics).filter((d) => d.ruleId !== ruleId && d.severity === 'error').length;

describe('every fix makes its example clean for its rule and never worse', () => {
  const fixable = ALL_RULES.filter((rule) => rule.fixable);

  it('the fixable rules are the ones with one right answer', () => {
    expect(fixable.map((rule) => rule.id).sort()).toEqual(
      ['committed-schema-drift', 'input-section', 'payload-json', 'required-sections', 'tags-include-name-parts', 'version-matches-name'].sort(),
    );
  });

  for (const rule of fixable) {
    it(`${rule.id}: fixes at least one bad example, and every fix it makes leaves none of its problems there`, async () => {
      let fixedSome = false;
      for (const example of rule.examples.filter((candidate) => candidate.expected.length > 0)) {
        const before = lintExampleFiles(example.files, example.options);
        const fixed = await fixExample(example);
        const remaining = fixed.last.results.flatMap((result) => result.diagnostics).filter((d) => d.ruleId === rule.id);
        const fixes = before.flatMap((result) => result.diagnostics).filter((d) => d.ruleId === rule.id && d.fix);
        if (fixes.length === 0) continue;
        fixedSome = true;
        expect(fixed.outputs.size, example.title).toBeGreaterThan(0);
        // Every diagnostic of the rule that offered a fix is gone; those without one may stay.
        expect(remaining.filter((d) => d.fix), example.title).toEqual([]);
        expect(remaining.length, example.title).toBeLessThan(before.flatMap((r) => r.diagnostics).filter((d) => d.ruleId === rule.id).length);
        expect(errorsBesides(fixed.last.results, rule.id), example.title).toBeLessThanOrEqual(errorsBesides(before, rule.id));
      }
      expect(fixedSome).toBe(true);
    });
  }
});

describe('applyFixes', () => {
  it('applies fixes in order and skips one that overlaps an earlier fix', () => {
    expect(
      applyFixes('abcdef', [
        { range: [4, 5], text: 'E' },
        { range: [0, 2], text: 'AB' },
        { range: [1, 3], text: 'x' },
      ]),
    ).toEqual({ text: 'ABcdEf', applied: 2 });
  });
});
