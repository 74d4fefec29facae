import { reportCommandFindings } from '../commands/command-rule.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';

export const cliUnknownFlag: FileRule = {
  id: 'cli-unknown-flag',
  scope: 'file',
  severity: 'error',
  description: 'Every flag of a `popiart` command in an example is a flag of that command or a global flag.',
  docs: `Each flag of a \`popiart\` command must be one of that command's flags, long or short, or a global
flag (\`--endpoint\`, \`--project\`, \`--output\`, \`--plain\`, \`--non-interactive\`, \`--quiet\`, \`--yes\`,
\`--dry-run\`, \`--async\`, \`--no-color\`), as listed in \`schemas/popiart-cli.json\`. An unknown flag
is reported at the flag, with the closest known one. After an unknown flag the command's arguments
are not counted, since it is unclear whether that flag takes a value.`,
  examples: [
    { title: 'The example commands', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'Two misspelt flags',
      files: {
        [examplePath()]: exampleSkill({ body: EXAMPLE_BODY.replace('--input @params.json --wait', '--inptu @params.json --wiat') }),
      },
      expected: [
        `${examplePath()}:30:48 \`--inptu\` is not a flag of \`popiart run\`. Did you mean \`--input\`?`,
        `${examplePath()}:30:69 \`--wiat\` is not a flag of \`popiart run\`. Did you mean \`--wait\`?`,
      ],
    },
  ],
  check: reportCommandFindings('unknown-flag'),
};
