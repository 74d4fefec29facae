import { reportCommandFindings } from '../commands/command-rule.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';

export const cliUnknownCommand: FileRule = {
  id: 'cli-unknown-command',
  scope: 'file',
  severity: 'error',
  description: 'Every `popiart` command in an example is a command of the popiart CLI (schemas/popiart-cli.json).',
  docs: `Each \`popiart\` command in a shell block or a \`popiart ...\` code span must name a command of the
popiart CLI as described in \`schemas/popiart-cli.json\`: \`run\`, \`jobs get|wait|list|cancel|logs\`,
\`artifacts list|get|pull|pull-all|upload\`, \`skills list|get|schema\` and
\`auth login|whoami|logout|key show\`. A misspelt subcommand is reported at the word, with the closest
command or the list of what exists there; a command group without its subcommand at the group's
word. A subcommand hidden behind a variable or a placeholder is not checked.`,
  examples: [
    { title: 'The example commands', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'A misspelt subcommand in prose',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('- Keep prompts short.', '- Check on the job with `popiart jobs stauts <job-id>`.'),
        }),
      },
      expected: [
        `${examplePath()}:48:39 \`popiart jobs stauts\` is not a popiart command. \`popiart jobs\` has \`get\`, \`wait\`, \`list\`, \`cancel\` or \`logs\`.`,
      ],
    },
    {
      title: 'A near miss, and a group without its subcommand',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('- Keep prompts short.', '- Save results with `popiart artifacts pul <artifact-id>`, or see `popiart artifacts`.'),
        }),
      },
      expected: [
        `${examplePath()}:48:40 \`popiart artifacts pul\` is not a popiart command. Did you mean \`popiart artifacts pull\`?`,
        `${examplePath()}:48:76 \`popiart artifacts\` needs a subcommand: \`list\`, \`get\`, \`pull\`, \`pull-all\` or \`upload\`.`,
      ],
    },
  ],
  check: reportCommandFindings('unknown-command'),
};
