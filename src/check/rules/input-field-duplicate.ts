import { INPUT_RULE } from '../../derive/rule-ids.js';
import type { FileRule } from '../rule.js';
import { examplePath, exampleSkill } from './example-skill.js';
import { bodyWithGuidance, bodyWithInput, reportDerivedProblems } from './input-derived.js';

export const inputFieldDuplicate: FileRule = {
  id: INPUT_RULE.fieldDuplicate,
  scope: 'file',
  severity: 'error',
  description: 'Each input field is listed once, in one input section.',
  docs: `A field is listed once: under \`## Required input\` (on its own, or as a member of one group) or
under \`## Optional input\`. Listing it again, in the same section or in the other one, leaves it
unclear whether it is required. The later mention is reported at its code span and does not count.
The same holds for compatibility aliases: one alias stands for one field.`,
  examples: [
    { title: 'Each field once', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'A field in both sections, and one listed twice',
      files: {
        [examplePath()]: exampleSkill({
          body: bodyWithInput(
            '- `prompt`: what the image should show',
            '- `prompt`: extra wording\n- `seed`: fixes the randomness\n- `seed`: same seed again',
          ),
        }),
      },
      expected: [
        `${examplePath()}:20:3 \`prompt\` is already listed on line 16 (\`## Required input\`); list each field once.`,
        `${examplePath()}:22:3 \`seed\` is already listed on line 21 (\`## Optional input\`); list each field once.`,
      ],
    },
    {
      title: 'An alias declared for two fields',
      files: {
        [examplePath()]: exampleSkill({
          body: bodyWithGuidance('`ratio` is a compatibility alias for `aspect_ratio`.', '`ratio` is a compatibility alias for `prompt`.'),
        }),
      },
      expected: [
        `${examplePath()}:50:3 \`ratio\` is already a compatibility alias for \`aspect_ratio\` (line 49); an alias stands for one field.`,
      ],
    },
  ],
  check: reportDerivedProblems(INPUT_RULE.fieldDuplicate),
};
