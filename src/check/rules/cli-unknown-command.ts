import { reportCommandFindings } from '../commands/command-rule.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';

export const cliUnknownCommand: FileRule = {
  id: 'cli-unknown-command',
  scope: 'file',
  severity: 'error',
  description: 'Every `popiart` command in an example is a command of the popiart CLI (schemas/popiart-cli.json).',
  docs: `Each \`popiart\` command in a shell block or a \`popiart ...\` code span must name a command of the
popiart CLI, as the CLI itself describes them (\`schemas/popiart-cli.json\`, generated from
\`popiart export-schema\` by \`npm run cli-surface\`): \`run\`, \`jobs get\`, \`artifacts pull\`,
\`skills list\`, \`image generate\`, \`auth key set\` and so on. Aliases are the same command
(\`auth token set\` is \`auth key set\`, \`video dreamactor\` is \`video action-transfer\`). A misspelt
subcommand is reported at the word, with the closest command or the list of what exists there.

A command group without its subcommand (\`popiart artifacts\`) does nothing, so in a shell block or
the \`## Command pattern\` section it is reported at the group's word, unless it asks for help
(\`popiart --help\`, \`popiart jobs -h\`, \`popiart --version\`). A code span in running prose only
mentions a command, and may name a group ("the \`popiart jobs\` commands"). A subcommand written as
a placeholder or a variable (\`popiart <command>\`, \`popiart {command}\`, \`popiart $COMMAND\`) is not
checked.`,
  examples: [
    { title: 'The example commands', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'Help, an alias, a mentioned group and a placeholder',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace(
            '- Keep prompts short.',
            '- The `popiart jobs` commands follow a run; `popiart <command> --help` explains each.\n\n```sh\npopiart --help\npopiart auth token set "$POPIART_KEY"\n```',
          ),
        }),
      },
      expected: [],
    },
    {
      title: 'A misspelt subcommand in prose',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('- Keep prompts short.', '- Check on the job with `popiart jobs stauts <job-id>`.'),
        }),
      },
      expected: [
        `${examplePath()}:48:39 \`popiart jobs stauts\` is not a popiart command. \`popiart jobs\` has \`cancel\`, \`get\`, \`list\`, \`logs\` or \`wait\`.`,
      ],
    },
    {
      title: 'A near miss, and a group without its subcommand in a shell block',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('- Keep prompts short.', '- Save results with `popiart artifacts pul <artifact-id>`.\n\n```sh\npopiart artifacts\n```'),
        }),
      },
      expected: [
        `${examplePath()}:48:40 \`popiart artifacts pul\` is not a popiart command. Did you mean \`popiart artifacts pull\`?`,
        `${examplePath()}:51:9 \`popiart artifacts\` needs a subcommand: \`get\`, \`list\`, \`pull\`, \`pull-all\` or \`upload\`.`,
      ],
    },
  ],
  check: reportCommandFindings('unknown-command'),
};
