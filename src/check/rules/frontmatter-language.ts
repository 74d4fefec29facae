import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, EXAMPLE_FRONT_MATTER, examplePath, exampleSkill } from './example-skill.js';

export const frontmatterLanguage: FileRule = {
  id: 'frontmatter-language',
  scope: 'file',
  severity: 'error',
  description: 'Front matter must be YAML; other languages are refused and never run.',
  docs: `Some front-matter tools accept \`---js\` or \`---coffee\` blocks and *evaluate* them, which would let a
pull request run code on the machine that validates or publishes the catalog. Here only YAML is
read (\`---\` or \`---yaml\`); any other language is reported and its text is never executed or
parsed.`,
  examples: [
    { title: 'Plain YAML front matter', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'JavaScript front matter',
      files: { [examplePath()]: exampleSkill().replace(/^---/, '---js') },
      expected: [`${examplePath()}:1:4 Front matter language \`js\` is not allowed: only YAML is read, and nothing in front matter is ever executed.`],
    },
    {
      title: 'Explicit YAML is fine',
      files: { [examplePath()]: `---yaml\n${EXAMPLE_FRONT_MATTER}\n---\n\n${EXAMPLE_BODY}` },
      expected: [],
    },
  ],
  check({ doc, report }) {
    const fm = doc.frontMatter;
    if (!fm || fm.language === 'yaml') return;
    report(fm.languageRange, `Front matter language \`${fm.language}\` is not allowed: only YAML is read, and nothing in front matter is ever executed.`);
  },
};
