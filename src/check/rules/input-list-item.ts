import { INPUT_RULE } from '../../derive/rule-ids.js';
import type { FileRule } from '../rule.js';
import { examplePath, exampleSkill } from './example-skill.js';
import { bodyWithInput, reportDerivedProblems } from './input-derived.js';

export const inputListItem: FileRule = {
  id: INPUT_RULE.listItem,
  scope: 'file',
  severity: 'error',
  description: 'Every list item in an input section is a field or a group of fields.',
  docs: `The derived input schema is read from the list items of \`## Required input\` and
\`## Optional input\`, so every item there must be one of:

- a field: a code span first, then optionally an annotation in parentheses and \`: description\`:
  \`\` - \`prompt\`: what the image should show \`\`, \`\` - \`duration_s\` (integer, 5..15) \`\`;
- several fields, any one of which will do: \`\` - \`image_url\` or \`reference_image_url\`: the source \`\`;
- a group, under \`## Required input\` only: an item that starts with \`one\` and ends with \`:\`
  (\`- one image source:\`, \`- one of:\`) with a nested list of fields, one per item; the items
  may end in \`, or\` (or \`or\`, or \`,\`). At least one member of a group must be present in a payload.

A field name is a letter or \`_\` followed by letters, digits or \`_\`. Prose about the inputs
belongs in paragraphs or in a field's description, outside the list (but a condition such as "for
X, also give:" belongs in the descriptions of optional fields: see \`input-conditional-list\`).
Reported at the item, the code span or the unexpected text.`,
  examples: [
    {
      title: 'Fields, a multi-field item and a group',
      files: {
        [examplePath()]: exampleSkill({
          body: bodyWithInput(
            '- `prompt`: what the image should show\n- one image source:\n  - `source_artifact_id`, or\n  - `image_url`',
            '- `style` or `negative_prompt`: a style hint or what to avoid\n- `aspect_ratio`',
          ),
        }),
      },
      expected: [],
    },
    {
      title: 'Items that are neither fields nor groups',
      files: {
        [examplePath()]: exampleSkill({
          body: bodyWithInput(
            '- `prompt`: what the image should show\n- one image source:\n- `images[1]` when using the images array',
            '- a style hint\n- `seed` - fixes the randomness\n- `style`, or\n- `aspect_ratio`',
          ),
        }),
      },
      expected: [
        `${examplePath()}:17:3 The group \`one image source:\` has no fields: list them in a nested list below it, one per item, as \`\` - \`name\`, or \`\`.`,
        `${examplePath()}:18:3 \`images[1]\` is not a field name: a field name is a letter or \`_\` followed by letters, digits or \`_\`. Say more about a field in its description (\`\` - \`name\`: description \`\`), or move this remark out of the list.`,
        `${examplePath()}:22:3 This item under \`## Optional input\` is neither a field nor a group. Write a field as \`\` - \`name\`: description \`\` or a group as \`- one of:\` with its fields nested below it.`,
        `${examplePath()}:23:10 After \`seed\` write \`: description\`, an annotation in parentheses such as \`(string)\`, or \`or\` and another field in a code span; found "- fixes the randomness" under \`## Optional input\`.`,
        `${examplePath()}:24:10 \`, or\` joins the fields of a group, but \`style\` under \`## Optional input\` is not in one: nest the fields under a group item such as \`- one of:\`, or remove the \`or\`.`,
      ],
    },
    {
      title: 'A group under Optional input',
      files: {
        [examplePath()]: exampleSkill({
          body: bodyWithInput('- `prompt`: what the image should show', '- one of:\n  - `style`, or\n  - `negative_prompt`'),
        }),
      },
      expected: [
        `${examplePath()}:20:3 The group \`one of:\` under \`## Optional input\` makes one of its fields required: move it to \`## Required input\`, or list its fields one per item.`,
      ],
    },
  ],
  check: reportDerivedProblems(INPUT_RULE.listItem),
};
