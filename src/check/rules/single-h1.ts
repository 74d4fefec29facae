import { headingText } from '../../parse/sections.js';
import { bodyStartRange, h1Headings, hasCheckableBody, nodeRange } from '../body-structure.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';

export const singleH1: FileRule = {
  id: 'single-h1',
  scope: 'file',
  severity: 'error',
  description: 'The body has exactly one `#` heading: the skill title.',
  docs: `The body opens with one \`# Title\`, the skill's name for people; everything else is a \`##\`
section. A body without a title is reported where the body begins (just after the front matter);
each further \`#\` heading is reported where it stands, since agents and the catalog take the first
one as the title and would misread the sections after a second one. A \`#\` line inside a code
block is a shell comment, not a heading, and does not count.`,
  examples: [
    { title: 'One title, then sections', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'No title',
      files: { [examplePath()]: exampleSkill({ body: EXAMPLE_BODY.replace('# Demo Text To Image\n\n', '') }) },
      expected: [`${examplePath()}:11:1 The body has no \`#\` title: add one \`# Title\` line before the first section.`],
    },
    {
      title: 'A second title where a section was meant',
      files: { [examplePath()]: exampleSkill({ body: EXAMPLE_BODY.replace('## Workflow', '# Workflow') }) },
      expected: [`${examplePath()}:22:1 Another \`#\` heading (\`# Workflow\`) after the title on line 12: a SKILL.md has one title; make this a \`##\` section.`],
    },
  ],
  check({ doc, report }) {
    if (!hasCheckableBody(doc)) return;
    const [first, ...extra] = h1Headings(doc);
    if (!first) {
      report(bodyStartRange(doc), 'The body has no `#` title: add one `# Title` line before the first section.');
      return;
    }
    const titleLine = nodeRange(doc, first).start.line;
    for (const heading of extra) {
      report(nodeRange(doc, heading), `Another \`#\` heading (\`# ${headingText(heading)}\`) after the title on line ${titleLine}: a SKILL.md has one title; make this a \`##\` section.`);
    }
  },
};
