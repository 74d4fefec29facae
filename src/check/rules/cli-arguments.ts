import { reportCommandFindings } from '../commands/command-rule.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';

export const cliArguments: FileRule = {
  id: 'cli-arguments',
  scope: 'file',
  severity: 'error',
  description: 'Every `popiart` command run in an example has the positional arguments and required flags its command takes.',
  docs: `A \`popiart\` command in a shell block or in the \`## Command pattern\` section is a command to run, so
it gets the positional arguments its command takes, as the CLI counts them (\`schemas/popiart-cli.json\`):
\`run <skill-id>\`, \`jobs get <task-id>\`, \`artifacts pull <artifact-id>\`, \`auth key set <key>\`;
optional ones such as \`image [prompt]\` or \`artifacts list [job-id]\` may be left out. It also gets
the flags its command requires (\`models route-override set\` needs \`--model\` and \`--project\`).
A missing argument or required flag is reported at the command's last word, an extra argument where
it stands. \`-h\`/\`--help\` (and \`--version\` on \`popiart\` itself) asks for help: nothing else is needed.

A code span in running prose ("pull outputs with \`popiart artifacts pull\`") mentions a command
rather than runs it: its arguments and required flags are not demanded, but one argument too many
is still reported.

A placeholder (\`<task-id>\`, \`{skill_id}\`) or a shell variable counts as one argument; \`...\`,
\`[options]\`, \`$@\` and \`\${args[@]}\` may stand for any number, so a command that uses one is not
counted.`,
  examples: [
    { title: 'The example commands', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'Mentions in prose, an optional argument, help and an elision',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace(
            '- Keep prompts short.',
            '- Pull outputs with `popiart artifacts pull`.\n\n```sh\npopiart artifacts list\npopiart run --help\npopiart run ...\n```',
          ),
        }),
      },
      expected: [],
    },
    {
      title: 'An extra job id in prose; a missing artifact id and required flags in a shell block',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace(
            '- Keep prompts short.',
            '- Check on it with `popiart jobs get <job-id> <job-id>`.\n\n```sh\npopiart artifacts pull\npopiart models route-override set --route image\n```',
          ),
        }),
      },
      expected: [
        `${examplePath()}:48:47 Unexpected argument: \`popiart jobs get\` takes only <task-id>.`,
        `${examplePath()}:51:19 \`popiart artifacts pull\` needs <artifact-id>.`,
        `${examplePath()}:52:31 \`popiart models route-override set\` needs the flags \`--model\` and \`--project\`.`,
      ],
    },
  ],
  check: reportCommandFindings('arguments'),
};
