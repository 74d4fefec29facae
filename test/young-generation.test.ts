import { cachedDataVersionTag } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { withYoungGenerationKept } from '../src/load/young-generation.js';

describe('withYoungGenerationKept', () => {
  it("changes V8's flags only while the work runs: the code cache's tag is the same after", () => {
    const before = cachedDataVersionTag();
    let during: number | undefined;
    expect(withYoungGenerationKept(() => {
      during = cachedDataVersionTag();
      return 42;
    })).toBe(42);
    expect(during).not.toBe(before);
    expect(cachedDataVersionTag()).toBe(before);
  });

  it('restores the flag when the work throws', () => {
    const before = cachedDataVersionTag();
    expect(() => withYoungGenerationKept(() => {
      throw new Error('stop');
    })).toThrow('stop');
    expect(cachedDataVersionTag()).toBe(before);
  });
});
