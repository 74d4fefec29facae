import { catalogIndex, closestSkillsHint } from '../references/catalog-index.js';
import type { CatalogRule } from '../rule.js';
import { EXAMPLE_BODY, EXAMPLE_ID, examplePath, exampleSkill } from './example-skill.js';

export const runUnknownSkill: CatalogRule = {
  id: 'run-unknown-skill',
  scope: 'catalog',
  severity: 'error',
  description: '`popiart run <skill-id>` in an example names a skill of the catalog being validated.',
  docs: `The skill id after \`popiart run\` must be the \`name\` of a skill in the catalog being validated
(all the SKILL.md files of one \`skillhub validate\` run), so validate the whole catalog folder, not a
single file. An unknown id is reported at the id, with the closest existing ids: usually a typo or a
version that does not exist yet. A placeholder (\`<skill-id>\`, \`{skill_id}\`, \`popiart run ...\`) or a variable
is not checked.`,
  examples: [
    { title: 'The skill runs itself', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'A typo in the id',
      files: { [examplePath()]: exampleSkill({ body: EXAMPLE_BODY.replace(`popiart run ${EXAMPLE_ID}`, 'popiart run popiskill-image-text2image-dmeo-v1') }) },
      expected: [
        `${examplePath()}:30:13 This command runs \`popiskill-image-text2image-dmeo-v1\`, which is not a skill in this catalog. Did you mean \`${EXAMPLE_ID}\`?`,
      ],
    },
  ],
  check({ files, report }) {
    const index = catalogIndex(files);
    for (const file of files) {
      for (const run of file.facts.runInvocations ?? []) {
        if (run.skillId === undefined || index.has(run.skillId)) continue;
        report(
          file.filePath,
          run.skillRange,
          `This command runs \`${run.skillId}\`, which is not a skill in this catalog.${closestSkillsHint(run.skillId, index.keys())}`,
        );
      }
    }
  },
};
