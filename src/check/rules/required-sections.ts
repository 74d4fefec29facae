import {
  bodyAnchorRange,
  hasCheckableBody,
  missingSections,
  nearSectionHint,
  nodeRange,
  RECOMMENDED_SECTIONS,
  REQUIRED_SECTIONS,
} from '../body-structure.js';
import { replaceNode } from '../../fix/fix-builders.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';

const titles = REQUIRED_SECTIONS.map((section) => `\`## ${section.title}\``).join(', ');

export const requiredSections: FileRule = {
  id: 'required-sections',
  scope: 'file',
  fixable: true,
  severity: 'error',
  description: 'The body has the sections agents need to run the skill, each once.',
  docs: `Agents run a skill from its SKILL.md alone, and the catalog derives the skill's input and output
schemas from it, so every skill has these \`##\` sections: ${titles}. Headings match
case-insensitively (\`## Required Input\` is fine); a heading read as an input section
(\`## Required inputs\`, \`## Source input\`) is reported by \`input-section\` instead, once. A missing section is reported at the \`#\` title
(or where the body begins), with the nearest heading when one looks like a misspelling. A catalog
section (these, or a recommended one) that appears twice is reported at its second heading: an
agent would read only one of them.`,
  examples: [
    { title: 'All sections present', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'Headings in another case',
      files: { [examplePath()]: exampleSkill({ body: EXAMPLE_BODY.replace('## Command pattern', '## COMMAND PATTERN') }) },
      expected: [],
    },
    {
      title: 'A misspelt section and a missing one',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('## Command pattern', '## Comand patern').replace('## Output handling\n\n- read `job_id` and `artifact_ids`\n\n', ''),
        }),
      },
      expected: [
        `${examplePath()}:12:1 Required section \`## Command pattern\` is missing: agents copy the \`popiart\` command from it. \`## Comand patern\` on line 27 looks like it: rename it.`,
        `${examplePath()}:12:1 Required section \`## Output handling\` is missing: agents learn from it what a run returns.`,
      ],
    },
    {
      title: 'A section written twice',
      files: { [examplePath()]: exampleSkill({ body: `${EXAMPLE_BODY}\n## Workflow\n\n1. Check the result.\n` }) },
      expected: [`${examplePath()}:50:1 Section \`## Workflow\` appears twice (first on line 22): merge the two into one.`],
    },
  ],
  check({ doc, report }) {
    if (!hasCheckableBody(doc)) return;
    for (const { section, near } of missingSections(doc, REQUIRED_SECTIONS)) {
      report(
        bodyAnchorRange(doc),
        `Required section \`## ${section.title}\` is missing: ${section.purpose}.${nearSectionHint(doc, near)}`,
        near ? replaceNode(near.heading, `${'#'.repeat(near.heading.depth)} ${section.title}`) : undefined,
      );
    }
    const catalogKeys = new Set([...REQUIRED_SECTIONS, ...RECOMMENDED_SECTIONS].map((section) => section.key));
    const firstLine = new Map<string, number>();
    for (const section of doc.sections) {
      if (!catalogKeys.has(section.key)) continue;
      const range = nodeRange(doc, section.heading);
      const first = firstLine.get(section.key);
      if (first === undefined) firstLine.set(section.key, range.start.line);
      else report(range, `Section \`## ${section.title}\` appears twice (first on line ${first}): merge the two into one.`);
    }
  },
};
