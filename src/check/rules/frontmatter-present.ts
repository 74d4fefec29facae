import { FILE_START } from '../../core/diagnostic.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';

export const frontmatterPresent: FileRule = {
  id: 'frontmatter-present',
  scope: 'file',
  severity: 'error',
  description: 'A SKILL.md starts with a front matter block closed by `---`.',
  docs: `The catalog reads a skill's id, description, tags and version from YAML front matter: a block
that opens on the very first line with \`---\` and closes with another \`---\` line. Without it the
skill cannot be listed; an unclosed block would swallow the whole document.`,
  examples: [
    { title: 'Front matter first', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'No front matter',
      files: { [examplePath()]: EXAMPLE_BODY },
      expected: [`${examplePath()}:1:1 SKILL.md has no front matter: start the file with a \`---\` line, the YAML fields, and a closing \`---\` line.`],
    },
    {
      title: 'Front matter that is never closed',
      files: { [examplePath()]: `---\nname: x\n\n# Title\n` },
      expected: [`${examplePath()}:1:1 Front matter is not closed: add a \`---\` line after the last field.`],
    },
  ],
  check({ doc, report }) {
    const fm = doc.frontMatter;
    const opening = { start: FILE_START.start, end: { line: 1, column: 4 } };
    if (!fm) {
      report(FILE_START, 'SKILL.md has no front matter: start the file with a `---` line, the YAML fields, and a closing `---` line.');
    } else if (!fm.closed) {
      report(opening, 'Front matter is not closed: add a `---` line after the last field.');
    }
  },
};
