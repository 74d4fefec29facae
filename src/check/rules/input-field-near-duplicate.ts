import { INPUT_RULE } from '../../derive/rule-ids.js';
import type { FileRule } from '../rule.js';
import { nearDuplicateOf } from '../vocabulary-hygiene.js';
import { examplePath, exampleSkill } from './example-skill.js';
import { bodyWithInput } from './input-derived.js';

export const inputFieldNearDuplicate: FileRule = {
  id: 'input-field-near-duplicate',
  scope: 'file',
  severity: 'warning',
  description: 'A new input field does not nearly repeat a field the vocabulary already has.',
  docs: `The field vocabulary gives each name one meaning across the catalog, so agents can fill the
same field the same way for every skill. A field the vocabulary does not know, typed inline, that
nearly repeats a known one (\`sample_rate\` beside \`sample_rate_hz\`, \`resolution\` beside \`size\`,
\`aspectratio\` beside \`aspect_ratio\`) splits that meaning in two. Use the existing field when it
means the same; otherwise pick a name that says the difference. Reported at the field's code span.
A field without a type is reported by \`input-field-unknown\` instead, which suggests the closest name.`,
  examples: [
    {
      title: 'A new field with its own name',
      files: { [examplePath()]: exampleSkill({ body: bodyWithInput('- `prompt`: what the image should show', '- `lens_mm` (integer, 10..200): focal length') }) },
      expected: [],
    },
    {
      title: 'New fields that repeat vocabulary fields',
      files: {
        [examplePath()]: exampleSkill({
          body: bodyWithInput(
            '- `prompt`: what the image should show',
            '- `sample_rate` (integer): output sample rate\n- `resolution` (string): output size',
          ),
        }),
      },
      expected: [
        `${examplePath()}:20:3 \`sample_rate\` is not in the field vocabulary but nearly repeats its \`sample_rate_hz\`: use \`sample_rate_hz\` if it means the same, or pick a name that says the difference.`,
        `${examplePath()}:21:3 \`resolution\` is not in the field vocabulary but nearly repeats its \`size\`: use \`size\` if it means the same, or pick a name that says the difference.`,
      ],
    },
  ],
  check({ analysis, env, report }) {
    const derived = analysis.derived;
    if (!derived) return;
    const untyped = new Set(
      derived.problems.filter((problem) => problem.ruleId === INPUT_RULE.fieldUnknown).map((problem) => `${problem.range.start.line}:${problem.range.start.column}`),
    );
    for (const field of derived.fields) {
      if (field.aliasOf !== undefined || env.vocabulary.input.has(field.name)) continue;
      if (untyped.has(`${field.range.start.line}:${field.range.start.column}`)) continue;
      const existing = nearDuplicateOf(field.name, env.vocabulary.input.keys());
      if (existing === undefined) continue;
      report(
        field.range,
        `\`${field.name}\` is not in the field vocabulary but nearly repeats its \`${existing}\`: use \`${existing}\` if it means the same, or pick a name that says the difference.`,
      );
    }
  },
};
