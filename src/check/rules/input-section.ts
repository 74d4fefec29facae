import { INPUT_RULE } from '../../derive/rule-ids.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';
import { reportDerivedProblems } from './input-derived.js';

export const inputSection: FileRule = {
  id: INPUT_RULE.section,
  scope: 'file',
  severity: 'error',
  description: 'Input fields are listed under `## Required input` or `## Optional input`, and those sections list fields.',
  docs: `Only two sections define a skill's input: \`## Required input\` and \`## Optional input\`. Fields
listed under any other \`## ... input\` heading (such as \`## Source input\`) are not part of the
derived input schema, so a payload that uses them is rejected. Move them: a choice between sources
is a group under \`## Required input\` (\`- one image source:\` with the fields nested below it).

\`## Required input\` without a list of fields leaves the contract empty: list the fields a run needs.
(\`## Optional input\` may hold prose only, such as "None.") Reported at the heading.`,
  examples: [
    { title: 'Both sections list fields', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'Fields under another heading, and an empty required section',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('- `prompt`: what the image should show', 'The prompt is described below.').replace(
            '## Optional input',
            '## Source input\n\n- `image_url`: the picture to start from\n\n## Optional input',
          ),
        }),
      },
      expected: [
        `${examplePath()}:14:1 \`## Required input\` lists no fields: list each field a run needs as \`\` - \`name\`: description \`\`, and a choice between fields as a group (\`- one of:\` with the fields nested below it).`,
        `${examplePath()}:18:1 \`## Source input\` is not an input section, so the fields it lists are not part of the skill's input. List them under \`## Required input\` (a choice between fields as a group: \`- one of:\` with the fields nested below it) or \`## Optional input\`.`,
      ],
    },
  ],
  check: reportDerivedProblems(INPUT_RULE.section),
};
