import { reportCommandFindings } from '../commands/command-rule.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';

export const cliArguments: FileRule = {
  id: 'cli-arguments',
  scope: 'file',
  severity: 'error',
  description: 'Every `popiart` command in an example has the positional arguments its command takes.',
  docs: `Each \`popiart\` command gets the positional arguments its command takes: \`run <skill-id>\`,
\`jobs get <job-id>\`, \`artifacts pull <artifact-id>\`, \`artifacts upload <path>\` and so on (see
\`schemas/popiart-cli.json\`). A missing argument is reported at the command's last word, an extra
one where it stands. Placeholders such as \`<job-id>\` and shell variables count as one argument
each; \`$@\` and \`\${args[@]}\` may stand for any number, so a command that uses one is not counted.`,
  examples: [
    { title: 'The example commands', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'A missing artifact id and an extra job id',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('- Keep prompts short.', '- Save results with `popiart artifacts pull` or `popiart jobs get <job-id> <job-id>`.'),
        }),
      },
      expected: [
        `${examplePath()}:48:40 \`popiart artifacts pull\` needs <artifact-id>.`,
        `${examplePath()}:48:76 Unexpected argument: \`popiart jobs get\` takes only <job-id>.`,
      ],
    },
  ],
  check: reportCommandFindings('arguments'),
};
