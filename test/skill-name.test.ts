import { describe, expect, it } from 'vitest';
import { parseSkillName } from '../src/check/skill-name.js';

describe('parseSkillName', () => {
  it('reads the parts of well-formed ids, a slug of several words and a slug word that looks like a version included', () => {
    expect(parseSkillName('popiskill-image-text2image-basic-v1')).toEqual({
      parts: { category: 'image', capability: 'text2image', slug: 'basic', major: 1 },
      problems: [],
    });
    expect(parseSkillName('popiskill-video-image2video-popistudio-alice-showcase-v12')).toEqual({
      parts: { category: 'video', capability: 'image2video', slug: 'popistudio-alice-showcase', major: 12 },
      problems: [],
    });
    expect(parseSkillName('popiskill-a-b-v1-v2')).toEqual({ parts: { category: 'a', capability: 'b', slug: 'v1', major: 2 }, problems: [] });
    expect(parseSkillName('popiskill-a-b-c-v1-v20')).toEqual({ parts: { category: 'a', capability: 'b', slug: 'c-v1', major: 20 }, problems: [] });
  });

  it('accepts 64 characters and refuses 65, with the length problem and still the parts', () => {
    const at64 = `popiskill-image-text2image-${'a'.repeat(64 - 'popiskill-image-text2image--v1'.length)}-v1`;
    expect(at64.length).toBe(64);
    expect(parseSkillName(at64).problems).toEqual([]);
    const at65 = `popiskill-image-text2image-${'a'.repeat(65 - 'popiskill-image-text2image--v1'.length)}-v1`;
    expect(parseSkillName(at65)).toEqual({
      parts: { category: 'image', capability: 'text2image', slug: 'a'.repeat(35), major: 1 },
      problems: ['`name` is 65 characters long; at most 64 are allowed: shorten the slug.'],
    });
  });

  it('reports every problem of ill-formed ids', () => {
    expect(parseSkillName('popiskill-image-text2image-v1').problems).toEqual([
      '`name` needs a category, a capability and a slug between `popiskill-` and `-v<major>` (such as `popiskill-image-text2image-basic-v1`); it has only `image-text2image`.',
    ]);
    expect(parseSkillName('popiskill-image-text2image-basic-v0').problems).toEqual([
      '`name` ends in `-v0`: the major version is a whole number from 1, without leading zeros.',
    ]);
    expect(parseSkillName('popiskill-image-text2image-basicv1').problems).toEqual(['`name` must end in `-v<major>`: put a hyphen before `v1`.']);
    expect(parseSkillName('popiskill-Image-text2image--basic-v1').problems).toEqual([
      '`name` has uppercase letters: write it in lowercase (`popiskill-image-text2image--basic-v1`).',
      '`name` has a double hyphen (`--`): separate words with a single hyphen.',
    ]);
    expect(parseSkillName('skill-image-text2image-basic-v1').problems).toEqual([
      '`name` must start with `popiskill-` (it has the form `popiskill-<category>-<capability>-<slug>-v<major>`).',
    ]);
    expect(parseSkillName('popiskill-image-text2image-basic-v1\n')).toEqual({
      parts: undefined,
      problems: ['`name` may use only lowercase letters, digits and hyphens; it has a white-space character (U+000A).'],
    });
  });
});
