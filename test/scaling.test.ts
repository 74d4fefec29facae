import { describe, expect, it } from 'vitest';
import { parseShellScript } from '../src/check/commands/shell-words.js';
import { createLintEnvironment } from '../src/check/environment.js';
import { analyzeFile } from '../src/check/lint.js';
import { EXAMPLE_FRONT_MATTER, EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import { decodeSkillBytes } from '../src/load/decode.js';
import { parseMarkdown } from '../src/parse/markdown.js';
import { parseYaml } from '../src/parse/yaml.js';

/**
 * Each parser on its hostile input, at size n and 4n: linear work costs about 4x, quadratic 16x.
 * Measured in CPU time of this process (not wall time), the least of three runs, against a
 * generous 8x. On a shared 2-core machine JIT warm-up and garbage collection still move small runs
 * by more than that, so these ratios run with `npm run fuzz` (which sets SKILLHUB_FUZZ_COUNT), not
 * in the default `npm test`; the bounded-by-construction checks below run always.
 */
const timed = describe.runIf(process.env['SKILLHUB_FUZZ_COUNT'] !== undefined);
function cpuMs(work: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 5; run++) {
    const before = process.cpuUsage();
    work();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

function ratio(make: (n: number) => () => void, n: number): number {
  // Both sizes warm the JIT first: a cold first run of the larger size alone skewed single ratios past 8x.
  const [small, large] = [make(n), make(4 * n)];
  small();
  large();
  return cpuMs(large) / Math.max(cpuMs(small), 1);
}

const MAX_RATIO = 8;

timed('hostile inputs cost time in proportion to their size', () => {
  it('Markdown: a definition and a paragraph of `[a] [a] ...` (was quadratic)', () => {
    expect(ratio((n) => { const text = `[a]: /u\n\n${'[a] '.repeat(n)}`; return () => parseMarkdown(text); }, 2000)).toBeLessThan(MAX_RATIO);
  });

  it('Markdown: emphasis runs, separate emphasis openers and backtick runs', () => {
    expect(ratio((n) => { const text = `${'*'.repeat(n)}x${'*'.repeat(n)}`; return () => parseMarkdown(text); }, 20000)).toBeLessThan(MAX_RATIO);
    expect(ratio((n) => { const text = `${'_a '.repeat(n)}b${' b*'.repeat(n)}`; return () => parseMarkdown(text); }, 5000)).toBeLessThan(MAX_RATIO);
    expect(ratio((n) => { const text = `${'`'.repeat(n)}x${' ``'.repeat(n)}`; return () => parseMarkdown(text); }, 5000)).toBeLessThan(MAX_RATIO);
  });

  it('YAML: front matter with many keys (the duplicate-key check was quadratic)', () => {
    expect(ratio((n) => { const text = Array.from({ length: n }, (_, i) => `k${i}: v`).join('\n'); return () => parseYaml(text); }, 2000)).toBeLessThan(MAX_RATIO);
  });

  it('the whole per-file analysis of a document with many front-matter keys', () => {
    const env = createLintEnvironment();
    expect(
      ratio((n) => {
        const text = exampleSkill({ frontMatter: `${EXAMPLE_FRONT_MATTER}\n${Array.from({ length: n }, (_, i) => `k${i}: v`).join('\n')}` });
        const decoded = decodeSkillBytes(new TextEncoder().encode(text));
        return () => analyzeFile({ filePath: `/c/${EXAMPLE_ID}/SKILL.md`, decoded }, env);
      }, 1000),
    ).toBeLessThan(MAX_RATIO);
  });

});

describe('hostile inputs with a bound by construction', () => {
  it('shell: operator soup is cut short by the early cancellation (and by the 16 kB block limit)', () => {
    // tree-sitter's error recovery itself grows faster than linearly (about 12x for 4x the pipes
    // measured here), so this holds the bounded reading to the limit rather than to a ratio.
    const plain = (text: string) => ({ text, toFile: (index: number) => index });
    const cancelled = parseShellScript(plain('|'.repeat(4000)));
    expect(cancelled.ok === false && cancelled.message).toMatch(/^the parser gave up recovering/);
  });
});
