import { catalogIndex, closestSkillsHint } from '../references/catalog-index.js';
import type { CatalogRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';

const VIDEO_ID = 'popiskill-video-image2video-demo-v1';
const WITH_SWITCH = EXAMPLE_BODY.replace('- Keep prompts short.', `- If the user needs motion, switch to \`${VIDEO_ID}\`.`);

export const skillReferenceUnknown: CatalogRule = {
  id: 'skill-reference-unknown',
  scope: 'catalog',
  severity: 'error',
  description: 'Every skill id written in a SKILL.md body is a skill of the catalog being validated.',
  docs: `Skills send agents to each other ("switch to \`popiskill-...-v1\`", "run \`popiskill-...-v1\` first"),
so every \`popiskill-<words>-v<N>\` token in the body, in prose or in code, must be the \`name\` of a
skill in the catalog being validated; validate the whole catalog folder, not a single file. An
unknown id is reported at the id with the closest existing ids: a typo, a renamed skill or a
version that was never published. Ids after \`popiart run\` are reported by \`run-unknown-skill\`
instead.`,
  examples: [
    {
      title: 'A switch to a skill of the catalog',
      files: {
        [examplePath()]: exampleSkill({ body: WITH_SWITCH }),
        [examplePath(VIDEO_ID)]: exampleSkill().replaceAll('popiskill-image-text2image-demo-v1', VIDEO_ID),
      },
      expected: [],
    },
    {
      title: 'A misspelt id',
      files: {
        [examplePath()]: exampleSkill({ body: WITH_SWITCH.replace(VIDEO_ID, 'popiskill-video-img2video-demo-v1') }),
        [examplePath(VIDEO_ID)]: exampleSkill().replaceAll('popiskill-image-text2image-demo-v1', VIDEO_ID),
      },
      expected: [
        `${examplePath()}:48:40 \`popiskill-video-img2video-demo-v1\` is not a skill in this catalog. Did you mean \`${VIDEO_ID}\`?`,
      ],
    },
  ],
  check({ files, report }) {
    const index = catalogIndex(files);
    for (const file of files) {
      const runStarts = new Set((file.facts.runInvocations ?? []).map((run) => `${run.skillRange.start.line}:${run.skillRange.start.column}`));
      for (const reference of file.facts.references ?? []) {
        if (index.has(reference.id)) continue;
        if (runStarts.has(`${reference.range.start.line}:${reference.range.start.column}`)) continue;
        report(file.filePath, reference.range, `\`${reference.id}\` is not a skill in this catalog.${closestSkillsHint(reference.id, index.keys())}`);
      }
    }
  },
};
