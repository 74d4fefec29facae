import { INPUT_RULE } from '../../derive/rule-ids.js';
import type { FileRule } from '../rule.js';
import { examplePath, exampleSkill } from './example-skill.js';
import { bodyWithInput, reportDerivedProblems } from './input-derived.js';

export const inputFieldUnknown: FileRule = {
  id: INPUT_RULE.fieldUnknown,
  scope: 'file',
  severity: 'error',
  description: 'Every input field has a type, from the field vocabulary or an inline annotation.',
  docs: `A field's type comes from the catalog's field vocabulary, \`schemas/input-fields.json\`, which
gives each field name one meaning (type, constraints, description) across all skills. A field that
is not in the vocabulary needs its type written after its code span, in parentheses:
\`\` - \`lens_mm\` (integer, 10..200): focal length in millimetres \`\`.

Fix it either way: add the field to \`schemas/input-fields.json\` (or to the catalog's own
\`schemas/input-fields.json\` when validating with \`--root\`) when other skills may use it too, or
annotate it in this skill. A misspelt name gets a suggestion. Reported at the field's code span.`,
  examples: [
    {
      title: 'Vocabulary fields, and a new field with an inline type',
      files: {
        [examplePath()]: exampleSkill({
          body: bodyWithInput('- `prompt`: what the image should show', '- `lens_mm` (integer, 10..200): focal length in millimetres'),
        }),
      },
      expected: [],
    },
    {
      title: 'A misspelt field and a new field without a type',
      files: {
        [examplePath()]: exampleSkill({
          body: bodyWithInput('- `promt`: what the image should show', '- `lens_mm`: focal length in millimetres'),
        }),
      },
      expected: [
        `${examplePath()}:16:3 \`promt\` has no type: it is not in the field vocabulary (schemas/input-fields.json) and has no inline type. Add it to the vocabulary (the input part of schemas/input-fields.json, or of a catalog vocabulary read with --root or named by the vocabulary key of skillhub.config.json), or give its type here, such as \`\` \`promt\` (string): description \`\`. Did you mean \`prompt\`?`,
        `${examplePath()}:20:3 \`lens_mm\` has no type: it is not in the field vocabulary (schemas/input-fields.json) and has no inline type. Add it to the vocabulary (the input part of schemas/input-fields.json, or of a catalog vocabulary read with --root or named by the vocabulary key of skillhub.config.json), or give its type here, such as \`\` \`lens_mm\` (string): description \`\`.`,
      ],
    },
  ],
  check: reportDerivedProblems(INPUT_RULE.fieldUnknown),
};
