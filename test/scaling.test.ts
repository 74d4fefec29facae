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

/** Each scaling case (test/support/scaling-cases.mjs) with its size n: what was quadratic, and its neighbours. */
const LINEAR_CASES: ReadonlyArray<[caseName: string, n: number]> = [
  ['markdown-link-references', 1000], // a definition and a paragraph of `[a] [a] ...` (was quadratic)
  ['markdown-emphasis-run', 5000],
  ['markdown-emphasis-openers', 1000],
  ['markdown-backtick-runs', 1000],
  ['markdown-nested-brackets', 1000],
  ['yaml-many-keys', 1000], // the duplicate-key check was quadratic
  ['skill-many-front-matter-keys', 500], // the whole per-file analysis from here on
  ['skill-many-listed-fields', 200],
  ['skill-payload-template-many-keys', 500],
];

describe.concurrent('hostile inputs cost operations in proportion to their size', { timeout: 300_000 }, () => {
  it('the measure catches a quadratic step (a pairwise duplicate check)', async () => {
    expect(await ratio('control-quadratic', 500)).toBeGreaterThan(14);
  });

  it.each(LINEAR_CASES)('%s: 4n costs at most 6x the operations of n=%i', async (caseName, n) => {
    expect(await ratio(caseName, n)).toBeLessThan(MAX_RATIO);
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
