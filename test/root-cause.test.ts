import { describe, expect, it } from 'vitest';
import { lintExampleCatalog } from '../src/check/examples.js';
import { EXAMPLE_BODY, EXAMPLE_FRONT_MATTER, EXAMPLE_ID, examplePath, exampleSkill } from '../src/check/rules/example-skill.js';

/**
 * One root cause, one diagnostic: documents written the way real catalog authors write them, each
 * with exactly the diagnostics a maintainer would act on (every rule, not just one).
 */
function diagnostics(files: Record<string, string>): string[] {
  return lintExampleCatalog({ files }).map(
    (d) => `${d.relativePath}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.ruleId} ${d.message}`,
  );
}

const SKILL = examplePath();
const VIDEO_ID = 'popiskill-video-image2video-demo-v1';
const VIDEO = examplePath(VIDEO_ID);

const VIDEO_FRONT_MATTER = EXAMPLE_FRONT_MATTER.replaceAll(EXAMPLE_ID, VIDEO_ID)
  .replace('  - image\n  - text2image', '  - video\n  - image2video')
  .replace('model_type: image', 'model_type: video');

/** A video skill whose inputs are written as `inputs`; the rest is the accepted example. */
function videoSkill(inputs: string, extra = ''): string {
  return exampleSkill({
    frontMatter: VIDEO_FRONT_MATTER,
    body: `# Demo Image To Video

${inputs}

## Workflow

1. Build the payload.

## Command pattern

\`\`\`sh
popiart run ${VIDEO_ID} --input @params.json --wait
popiart run ${VIDEO_ID} --input '{"image_url":"https://example.com/a.png","last_frame_image_url":"https://example.com/b.png"}' --wait
\`\`\`

## Payload template

\`\`\`json
{
  "image_url": "https://example.com/first.png",
  "prompt": "the camera pushes in"
}
\`\`\`

## Output handling

- read \`job_id\` and \`artifact_ids\`

## Operating guidance

- Keep motion simple.
${extra}`,
  });
}

describe('one root cause, one diagnostic', () => {
  it('a plural input heading is read as the section it names: one diagnostic, and the payloads are still checked', () => {
    const body = EXAMPLE_BODY.replace('## Required input', '## Required inputs');
    expect(diagnostics({ [SKILL]: exampleSkill({ body }) })).toEqual([
      `${SKILL}:14:1 error input-section \`## Required inputs\` is read as \`## Required input\`: rename it to \`## Required input\`, the heading agents and the catalog look for.`,
    ]);
    // The reading is the author's, so a real mistake in a template is still reported.
    const broken = body.replace('"prompt": "a lighthouse at dawn"', '"prompt": 7');
    expect(diagnostics({ [SKILL]: exampleSkill({ body: broken }) })).toEqual([
      `${SKILL}:14:1 error input-section \`## Required inputs\` is read as \`## Required input\`: rename it to \`## Required input\`, the heading agents and the catalog look for.`,
      `${SKILL}:37:13 error payload-schema \`prompt\` must be a non-empty string, got the number 7.`,
    ]);
  });

  it('`## Optional inputs`, `## Required Input` and `## Inputs (required)` are read too', () => {
    const body = EXAMPLE_BODY.replace('## Required input', '## Inputs (required)').replace('## Optional input', '## Optional Inputs');
    expect(diagnostics({ [SKILL]: exampleSkill({ body }) })).toEqual([
      `${SKILL}:14:1 error input-section \`## Inputs (required)\` is read as \`## Required input\`: rename it to \`## Required input\`, the heading agents and the catalog look for.`,
      `${SKILL}:18:1 error input-section \`## Optional Inputs\` is read as \`## Optional input\`: rename it to \`## Optional input\`, the heading agents and the catalog look for.`,
    ]);
    expect(diagnostics({ [SKILL]: exampleSkill({ body: EXAMPLE_BODY.replace('## Required input', '## Required Input') }) })).toEqual([]);
  });

  it('`## Inputs` holding every field: one diagnostic, and no payload error piled on the guess', () => {
    const body = EXAMPLE_BODY.replace('## Required input\n\n- `prompt`: what the image should show\n\n## Optional input', '## Inputs').replace(
      '  "aspect_ratio": "16:9"\n',
      '',
    );
    expect(diagnostics({ [SKILL]: exampleSkill({ body: body.replace('"prompt": "a lighthouse at dawn",', '"prompt": "a lighthouse at dawn"') }) })).toEqual([
      `${SKILL}:14:1 error input-section \`## Inputs\` is read as \`## Required input\`, so every field it lists is required: rename it to \`## Required input\` and move the fields a run may leave out under \`## Optional input\`.`,
    ]);
  });

  it('`## Source input` instead of `## Required input`: one diagnostic for the heading; its fields are inputs everywhere', () => {
    const inputs = `## Source input

Prefer one source:

- \`source_artifact_id\`: when the frame is a PopiArt artifact
- \`image_url\` or \`reference_image_url\`: a stable image URL

## Optional input

- \`prompt\`: the motion to create`;
    const committed = `{
  "type": "object",
  "properties": {
    "source_artifact_id": { "type": "string" },
    "image_url": { "type": "string" },
    "reference_image_url": { "type": "string" },
    "prompt": { "type": "number" }
  }
}
`;
    const skill = videoSkill(inputs).replace(',"last_frame_image_url":"https://example.com/b.png"', '');
    expect(diagnostics({ [VIDEO]: skill, [`${VIDEO_ID}/input_schema.json`]: committed })).toEqual([
      `${VIDEO}:14:1 error input-section \`## Source input\` is read as a group of \`## Required input\` (a run needs one of \`source_artifact_id\`, \`image_url\` or \`reference_image_url\`): move it there as \`- one source:\` with the fields nested below it.`,
    ]);
  });

  it('a conditional final-frame list: one warning at the condition, and a run passing any one alternative is valid', () => {
    const inputs = `## Required input

- one image source:
  - \`source_artifact_id\`, or
  - \`image_url\`

For a start-end-frame video, give the first frame through the source above,
then the final frame through one of:

- \`last_frame_image_url\`
- \`end_frame_image_url\`
- \`last_frame_artifact_id\`

## Optional input

- \`prompt\`: the motion to create`;
    expect(diagnostics({ [VIDEO]: videoSkill(inputs) })).toEqual([
      `${VIDEO}:20:1 warning input-conditional-list The paragraph before this list states a condition, which the derived schema cannot check, so the fields listed after it are optional. List them under \`## Optional input\` and put the condition in their descriptions.`,
    ]);
    // An alias among the alternatives stays an alias, and nothing demands a final frame on every run.
    const aliased = videoSkill(inputs, '- `end_frame_image_url` is a compatibility alias for `last_frame_image_url`.\n');
    expect(diagnostics({ [VIDEO]: aliased })).toEqual([
      `${VIDEO}:20:1 warning input-conditional-list The paragraph before this list states a condition, which the derived schema cannot check, so the fields listed after it are optional. List them under \`## Optional input\` and put the condition in their descriptions.`,
    ]);
  });

  it('an item that is not a field leaves the schema in doubt: reported once, and the payload checks stay silent', () => {
    const body = EXAMPLE_BODY.replace('- `aspect_ratio`: framing such as `16:9`', '- `images[1]` as the second picture').replace(
      '"prompt": "a lighthouse at dawn"',
      '"prompt": 7',
    );
    expect(diagnostics({ [SKILL]: exampleSkill({ body }) })).toEqual([
      `${SKILL}:20:3 error input-list-item \`images[1]\` is not a field name: a field name is a letter or \`_\` followed by letters, digits or \`_\`. Say more about a field in its description (\`\` - \`name\`: description \`\`), or move this remark out of the list.`,
    ]);
  });

  it('the fields of the shared job result are never "listed by the SKILL.md" in a committed output schema', () => {
    const committed = `{
  "type": "object",
  "properties": {
    "job_id": { "type": "string" },
    "status": { "type": "string" },
    "artifact_ids": { "type": "array", "items": { "type": "string" } }
  }
}
`;
    expect(diagnostics({ [SKILL]: exampleSkill(), [`${EXAMPLE_ID}/output_schema.json`]: committed })).toEqual([]);
    const extra = committed.replace('"status": { "type": "string" },', '"status": { "type": "string" },\n    "voice": { "type": "string" },');
    expect(diagnostics({ [SKILL]: exampleSkill(), [`${EXAMPLE_ID}/output_schema.json`]: extra })).toEqual([
      `${EXAMPLE_ID}/output_schema.json:6:5 error committed-schema-drift \`voice\` is not in the SKILL.md: name it in a code span under \`## Output handling\` or remove it here.`,
    ]);
  });
});

describe('true findings real skills shipped', () => {
  it('a prose alias without its sentence, a plain-HTTP URL on a raw IP, and a script the folder lacks: one diagnostic each', () => {
    const body = EXAMPLE_BODY.replace('- `aspect_ratio`: framing such as `16:9`', '- `duration_s`: clip length in seconds\n- `seconds`')
      .replace('"aspect_ratio": "16:9"', '"duration_s": 5,\n  "reference_image_url": "http://192.168.1.20:8080/style.png"')
      .replace('- Keep prompts short.\n', '- Keep prompts short.\n- Pass `duration_s` or `seconds`.\n- Expand the prompt with `python scripts/expand.py`.\n');
    const skill = exampleSkill({ body: body.replace('## Optional input\n\n', '## Optional input\n\n- `reference_image_url`: a style picture\n') });
    expect(diagnostics({ [SKILL]: skill })).toEqual([
      `${SKILL}:41:26 warning example-url \`http://192.168.1.20:8080/style.png\` points at a raw IP address: examples are copied as they are, so use a host name (\`example.com\` for a made-up one).`,
      `${SKILL}:52:24 warning input-alias-undeclared \`duration_s\` or \`seconds\` offers two listed fields as one choice, yet no sentence declares an alias: if \`seconds\` is an older name, write "\`seconds\` is a compatibility alias for \`duration_s\`."`,
      `${SKILL}:53:34 error bundled-file \`scripts/expand.py\` is not in the skill's folder: the command runs a script that is not published with the skill. Add the file, or correct the path.`,
    ]);
    // With the alias declared and the script bundled, only the URL is left.
    const fixed = skill.replace('- Pass `duration_s` or `seconds`.\n', '- Pass `duration_s` or `seconds`.\n- `seconds` is a compatibility alias for `duration_s`.\n');
    expect(diagnostics({ [SKILL]: fixed, [`${EXAMPLE_ID}/scripts/expand.py`]: 'print("x")\n' })).toEqual([
      `${SKILL}:41:26 warning example-url \`http://192.168.1.20:8080/style.png\` points at a raw IP address: examples are copied as they are, so use a host name (\`example.com\` for a made-up one).`,
    ]);
  });
});
