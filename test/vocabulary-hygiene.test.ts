import { describe, expect, it } from 'vitest';
import { nearDuplicateOf } from '../src/check/vocabulary-hygiene.js';

const KNOWN = ['sample_rate_hz', 'size', 'aspect_ratio', 'duration_s', 'negative_prompt', 'prompt', 'seed'];

describe('nearDuplicateOf', () => {
  it('names the vocabulary field a new name nearly repeats', () => {
    expect(nearDuplicateOf('sample_rate', KNOWN)).toBe('sample_rate_hz');
    expect(nearDuplicateOf('resolution', KNOWN)).toBe('size');
    expect(nearDuplicateOf('aspectratio', KNOWN)).toBe('aspect_ratio');
    expect(nearDuplicateOf('duration', KNOWN)).toBe('duration_s');
    expect(nearDuplicateOf('negative_promt', KNOWN)).toBe('negative_prompt');
  });

  it('leaves a name with its own meaning alone', () => {
    expect(nearDuplicateOf('lens_mm', KNOWN)).toBeUndefined();
    expect(nearDuplicateOf('seeds', KNOWN)).toBeUndefined();
    expect(nearDuplicateOf('prompt', KNOWN)).toBeUndefined();
  });
});
