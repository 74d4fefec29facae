import { reportCommandFindings } from '../commands/command-rule.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';

export const cliFlagValue: FileRule = {
  id: 'cli-flag-value',
  scope: 'file',
  severity: 'error',
  description: 'Flags of `popiart` commands have a value when they take one, and a valid one where the choices are fixed.',
  docs: `A flag that takes a value must have one (\`--flag value\` or \`--flag=value\`). A switch such as
\`--wait\` takes none; the CLI accepts at most \`--wait=true\` or \`--wait=false\`. A flag with fixed
choices must use one of them: \`--priority\` (low, normal, high), \`--status\` (pending, running,
done, failed, cancelled), \`--role\` (source, mask, reference), \`--visibility\` (private,
unlisted, public), \`--output\` (json, plain). Whole-number flags (\`--frames\`, \`--bpm\`) and number
flags (\`--duration\`, \`--strength\`) take numbers; \`--interval\` and \`--limit\` take text in the CLI
and are not checked. \`--input\` takes inline JSON, \`@file.json\` or \`-\` for standard input. Types
and choices come from the CLI itself (\`schemas/popiart-cli.json\`). Placeholders (\`<priority>\`,
\`{priority}\`) and shell variables are accepted as values.`,
  examples: [
    { title: 'The example commands', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'An input file without @ and a priority that does not exist',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('--input @params.json --wait', '--input params.json --wait --priority urgent'),
        }),
      },
      expected: [
        `${examplePath()}:30:56 \`--input\` takes inline JSON, \`@file.json\` or \`-\` (standard input), got "params.json". Did you mean \`@params.json\`?`,
        `${examplePath()}:30:86 \`--priority\` must be one of \`low\`, \`normal\` or \`high\`, got "urgent".`,
      ],
    },
    {
      title: 'A misspelt role, and a value for a flag that takes none',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('- Keep prompts short.', '- Upload a source first: `popiart artifacts upload ./in.png --role=sorce --async=yes`.'),
        }),
      },
      expected: [
        `${examplePath()}:48:68 \`--role\` must be one of \`source\`, \`mask\` or \`reference\`, got "sorce". Did you mean \`source\`?`,
        `${examplePath()}:48:82 \`--async\` takes no value (at most \`=true\` or \`=false\`), got "yes".`,
      ],
    },
  ],
  check: reportCommandFindings('flag-value'),
};
