import { frontMatterRange } from '../../parse/skill-document.js';
import { appendToYamlList } from '../../fix/fix-builders.js';
import type { FileRule } from '../rule.js';
import { skillNamePartsOf } from '../skill-name.js';
import { EXAMPLE_FRONT_MATTER, examplePath, exampleSkill } from './example-skill.js';

const EXAMPLE_TAGS = 'tags:\n  - image\n  - text2image';

function withTags(tags: string): Record<string, string> {
  return { [examplePath()]: exampleSkill({ frontMatter: EXAMPLE_FRONT_MATTER.replace(EXAMPLE_TAGS, tags) }) };
}

export const tagsIncludeNameParts: FileRule = {
  id: 'tags-include-name-parts',
  scope: 'file',
  fixable: true,
  severity: 'warning',
  description: '`tags` include the category and the capability of `name`.',
  docs: `People and agents search the catalog by tag, and the most common searches are by kind of media
(\`image\`) and by capability (\`text2image\`). A skill whose tags lack its own category or capability
does not show up in those searches, so both words of the name should be tags too (more tags are
welcome). Reported at the \`tags\` key, naming what is missing.`,
  examples: [
    { title: 'Category, capability and more', files: withTags(`${EXAMPLE_TAGS}\n  - concept-art`), expected: [] },
    {
      title: 'The capability is missing',
      files: withTags('tags:\n  - image\n  - concept-art'),
      expected: [`${examplePath()}:4:1 \`tags\` should include \`text2image\`, the capability in the name, so searches for it find this skill.`],
    },
    {
      title: 'Both are missing',
      files: withTags('tags: [concept-art]'),
      expected: [
        `${examplePath()}:4:1 \`tags\` should include \`image\` and \`text2image\`, the category and the capability in the name, so searches for them find this skill.`,
      ],
    },
  ],
  check({ doc, report }) {
    const tags = doc.frontMatter?.data?.['tags'];
    const parts = skillNamePartsOf(doc);
    if (!Array.isArray(tags) || !parts) return;
    const missing = [
      { tag: parts.category, role: 'category' },
      { tag: parts.capability, role: 'capability' },
    ].filter(({ tag }, index, all) => !tags.includes(tag) && all.findIndex((entry) => entry.tag === tag) === index);
    if (missing.length === 0) return;
    const words = missing.map(({ tag }) => `\`${tag}\``).join(' and ');
    const roles = missing.map(({ role }) => role).join(' and the ');
    const them = missing.length === 1 ? 'it' : 'them';
    report(
      frontMatterRange(doc, ['tags'], 'key'),
      `\`tags\` should include ${words}, the ${roles} in the name, so searches for ${them} find this skill.`,
      appendToYamlList(doc, frontMatterRange(doc, ['tags'], 'value'), missing.map(({ tag }) => tag)),
    );
  },
};
