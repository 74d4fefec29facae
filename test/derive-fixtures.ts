import path from 'node:path';
import { createAjv } from '../src/check/environment.js';
import { deriveSkill, type DerivedSkill, type FieldVocabulary } from '../src/derive/index.js';
import { loadVocabulary } from '../src/load/vocabulary.js';
import { parseSkillDocument } from '../src/parse/skill-document.js';

/** The built-in vocabulary, loaded afresh for each caller. */
export function builtInVocabulary(): FieldVocabulary {
  return loadVocabulary(createAjv());
}

export function deriveText(text: string, vocabulary: FieldVocabulary = builtInVocabulary(), id = 'popiskill-test-skill-v1'): DerivedSkill {
  return deriveSkill(parseSkillDocument(path.join('/catalog', id, 'SKILL.md'), text), vocabulary);
}

/** A SKILL.md with a minimal front matter (7 lines, so the body starts on line 9) and the given body. */
export function skillText(name: string, body: string, modelType = 'image'): string {
  return `---
name: ${name}
description: A skill written for the derivation tests.
tags: [${modelType}]
version: v1
model_type: ${modelType}
estimated_duration_s: 60
---
${body}`;
}

/** Image to image, after the seed document's facts, in the tests' own words. */
export const IMG2IMG_ID = 'popiskill-image-img2img-basic-v1';
export const IMG2IMG = skillText(
  IMG2IMG_ID,
  `# Image To Image

Redraws one existing picture.

## Required input

- \`prompt\`: how the picture should change
- one image source:
  - \`source_artifact_id\`, or
  - \`image_url\`, or
  - \`reference_image_url\`

## Optional input

- \`strength\`
- \`style\`
- \`size\`
- \`aspect_ratio\`
- \`seed\`
- \`notes\`

## Payload template

\`\`\`json
{
  "prompt": "make it a pencil sketch",
  "source_artifact_id": "art_42",
  "strength": 0.5,
  "seed": 7
}
\`\`\`

## Output handling

- read \`job_id\`, then \`artifact_ids\`
- \`url\` or \`media_id\` point at the published picture

## Operating guidance

- \`reference_image_url\` is a compatibility alias for \`image_url\`.
`,
);

/** Image to video with two aliases: one of a group member, one of an annotated required field. */
export const IMG2VIDEO_ID = 'popiskill-video-image2video-basic-v1';
export const IMG2VIDEO = skillText(
  IMG2VIDEO_ID,
  `# Image To Video

## Required input

- one image source:
  - \`source_artifact_id\`, or
  - \`image_url\`
- \`duration_s\` (integer, 5..15): clip length in seconds

## Optional input

- \`prompt\`: the one motion to show
- \`last_frame_image_url\`: where the clip should end
- \`camera_motion\`
- \`seed\` (integer, 0..4294967295)

## Payload template

\`\`\`json
{ "image_url": "https://media.example.com/first.png", "duration_s": 5 }
\`\`\`

\`\`\`json
{ "image_url": "https://media.example.com/first.png", "seconds": 6, // a comment makes it unreadable
}
\`\`\`

## Output handling

- read \`job_id\`
- \`execution_mode\` and \`model_id\` say how the clip was made

## Operating guidance

\`reference_image_url\` is a compatibility alias for \`image_url\`. \`seconds\` is a compatibility alias for
\`duration_s\`, and \`end_frame_image_url\` is a compatibility alias for \`last_frame_image_url\`.
`,
  'video',
);
