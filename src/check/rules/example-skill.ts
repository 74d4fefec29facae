/**
 * Building blocks for rule examples: a small skill that every rule accepts, so each example
 * differs from it only in what the rule is about. Line numbers in examples count from here:
 * the front matter opens on line 1 and its first key is on line 2.
 */
export const EXAMPLE_ID = 'popiskill-image-text2image-demo-v1';

export const EXAMPLE_FRONT_MATTER = `name: ${EXAMPLE_ID}
description: Generate one image from a text prompt. Use it for quick concept frames.
tags:
  - image
  - text2image
version: v1
model_type: image
estimated_duration_s: 60`;

export const EXAMPLE_BODY = `# Demo Text To Image

## Required input

- \`prompt\`: what the image should show

## Optional input

- \`aspect_ratio\`: framing such as \`16:9\`

## Workflow

1. Build the payload.
2. Run the skill and wait for the job.

## Command pattern

\`\`\`sh
popiart run ${EXAMPLE_ID} --input @params.json --wait
\`\`\`

## Payload template

\`\`\`json
{
  "prompt": "a lighthouse at dawn",
  "aspect_ratio": "16:9"
}
\`\`\`

## Output handling

- read \`job_id\` and \`artifact_ids\`

## Operating guidance

- Keep prompts short.
`;

/** A SKILL.md from front-matter lines and a body; both default to the accepted example. */
export function exampleSkill(parts: { frontMatter?: string; body?: string } = {}): string {
  return `---\n${parts.frontMatter ?? EXAMPLE_FRONT_MATTER}\n---\n\n${parts.body ?? EXAMPLE_BODY}`;
}

/** The example catalog path of a skill folder's SKILL.md. */
export function examplePath(skillId: string = EXAMPLE_ID): string {
  return `${skillId}/SKILL.md`;
}
