import { didYouMean } from '../../core/suggest.js';
import { frontMatterRange } from '../../parse/skill-document.js';
import type { LintEnvironment } from '../environment.js';
import type { FileRule } from '../rule.js';
import { skillNamePartsOf } from '../skill-name.js';
import { EXAMPLE_FRONT_MATTER, EXAMPLE_ID, examplePath, exampleSkill } from './example-skill.js';

/** A model of this type may serve a skill of any category. */
const ANY_CATEGORY = 'multimodal';

/** The model types of the front-matter schema: the one list, so the rule and the schema cannot drift. */
function modelTypes(env: LintEnvironment): string[] {
  const property = env.frontMatter.schema.properties['model_type'] as { enum?: unknown[] } | undefined;
  return (property?.enum ?? []).filter((value): value is string => typeof value === 'string');
}

function withFields(replacements: Array<[string, string]>, skillId = EXAMPLE_ID): Record<string, string> {
  let frontMatter = EXAMPLE_FRONT_MATTER;
  for (const [from, to] of replacements) frontMatter = frontMatter.replace(from, to);
  return { [examplePath(skillId)]: exampleSkill({ frontMatter }) };
}

export const modelTypeMatchesCategory: FileRule = {
  id: 'model-type-matches-category',
  scope: 'file',
  severity: 'error',
  description: '`model_type` agrees with the category in `name` (or is `multimodal`).',
  docs: `The second word of a skill id is its category, the kind of media it makes: \`image\`, \`video\`,
\`audio\`, \`text\` or \`3d\`. \`model_type\` says which kind of model runs the skill, so the runtime can
schedule it; it must be the same word as the category, or \`multimodal\` for a model that handles
several kinds (which fits any category). Reported at \`model_type\`. An unknown \`model_type\` is
reported by \`frontmatter-schema\`.`,
  examples: [
    { title: 'An image skill run by an image model', files: withFields([]), expected: [] },
    { title: 'A multimodal model fits any category', files: withFields([['model_type: image', `model_type: ${ANY_CATEGORY}`]]), expected: [] },
    {
      title: 'An image skill that claims a video model',
      files: withFields([['model_type: image', 'model_type: video']]),
      expected: [
        `${examplePath()}:8:13 \`model_type\` is \`video\` but the name's category is \`image\`: use \`model_type: image\`, or \`multimodal\` for a model that handles several kinds.`,
      ],
    },
    {
      title: 'A misspelt category in the name',
      files: withFields([[`name: ${EXAMPLE_ID}`, 'name: popiskill-imgae-text2image-demo-v1']], 'popiskill-imgae-text2image-demo-v1'),
      expected: [
        `popiskill-imgae-text2image-demo-v1/SKILL.md:8:13 \`model_type\` is \`image\` but the name's category \`imgae\` is not a known category (\`image\`, \`video\`, \`audio\`, \`text\`, \`3d\`). Did you mean \`image\`?`,
      ],
    },
  ],
  check({ doc, env, report }) {
    const modelType = doc.frontMatter?.data?.['model_type'];
    const parts = skillNamePartsOf(doc);
    const types = modelTypes(env);
    if (typeof modelType !== 'string' || !types.includes(modelType) || !parts) return;
    if (modelType === ANY_CATEGORY || modelType === parts.category) return;
    const range = frontMatterRange(doc, ['model_type'], 'value');
    const categories = types.filter((type) => type !== ANY_CATEGORY);
    if (!categories.includes(parts.category)) {
      const known = categories.map((category) => `\`${category}\``).join(', ');
      report(
        range,
        `\`model_type\` is \`${modelType}\` but the name's category \`${parts.category}\` is not a known category (${known}).${didYouMean(parts.category, categories)}`,
      );
      return;
    }
    report(
      range,
      `\`model_type\` is \`${modelType}\` but the name's category is \`${parts.category}\`: use \`model_type: ${parts.category}\`, or \`multimodal\` for a model that handles several kinds.`,
    );
  },
};
