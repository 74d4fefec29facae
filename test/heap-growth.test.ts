import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SLOW_HEAP_GROWTH_FROM, wantsSlowHeapGrowth } from '../src/core/heap-growth.js';

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
});
