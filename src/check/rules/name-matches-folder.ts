import { frontMatterRange } from '../../parse/skill-document.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_ID, exampleSkill } from './example-skill.js';

export const nameMatchesFolder: FileRule = {
  id: 'name-matches-folder',
  scope: 'file',
  severity: 'error',
  description: '`name` equals the name of the folder that holds the SKILL.md.',
  docs: `A skill lives in \`skills/<name>/SKILL.md\`: the catalog, the published index and \`popiart run\`
find a skill by its folder, so the folder and the \`name\` in the front matter must be the same
string. Rename the folder or change \`name\` (a new name is a new skill id for its users).`,
  examples: [
    { title: 'Folder and name agree', files: { [`${EXAMPLE_ID}/SKILL.md`]: exampleSkill() }, expected: [] },
    {
      title: 'A folder named after an older id',
      files: { 'popiskill-image-text2image-draft-v1/SKILL.md': exampleSkill() },
      expected: [
        `popiskill-image-text2image-draft-v1/SKILL.md:2:7 \`name\` is \`${EXAMPLE_ID}\` but the folder is \`popiskill-image-text2image-draft-v1\`: rename one so they agree.`,
      ],
    },
  ],
  check({ doc, report }) {
    const name = doc.frontMatter?.data?.['name'];
    if (typeof name !== 'string' || name === doc.folderName) return;
    report(frontMatterRange(doc, ['name'], 'value'), `\`name\` is \`${name}\` but the folder is \`${doc.folderName}\`: rename one so they agree.`);
  },
};
