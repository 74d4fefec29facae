import { spawnSync } from 'node:child_process';
import { cachedDataVersionTag } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { SLOW_HEAP_GROWTH_FROM, wantsSlowHeapGrowth, withSlowHeapGrowth } from '../src/core/heap-growth.js';

describe('slow heap growth for long per-file phases', () => {
  it('is asked for from 1,000 files, not for the editor loop', () => {
    expect(SLOW_HEAP_GROWTH_FROM).toBe(1000);
    expect([1, 999, 1000, 10_000].map(wantsSlowHeapGrowth)).toEqual([false, false, true, true]);
  });

  it('is a flag this Node accepts at run time (an unknown one would be ignored silently)', () => {
    // V8 lists the flags it knows; setFlagsFromString gives no error for a misspelt one.
    const help = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    expect(help).toMatch(/--heap-growing-percent \(specifies heap growing factor as \(1 \+ heap_growing_percent\/100\)\)/);
  });

  // V8's flag hash (the code cache's tag) tells whether a flag differs from its default.
  it("changes V8's flags only while a large phase runs, and sets them back after", async () => {
    const before = cachedDataVersionTag();
    let during: number | undefined;
    await expect(withSlowHeapGrowth(1000, async () => {
      during = cachedDataVersionTag();
      return 7;
    })).resolves.toBe(7);
    expect(during).not.toBe(before);
    expect(cachedDataVersionTag()).toBe(before);
  });

  it('sets them back when the phase fails, and leaves a small phase alone', async () => {
    const before = cachedDataVersionTag();
    await expect(withSlowHeapGrowth(1000, () => Promise.reject(new Error('stop')))).rejects.toThrow('stop');
    expect(cachedDataVersionTag()).toBe(before);
    let during: number | undefined;
    await withSlowHeapGrowth(999, async () => {
      during = cachedDataVersionTag();
    });
    expect(during).toBe(before);
  });
});
