import path from 'node:path';
import { FILE_START } from '../../core/diagnostic.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_ID, examplePath, exampleSkill } from './example-skill.js';

const EXPECTED = 'SKILL.md';

export const skillFileName: FileRule = {
  id: 'skill-file-name',
  scope: 'file',
  severity: 'error',
  description: 'A skill file is named exactly `SKILL.md`, in capitals.',
  docs: `The catalog, the published index and the Agent Skills loaders look for \`SKILL.md\` and nothing
else; on a case-sensitive file system a \`skill.md\` or \`Skill.md\` is simply not found, so the skill
would silently drop out of the catalog. \`skillhub validate\` still reads such a file (so you see its
other problems) and reports its name here. Rename it with \`git mv\` (on a case-insensitive file
system, in two steps: \`git mv skill.md tmp.md && git mv tmp.md SKILL.md\`).`,
  examples: [
    { title: 'Named SKILL.md', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'Named skill.md',
      files: { [`${EXAMPLE_ID}/skill.md`]: exampleSkill() },
      expected: [`${EXAMPLE_ID}/skill.md:1:1 This file is named \`skill.md\`; a skill file must be named \`SKILL.md\` (in capitals), or the catalog does not find it.`],
    },
  ],
  check({ doc, report }) {
    const name = path.basename(doc.filePath);
    if (name === EXPECTED) return;
    report(FILE_START, `This file is named \`${name}\`; a skill file must be named \`${EXPECTED}\` (in capitals), or the catalog does not find it.`);
  },
};
