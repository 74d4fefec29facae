import { frontMatterRange } from '../../parse/skill-document.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_FRONT_MATTER, examplePath, exampleSkill } from './example-skill.js';

/** The Agent Skills limit: agents load every skill's description up front. */
export const MAX_DESCRIPTION_LENGTH = 1024;

const EXAMPLE_DESCRIPTION = 'description: Generate one image from a text prompt. Use it for quick concept frames.';
const LONG_DESCRIPTION = 'Generate one image from a text prompt. '.repeat(27).trim();

function withDescription(line: string): Record<string, string> {
  return { [examplePath()]: exampleSkill({ frontMatter: EXAMPLE_FRONT_MATTER.replace(EXAMPLE_DESCRIPTION, line) }) };
}

export const descriptionLength: FileRule = {
  id: 'description-length',
  scope: 'file',
  severity: 'error',
  description: `\`description\` is not blank and at most ${MAX_DESCRIPTION_LENGTH} characters.`,
  docs: `Agents choose a skill by its \`description\`: they read every skill's description before they
open any SKILL.md. So it must say what the skill does and when to use it, and stay within
${MAX_DESCRIPTION_LENGTH} characters (the Agent Skills limit; characters are counted as Unicode code
points). Put details in the body. Reported at the value of \`description\`.`,
  examples: [
    { title: 'One or two sentences', files: withDescription(EXAMPLE_DESCRIPTION), expected: [] },
    {
      title: 'Only white space',
      files: withDescription("description: '  '"),
      expected: [`${examplePath()}:3:14 \`description\` is blank: say what the skill does and when to use it.`],
    },
    {
      title: 'Far too long',
      files: withDescription(`description: ${LONG_DESCRIPTION}`),
      expected: [
        `${examplePath()}:3:14 \`description\` is ${LONG_DESCRIPTION.length} characters long; at most ${MAX_DESCRIPTION_LENGTH} are allowed: move details into the body.`,
      ],
    },
  ],
  check({ doc, report }) {
    const description = doc.frontMatter?.data?.['description'];
    if (typeof description !== 'string') return;
    const length = [...description].length;
    if (description.trim() === '') {
      report(frontMatterRange(doc, ['description'], 'value'), '`description` is blank: say what the skill does and when to use it.');
    } else if (length > MAX_DESCRIPTION_LENGTH) {
      report(
        frontMatterRange(doc, ['description'], 'value'),
        `\`description\` is ${length} characters long; at most ${MAX_DESCRIPTION_LENGTH} are allowed: move details into the body.`,
      );
    }
  },
};
