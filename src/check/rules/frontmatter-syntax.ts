import { rangeAt } from '../../core/source-text.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_FRONT_MATTER, examplePath, exampleSkill } from './example-skill.js';

export const frontmatterSyntax: FileRule = {
  id: 'frontmatter-syntax',
  scope: 'file',
  severity: 'error',
  description: 'Front matter must be well-formed YAML: one mapping, unique keys, bounded aliases.',
  docs: `The front matter is parsed as strict YAML 1.2. Reported here: syntax errors, a key that appears
twice (YAML parsers disagree on which value wins), a document that is not a mapping, and alias
expansion beyond a small limit (a "billion laughs" document is refused in milliseconds instead of
exhausting memory). The other body checks still run when the front matter is broken.`,
  examples: [
    { title: 'Well-formed YAML', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'A duplicated key',
      files: { [examplePath()]: exampleSkill({ frontMatter: `${EXAMPLE_FRONT_MATTER}\nversion: v2` }) },
      expected: [`${examplePath()}:10:1 Duplicate key: each front matter key may appear only once.`],
    },
    {
      title: 'A list where a mapping belongs',
      files: { [examplePath()]: exampleSkill({ frontMatter: '- name\n- description' }) },
      expected: [`${examplePath()}:2:1 Front matter must be a mapping of keys to values.`],
    },
  ],
  check({ doc, report }) {
    for (const problem of doc.frontMatter?.problems ?? []) {
      report(rangeAt(doc.source, problem.start, problem.end), problem.message);
    }
  },
};
