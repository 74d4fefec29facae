import { frontMatterRange } from '../../parse/skill-document.js';
import type { FileRule } from '../rule.js';
import { MAX_SKILL_NAME_LENGTH, parseSkillName, SKILL_NAME_SHAPE } from '../skill-name.js';
import { EXAMPLE_FRONT_MATTER, EXAMPLE_ID, examplePath, exampleSkill } from './example-skill.js';

function withName(name: string): string {
  return exampleSkill({ frontMatter: EXAMPLE_FRONT_MATTER.replace(`name: ${EXAMPLE_ID}`, `name: ${name}`) });
}

const LONG_NAME = 'popiskill-image-text2image-a-very-long-slug-that-keeps-on-going-v1';

export const nameFormat: FileRule = {
  id: 'name-format',
  scope: 'file',
  severity: 'error',
  description: `\`name\` is a skill id: ${SKILL_NAME_SHAPE}, lowercase, at most ${MAX_SKILL_NAME_LENGTH} characters.`,
  docs: `A skill's \`name\` is its id in the catalog and on the command line (\`popiart run <name>\`), so it
has one fixed shape: \`${SKILL_NAME_SHAPE}\`.

- \`category\` is the kind of media the skill makes (\`image\`, \`video\`, \`audio\`, \`text\`, \`3d\`);
- \`capability\` is what it does (\`text2image\`, \`img2img\`, \`image2video\`, \`tts\`, ...);
- \`slug\` tells skills of the same capability apart; it may be several words (\`popistudio-alice-showcase\`);
- \`v<major>\` is the major version, which \`version\` repeats.

Only lowercase letters, digits and single hyphens are allowed, and the whole id is at most
${MAX_SKILL_NAME_LENGTH} characters (the Agent Skills limit). Each problem is reported at the value of \`name\`.`,
  examples: [
    { title: 'A well-formed id', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'A slug of several words',
      files: { 'popiskill-image-text2image-popistudio-alice-showcase-v1/SKILL.md': withName('popiskill-image-text2image-popistudio-alice-showcase-v1') },
      expected: [],
    },
    {
      title: 'Uppercase letters and a double hyphen',
      files: { [examplePath()]: withName('popiskill-Image--text2image-demo-v1') },
      expected: [
        `${examplePath()}:2:7 \`name\` has a double hyphen (\`--\`): separate words with a single hyphen.`,
        `${examplePath()}:2:7 \`name\` has uppercase letters: write it in lowercase (\`popiskill-image--text2image-demo-v1\`).`,
      ],
    },
    {
      title: 'No major version at the end',
      files: { [examplePath()]: withName('popiskill-image-text2image-demo') },
      expected: [`${examplePath()}:2:7 \`name\` must end in \`-v<major>\`, such as \`-v1\`.`],
    },
    {
      title: 'No slug, and a version glued to the capability',
      files: { [examplePath()]: withName('popiskill-image-text2imagev1') },
      expected: [
        `${examplePath()}:2:7 \`name\` must end in \`-v<major>\`: put a hyphen before \`v1\`.`,
        `${examplePath()}:2:7 \`name\` needs a category, a capability and a slug between \`popiskill-\` and \`-v<major>\` (such as \`popiskill-image-text2image-basic-v1\`); it has only \`image-text2imagev1\`.`,
      ],
    },
    {
      title: 'Underscores',
      files: { [examplePath()]: withName('popiskill-image-text_to_image-demo-v1') },
      expected: [`${examplePath()}:2:7 \`name\` may use only lowercase letters, digits and hyphens; it has \`_\`.`],
    },
    {
      title: 'No `popiskill-` prefix',
      files: { [examplePath()]: withName('image-text2image-demo-v1') },
      expected: [`${examplePath()}:2:7 \`name\` must start with \`popiskill-\` (it has the form \`${SKILL_NAME_SHAPE}\`).`],
    },
    {
      title: 'Too long',
      files: { [examplePath()]: withName(LONG_NAME) },
      expected: [`${examplePath()}:2:7 \`name\` is ${LONG_NAME.length} characters long; at most ${MAX_SKILL_NAME_LENGTH} are allowed: shorten the slug.`],
    },
  ],
  check({ doc, report }) {
    const name = doc.frontMatter?.data?.['name'];
    if (typeof name !== 'string') return;
    const { problems } = parseSkillName(name);
    if (problems.length === 0) return;
    const range = frontMatterRange(doc, ['name'], 'value');
    for (const problem of problems) report(range, problem);
  },
};
