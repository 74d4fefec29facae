import { INPUT_RULE } from '../../derive/rule-ids.js';
import type { FileRule } from '../rule.js';
import { examplePath, exampleSkill } from './example-skill.js';
import { bodyWithInput, reportDerivedProblems } from './input-derived.js';

export const inputConditionalList: FileRule = {
  id: INPUT_RULE.conditionalList,
  scope: 'file',
  severity: 'error',
  description: 'No paragraph stands between two lists of fields under `## Required input`.',
  docs: `Every field listed under \`## Required input\` is required (a group's members: one of them), in
every list of the section. A paragraph between two lists usually states a condition, as in "For a
start-end-frame video, also give the final frame through one of:", but the derived schema cannot
read prose: the fields of the second list become required for every run, and the skill's own
payload templates then fail \`payload-schema\` and \`run-input\` without saying why.

List a field that only some runs need under \`## Optional input\` and put the condition in its
description (\`\` - \`last_frame_image_url\`: for a start-end-frame video, the final frame \`\`). A
paragraph before the first list is fine. Reported at the paragraph; the fields below it are still
derived as listed, that is as required.`,
  examples: [
    {
      title: 'An introduction before the list, and a conditional field under Optional input',
      files: {
        [examplePath()]: exampleSkill({
          body: bodyWithInput(
            'Every run needs a prompt:\n\n- `prompt`: what the image should show',
            '- `aspect_ratio`: framing such as `16:9`\n- `reference_image_url`: when matching a style, a picture in that style',
          ),
        }),
      },
      expected: [],
    },
    {
      title: 'A condition between two required lists',
      files: {
        [examplePath()]: exampleSkill({
          body: bodyWithInput(
            '- `prompt`: what the image should show\n\nWhen matching a style, also give the style picture through one of:\n\n- `reference_image_url`\n- `reference_artifact_ids`',
            '- `aspect_ratio`: framing such as `16:9`',
          ),
        }),
      },
      expected: [
        `${examplePath()}:18:1 Every field listed under \`## Required input\` is required, but the paragraph before this list reads like a condition. List conditional fields under \`## Optional input\` and say the condition in their description.`,
      ],
    },
  ],
  check: reportDerivedProblems(INPUT_RULE.conditionalList),
};
