import { INPUT_RULE } from '../../derive/rule-ids.js';
import type { FileRule } from '../rule.js';
import { examplePath, exampleSkill } from './example-skill.js';
import { bodyWithGuidance, reportDerivedProblems } from './input-derived.js';

export const inputAliasUnknown: FileRule = {
  id: INPUT_RULE.aliasUnknown,
  scope: 'file',
  severity: 'error',
  description: 'A compatibility alias stands for an input field that the skill lists.',
  docs: `A sentence anywhere in the body of the form \`\` \`X\` is a compatibility alias for \`Y\` \`\` (or
\`\` \`X\` and \`Z\` are compatibility aliases for \`Y\` \`\`) makes \`X\` an old name of \`Y\`: the
derived input schema accepts \`X\` with \`Y\`'s schema, marked \`deprecated\`, and \`X\` satisfies
whatever \`Y\` satisfies (a group, or \`Y\` being required).

\`Y\` must be a field that \`## Required input\` or \`## Optional input\` lists, and not an alias
itself. Reported at \`Y\`'s code span, with the closest listed field when one is near.`,
  examples: [
    {
      title: 'An alias of a listed field',
      files: { [examplePath()]: exampleSkill({ body: bodyWithGuidance('`ratio` is a compatibility alias for `aspect_ratio`.') }) },
      expected: [],
    },
    {
      title: 'An alias of a misspelt field, and an alias of an alias',
      files: {
        [examplePath()]: exampleSkill({
          body: bodyWithGuidance(
            '`ratio` is a compatibility alias for `aspect_ration`.',
            '`text` is a compatibility alias for `prompt`.',
            '`caption` and `words` are compatibility aliases for `text`.',
          ),
        }),
      },
      expected: [
        `${examplePath()}:49:40 \`aspect_ration\` is not an input field of this skill, so \`ratio\` cannot be its compatibility alias: list \`aspect_ration\` under \`## Required input\` or \`## Optional input\`, or correct the name. Did you mean \`aspect_ratio\`?`,
        `${examplePath()}:51:55 \`text\` is itself a compatibility alias for \`prompt\`: make \`caption\` an alias for \`prompt\`.`,
        `${examplePath()}:51:55 \`text\` is itself a compatibility alias for \`prompt\`: make \`words\` an alias for \`prompt\`.`,
      ],
    },
  ],
  check: reportDerivedProblems(INPUT_RULE.aliasUnknown),
};
