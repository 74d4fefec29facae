import { skillIdOf } from '../references/catalog-index.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, EXAMPLE_ID, examplePath, exampleSkill } from './example-skill.js';

const OTHER_ID = 'popiskill-video-image2video-demo-v1';

export const runOtherSkill: FileRule = {
  id: 'run-other-skill',
  scope: 'file',
  severity: 'warning',
  description: "A skill's own `## Command pattern` runs that skill, not another one.",
  docs: `\`## Command pattern\` shows how to run *this* skill, and agents copy it as the way to do so. A
\`popiart run\` of another skill there is most often left over from the skill it was copied from.
Running other skills belongs in \`## Operating guidance\` ("if the user needs motion, run ...").
Reported at the id, as a warning since a pattern may on purpose show a preparatory step.`,
  examples: [
    { title: 'The pattern runs the skill itself', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'A pattern copied from another skill',
      files: {
        [examplePath()]: exampleSkill({ body: EXAMPLE_BODY.replace(`popiart run ${EXAMPLE_ID}`, `popiart run ${OTHER_ID}`) }),
        [examplePath(OTHER_ID)]: exampleSkill().replaceAll(EXAMPLE_ID, OTHER_ID),
      },
      expected: [
        `${examplePath()}:30:13 The command pattern runs \`${OTHER_ID}\`, not this skill (\`${EXAMPLE_ID}\`).`,
      ],
    },
  ],
  check({ analysis, report }) {
    const own = skillIdOf(analysis);
    for (const run of analysis.facts.runInvocations ?? []) {
      if (!run.inCommandPattern || run.skillId === undefined || run.skillId === own) continue;
      report(run.skillRange, `The command pattern runs \`${run.skillId}\`, not this skill (\`${own ?? 'unnamed'}\`).`);
    }
  },
};
