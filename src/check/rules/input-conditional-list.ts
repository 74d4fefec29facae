import { INPUT_RULE } from '../../derive/rule-ids.js';
import type { FileRule } from '../rule.js';
import { examplePath, exampleSkill } from './example-skill.js';
import { bodyWithInput, reportDerivedProblems } from './input-derived.js';

export const inputConditionalList: FileRule = {
  id: INPUT_RULE.conditionalList,
  scope: 'file',
  severity: 'warning',
  description: 'No paragraph states a condition between two lists of fields under `## Required input`.',
  docs: `A paragraph between two lists of \`## Required input\` usually states a condition, as in "For a
start-end-frame video, also give the final frame through one of:". A JSON Schema cannot check
prose, and reading the fields below it as required would reject every ordinary run, so the fields
listed after such a paragraph are derived as optional: any of them may be given, none is demanded.
The paragraph gets this one warning, since the schema is looser than the text.

List a field that only some runs need under \`## Optional input\` and put the condition in its
description (\`\` - \`last_frame_image_url\`: for a start-end-frame video, the final frame \`\`). A
paragraph before the first list is fine. Reported at the paragraph.`,
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
        `${examplePath()}:18:1 The paragraph before this list states a condition, which the derived schema cannot check, so the fields listed after it are optional. List them under \`## Optional input\` and put the condition in their descriptions.`,
      ],
    },
  ],
  check: reportDerivedProblems(INPUT_RULE.conditionalList),
};
