import { INPUT_RULE } from '../../derive/rule-ids.js';
import type { FileRule } from '../rule.js';
import { examplePath, exampleSkill } from './example-skill.js';
import { bodyWithInput, reportDerivedProblems } from './input-derived.js';

export const inputAnnotation: FileRule = {
  id: INPUT_RULE.annotation,
  scope: 'file',
  severity: 'error',
  description: 'Inline field annotations are readable and only narrow the field vocabulary.',
  docs: `An annotation in parentheses right after a field's code span sets or narrows the field's schema
for this skill: \`\` - \`duration_s\` (integer, 5..15): clip length in seconds \`\`. Its parts,
separated by commas:

- a type: \`string\`, \`integer\`, \`number\`, \`boolean\`, \`object\`, \`array\`, \`array of <type>\`
  (\`array of\` nests at most 8 levels: \`array of array of string\` is two)
- a range: \`5..15\` (both ends included), \`>= 0\`, \`> 0\`, \`<= 1\`, \`< 1\`
- an enumeration: \`one of "a", "b"\` (JSON values: strings in double quotes, numbers, \`true\`, \`false\`)
- \`url\`: a string that is a URL (JSON Schema format \`uri\`)

When the field is in the vocabulary (\`schemas/input-fields.json\`), the annotation may only narrow
it: the same type, or \`integer\` for a \`number\`; a range inside the vocabulary's range; values the
vocabulary allows. A different type means a different field, so give it another name. Whether a
field is required comes from its section, not from the annotation. Reported at the annotation.
A compatibility alias takes the schema of its field, so annotate the field instead.`,
  examples: [
    {
      title: 'Annotations that narrow the vocabulary',
      files: {
        [examplePath()]: exampleSkill({
          body: bodyWithInput(
            '- `prompt`: what the image should show',
            '- `seed` (integer, 0..9999): fixes the randomness\n- `style` (one of "anime", "photo"): the look\n- `aspect_ratio`: framing such as `16:9`',
          ),
        }),
      },
      expected: [],
    },
    {
      title: 'Annotations that contradict the vocabulary',
      files: {
        [examplePath()]: exampleSkill({
          body: bodyWithInput('- `prompt`: what the image should show', '- `seed` (string): fixes the randomness\n- `strength` (0..2): how far to move away from the source'),
        }),
      },
      expected: [
        `${examplePath()}:20:10 The annotation \`(string)\` of \`seed\` says \`string\`, but the field vocabulary makes the field an integer; an annotation may only narrow the vocabulary's type (\`integer\` narrows \`number\`), so give a field that means something else another name.`,
        `${examplePath()}:21:14 The annotation \`(0..2)\` of \`strength\` allows at least 0 and at most 2, but the field vocabulary allows only at least 0 and at most 1; an annotation may only narrow a range.`,
      ],
    },
    {
      title: 'Annotations that cannot be read',
      files: {
        [examplePath()]: exampleSkill({
          body: bodyWithInput('- `prompt` (optional): what the image should show', '- `seed` (integr, >= 0): fixes the randomness'),
        }),
      },
      expected: [
        `${examplePath()}:16:12 Cannot read the annotation \`(optional)\` of \`prompt\`: \`optional\` is not a type: whether a field is required comes from its section (\`## Required input\` or \`## Optional input\`).`,
        `${examplePath()}:20:10 Cannot read the annotation \`(integr, >= 0)\` of \`seed\`: \`integr\` is not a type, a range such as \`5..15\` or \`>= 0\`, an enumeration such as \`one of "a", "b"\`, or \`url\`. Did you mean \`integer\`?`,
      ],
    },
  ],
  check: reportDerivedProblems(INPUT_RULE.annotation),
};
