import { bodyAnchorRange, hasCheckableBody, missingSections, nearSectionHint, RECOMMENDED_SECTIONS } from '../body-structure.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';

const titles = RECOMMENDED_SECTIONS.map((section) => `\`## ${section.title}\``).join(', ');

export const recommendedSections: FileRule = {
  id: 'recommended-sections',
  scope: 'file',
  severity: 'warning',
  description: 'The body has the recommended sections: optional input, workflow, operating guidance.',
  docs: `Besides the required sections, a good SKILL.md has ${titles}: they tell an agent which inputs
it may add, in which order to work, and what to avoid. A skill can run without them, so a missing
one is a warning, reported at the \`#\` title (or where the body begins). Headings match
case-insensitively.`,
  examples: [
    { title: 'All recommended sections present', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'No workflow and no operating guidance',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('## Workflow\n\n1. Build the payload.\n2. Run the skill and wait for the job.\n\n', '').replace(
            '\n## Operating guidance\n\n- Keep prompts short.\n',
            '',
          ),
        }),
      },
      expected: [
        `${examplePath()}:12:1 Recommended section \`## Operating guidance\` is missing: agents learn from it what to do and what to avoid.`,
        `${examplePath()}:12:1 Recommended section \`## Workflow\` is missing: agents follow its steps.`,
      ],
    },
  ],
  check({ doc, report }) {
    if (!hasCheckableBody(doc)) return;
    for (const { section, near } of missingSections(doc, RECOMMENDED_SECTIONS)) {
      report(bodyAnchorRange(doc), `Recommended section \`## ${section.title}\` is missing: ${section.purpose}.${nearSectionHint(doc, near)}`);
    }
  },
};
