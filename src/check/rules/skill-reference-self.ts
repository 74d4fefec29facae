import { skillIdOf } from '../references/catalog-index.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, EXAMPLE_ID, examplePath, exampleSkill } from './example-skill.js';

export const skillReferenceSelf: FileRule = {
  id: 'skill-reference-self',
  scope: 'file',
  severity: 'warning',
  description: 'A "switch to <skill>" sentence points to another skill, not to the skill itself.',
  docs: `"Switch to \`<id>\`" sends the agent away from this skill to a better one. Pointing it at the skill's
own id is a loop, usually left over when a skill was copied and renamed: name the skill the reader
should switch to. Other mentions of the skill's own id, such as its \`popiart run\` command, are fine.`,
  examples: [
    { title: 'No switch to itself', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'A switch that points back at the skill',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('- Keep prompts short.', `- If the result needs another style, switch to\n  \`${EXAMPLE_ID}\`.`),
        }),
      },
      expected: [`${examplePath()}:49:4 This sentence says to switch to \`${EXAMPLE_ID}\`, which is this skill itself: name the skill to switch to.`],
    },
  ],
  check({ analysis, report }) {
    const own = skillIdOf(analysis);
    for (const reference of analysis.facts.references ?? []) {
      if (reference.kind !== 'switch' || reference.id !== own) continue;
      report(reference.range, `This sentence says to switch to \`${reference.id}\`, which is this skill itself: name the skill to switch to.`);
    }
  },
};
