import { INPUT_RULE } from '../../derive/rule-ids.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';
import { reportDerivedProblems } from './input-derived.js';

export const inputSection: FileRule = {
  id: INPUT_RULE.section,
  scope: 'file',
  fixable: true,
  severity: 'error',
  description: 'Input fields are listed under `## Required input` and `## Optional input`, headed exactly so, and `## Required input` lists fields.',
  docs: `Only two sections define a skill's input: \`## Required input\` and \`## Optional input\`, the
headings agents and the catalog look for. A heading that plainly means one of them is read as that
section and reported once, at the heading, so that nothing else piles up on it (its fields are
not later called "not an input of this skill"):

- a plural or a synonym (\`## Required inputs\`, \`## Optional parameters\`, \`## Inputs (required)\`)
  is read as the section it names;
- \`## Inputs\` or \`## Parameters\` does not say which fields are required: it is read as
  \`## Required input\` (as \`## Optional input\` when the skill also has a required section);
- \`## Source input\` (\`## Sources\`, \`## Image source\`) lists alternative sources: its fields
  are read as one "at least one of" group of \`## Required input\`. Write that group under
  \`## Required input\` as \`- one source:\` with the fields nested below it.

Where the reading is a guess (the last two), the payload templates and examples are not checked
against the schema until the heading is fixed (see "The contract between rules" in the README).
Another heading ending in "input" that lists fields is not read: its fields are not part of the
skill's input. \`## Required input\` without a list of fields leaves the contract empty: list the
fields a run needs. (\`## Optional input\` may hold prose only, such as "None.")`,
  examples: [
    { title: 'Both sections list fields', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'A plural heading, read as the section it names',
      files: { [examplePath()]: exampleSkill({ body: EXAMPLE_BODY.replace('## Required input', '## Required inputs') }) },
      expected: [
        `${examplePath()}:14:1 \`## Required inputs\` is read as \`## Required input\`: rename it to \`## Required input\`, the heading agents and the catalog look for.`,
      ],
    },
    {
      title: 'Sources listed under their own heading, read as a required group',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace(
            '## Optional input',
            '## Source input\n\nPrefer one source:\n\n- `source_artifact_id`: a PopiArt artifact\n- `image_url`: a stable image URL\n\n## Optional input',
          ),
        }),
      },
      expected: [
        `${examplePath()}:18:1 \`## Source input\` is read as a group of \`## Required input\` (a run needs one of \`source_artifact_id\` or \`image_url\`): move it there as \`- one source:\` with the fields nested below it.`,
      ],
    },
    {
      title: 'Fields under a heading that is no input section, and an empty required section',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('- `prompt`: what the image should show', 'The prompt is described below.').replace(
            '## Optional input',
            '## Style input\n\n- `style`: the look to aim for\n\n## Optional input',
          ),
        }),
      },
      expected: [
        `${examplePath()}:14:1 \`## Required input\` lists no fields: list each field a run needs as \`\` - \`name\`: description \`\`, and a choice between fields as a group (\`- one of:\` with the fields nested below it).`,
        `${examplePath()}:18:1 \`## Style input\` is not an input section, so the fields it lists are not part of the skill's input. List them under \`## Required input\` (a choice between fields as a group: \`- one of:\` with the fields nested below it) or \`## Optional input\`.`,
      ],
    },
  ],
  check: reportDerivedProblems(INPUT_RULE.section),
};
