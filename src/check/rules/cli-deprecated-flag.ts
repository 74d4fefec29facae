import { reportCommandFindings } from '../commands/command-rule.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';

export const cliDeprecatedFlag: FileRule = {
  id: 'cli-deprecated-flag',
  scope: 'file',
  severity: 'warning',
  description: 'Flags of `popiart` commands in examples are not deprecated ones; the message names the replacement.',
  docs: `The popiart CLI still accepts a deprecated flag but prints a warning, and a later version may drop
it: an example that teaches it teaches agents a dying habit. Each deprecated flag is reported at the
flag, with the flag to use instead when the CLI names one: \`--skill-type\` on \`popiart models routes\`
and \`popiart models route-override list|set|unset\` is deprecated in favour of \`--route\`. Which flags
are deprecated comes from the CLI itself (\`deprecated\` in \`schemas/popiart-cli.json\`, refreshed
with \`npm run cli-surface\`). Shell blocks and code spans in prose are both checked.`,
  examples: [
    { title: 'The example commands', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'The replacement flag',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('- Keep prompts short.', '- See the model a route uses with `popiart models routes --route image`.'),
        }),
      },
      expected: [],
    },
    {
      title: 'A deprecated flag in prose',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('- Keep prompts short.', '- See the model a route uses with `popiart models routes --skill-type image`.'),
        }),
      },
      expected: [`${examplePath()}:48:58 \`--skill-type\` is deprecated: use \`--route\` instead.`],
    },
  ],
  check: reportCommandFindings('deprecated-flag'),
};
