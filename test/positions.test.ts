import { describe, expect, it } from 'vitest';
import { createLintEnvironment } from '../src/check/environment.js';
import { lintCatalog } from '../src/check/lint.js';
import { decodeSkillBytes } from '../src/load/decode.js';

/**
 * A skill with problems in the front matter and the body, and non-ASCII text before some of them,
 * so a line-ending or BOM mistake shifts a line or column somewhere.
 */
const SKILL = [
  '---',
  'name: popiskill-image-text2image-demo-v1',
  'description: >-',
  '  Draw one image from a prompt — «quoted» 😀,',
  '  folded over two lines.',
  'tags: [ünï, Bad Tag, image]',
  'colour: red',
  'model_type: video',
  'estimated_duration_s: -5',
  'default_profile: true',
  // Last, so a line ending left on the final value (`v2\r`) changes what is reported.
  'version: v2',
  '---',
  '',
  '# Démo 😀 title',
  '',
  'A paragraph with ünïcode.',
  '',
  '## Required input',
  '',
  '- `prompt`: what to draw',
  '',
  '# Second title',
  '',
  '## Command pattern',
  '',
  '```sh',
  '# a shell comment, not a heading',
  'popiart run popiskill-image-text2image-demo-v1 --input @params.json',
  '```',
  '',
  '## Workflow',
  '',
  '1. Run it.',
  '',
  '## workflow',
  '',
  '2. Run it again.',
  '',
].join('\n');

const FILE = '/catalog/popiskill-image-text2image-draft-v1/SKILL.md';

interface Found {
  ruleId: string;
  start: string;
  end: string;
  message: string;
}

function lintBytes(bytes: Uint8Array): Found[] {
  const env = createLintEnvironment();
  return lintCatalog([{ filePath: FILE, decoded: decodeSkillBytes(bytes) }], env).flatMap((result) =>
    result.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      start: `${d.range.start.line}:${d.range.start.column}`,
      end: `${d.range.end.line}:${d.range.end.column}`,
      message: d.message,
    })),
  );
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

const VARIANTS: Record<string, Uint8Array> = {
  CRLF: encode(SKILL.replace(/\n/g, '\r\n')),
  'CRLF with a UTF-8 BOM': new Uint8Array([...BOM, ...encode(SKILL.replace(/\n/g, '\r\n'))]),
  'LF with a UTF-8 BOM': new Uint8Array([...BOM, ...encode(SKILL)]),
  'lone CR': encode(SKILL.replace(/\n/g, '\r')),
};

describe('line endings and a BOM do not move any diagnostic', () => {
  const lf = lintBytes(encode(SKILL));

  it('LF: every problem at its exact place', () => {
    expect(lf.map((d) => `${d.start}-${d.end} ${d.ruleId} ${d.message}`)).toEqual([
      '2:7-2:41 name-matches-folder `name` is `popiskill-image-text2image-demo-v1` but the folder is `popiskill-image-text2image-draft-v1`: rename one so they agree.',
      '6:1-6:5 tags-include-name-parts `tags` should include `text2image`, the capability in the name, so searches for it find this skill.',
      '6:8-6:11 frontmatter-schema `tags[0]` must be lowercase words joined by hyphens (such as `text2image`), got "ünï".',
      '6:13-6:20 frontmatter-schema `tags[1]` must be lowercase words joined by hyphens (such as `text2image`), got "Bad Tag".',
      '7:1-7:7 frontmatter-unknown-field Unknown front matter field `colour`; the catalog ignores it.',
      '8:13-8:18 model-type-matches-category `model_type` is `video` but the name\'s category is `image`: use `model_type: image`, or `multimodal` for a model that handles several kinds.',
      '9:23-9:25 frontmatter-schema `estimated_duration_s` must be a positive whole number of seconds, got `-5`.',
      '10:1-10:16 profile-description-required `default_profile` is `true`, so `profile_description` is required: add the one line that describes this skill in the default agent profile.',
      '11:10-11:12 version-matches-name `version` is `v2` but the name ends in `-v1`: make them agree.',
      '14:1-14:16 recommended-sections Recommended section `## Operating guidance` is missing: agents learn from it what to do and what to avoid.',
      '14:1-14:16 recommended-sections Recommended section `## Optional input` is missing: agents learn from it which inputs a run may add.',
      '14:1-14:16 required-sections Required section `## Output handling` is missing: agents learn from it what a run returns.',
      '14:1-14:16 required-sections Required section `## Payload template` is missing: agents build their payload from it.',
      '22:1-22:15 single-h1 Another `#` heading (`# Second title`) after the title on line 14: a SKILL.md has one title; make this a `##` section.',
      '35:1-35:12 required-sections Section `## workflow` appears twice (first on line 31): merge the two into one.',
    ]);
  });

  for (const [name, bytes] of Object.entries(VARIANTS)) {
    it(`${name}: the same diagnostics as LF`, () => {
      expect(lintBytes(bytes)).toEqual(lf);
    });
  }
});
