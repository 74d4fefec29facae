import { reportCommandFindings } from '../commands/command-rule.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';

export const cliUnknownFlag: FileRule = {
  id: 'cli-unknown-flag',
  scope: 'file',
  severity: 'error',
  description: 'Every flag of a `popiart` command in an example is a flag of that command or a global flag.',
  docs: `Each flag of a \`popiart\` command must be one of that command's flags, long or short, or a global
flag, which every command accepts before or after its subcommand: \`--endpoint\`, \`--project\`,
\`--output\`, \`--plain\`, \`--non-interactive\`, \`--quiet\`, \`--yes\`, \`--dry-run\`, \`--async\`,
\`--no-color\`, and \`-h\`/\`--help\`. \`-v\`/\`--version\` belongs to \`popiart\` itself only. Hidden flags
(accepted by the CLI, left out of its help, such as \`auth login --token\`) are accepted but never
suggested. Shorthands may run together as the CLI reads them (\`-wi @params.json\` is \`-w -i @params.json\`;
an unknown one is reported by its letter). The flags come from the CLI itself (\`schemas/popiart-cli.json\`, refreshed with
\`npm run cli-surface\`).

An unknown flag is reported at the flag, with the closest known one. After an unknown flag the
command's arguments are not counted, since it is unclear whether that flag takes a value.`,
  examples: [
    { title: 'The example commands', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'Global flags on a subcommand, a hidden flag, and help',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('--input @params.json --wait', '--input @params.json --wait --quiet --output json').replace(
            '- Keep prompts short.',
            '- Sign in with `popiart auth login --token "$POPIART_KEY"`; `popiart run -h` lists the flags.',
          ),
        }),
      },
      expected: [],
    },
    {
      title: 'Two misspelt flags, and --version on a subcommand',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('--input @params.json --wait', '--inptu @params.json --wiat').replace(
            '- Keep prompts short.',
            '- Print the version with `popiart run --version`.',
          ),
        }),
      },
      expected: [
        `${examplePath()}:30:48 \`--inptu\` is not a flag of \`popiart run\`. Did you mean \`--input\`?`,
        `${examplePath()}:30:69 \`--wiat\` is not a flag of \`popiart run\`. Did you mean \`--wait\`?`,
        `${examplePath()}:48:39 \`--version\` is not a flag of \`popiart run\`.`,
      ],
    },
  ],
  check: reportCommandFindings('unknown-flag'),
};
