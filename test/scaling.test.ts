import { describe, expect, it } from 'vitest';
import { parseShellScript } from '../src/check/commands/shell-words.js';
import { operationCounts } from './support/operation-count.js';

/**
 * Each parser on its hostile input, at size n and 4n: linear work costs 4x the operations,
 * quadratic 16x. Operations are counted, not timed (test/support/operation-count.ts: the function
 * calls and block executions V8's block coverage counts), so the ratio is the same on a busy and on
 * a quiet machine and can be held to 6x, which an n log n step passes and a quadratic one fails.
 * A CPU-time ratio needed 8x and still failed 1 run in 6 from JIT warm-up and garbage collection.
 * Not counted: WebAssembly (the shell grammar, bounded by construction below) and the engine's
 * built-ins (a loop calling `indexOf` counts as a linear number of calls).
 */
const MAX_RATIO = 6;

async function ratio(caseName: string, n: number): Promise<number> {
  const [small, large] = await operationCounts(caseName, [n, 4 * n]);
  return large! / small!;
}

describe.concurrent('hostile inputs cost operations in proportion to their size', { timeout: 300_000 }, () => {
  it('the measure catches a quadratic step (a pairwise duplicate check)', async () => {
    expect(await ratio('control-quadratic', 500)).toBeGreaterThan(14);
  });

  it('Markdown: a definition and a paragraph of `[a] [a] ...` (was quadratic)', async () => {
    expect(await ratio('markdown-link-references', 1000)).toBeLessThan(MAX_RATIO);
  });

  it('Markdown: emphasis runs, separate emphasis openers, backtick runs and nested brackets', async () => {
    expect(await ratio('markdown-emphasis-run', 5000)).toBeLessThan(MAX_RATIO);
    expect(await ratio('markdown-emphasis-openers', 1000)).toBeLessThan(MAX_RATIO);
    expect(await ratio('markdown-backtick-runs', 1000)).toBeLessThan(MAX_RATIO);
    expect(await ratio('markdown-nested-brackets', 1000)).toBeLessThan(MAX_RATIO);
  });

  it('YAML: front matter with many keys (the duplicate-key check was quadratic)', async () => {
    expect(await ratio('yaml-many-keys', 1000)).toBeLessThan(MAX_RATIO);
  });

  it('the whole per-file analysis: many front-matter keys, listed fields with alias sentences, payload keys', async () => {
    expect(await ratio('skill-many-front-matter-keys', 500)).toBeLessThan(MAX_RATIO);
    expect(await ratio('skill-many-listed-fields', 200)).toBeLessThan(MAX_RATIO);
    expect(await ratio('skill-payload-template-many-keys', 500)).toBeLessThan(MAX_RATIO);
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
