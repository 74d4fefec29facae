import path from 'node:path';
import { compareStrings, FILE_START } from '../../core/diagnostic.js';
import type { FileAnalysis } from '../analysis.js';
import type { CatalogRule } from '../rule.js';
import { EXAMPLE_ID, exampleSkill } from './example-skill.js';

const OTHER_ID = 'popiskill-image-text2image-other-v1';

export const duplicateName: CatalogRule = {
  id: 'duplicate-name',
  scope: 'catalog',
  severity: 'error',
  description: 'No two skills in the catalog have the same `name`.',
  docs: `A skill's \`name\` is its id: the catalog index, \`popiart run <name>\` and every agent find the
skill by it, so two skills with one name would shadow each other. The files are taken in path
order; the first keeps the name and each later one is reported at its \`name\`, naming the file
that has it first (relative to the folder that holds all the validated skills). Usually one of
them was copied from the other and its \`name\` not yet changed.`,
  examples: [
    {
      title: 'Two skills, two names',
      files: {
        [`${EXAMPLE_ID}/SKILL.md`]: exampleSkill(),
        [`${OTHER_ID}/SKILL.md`]: exampleSkill().replaceAll(EXAMPLE_ID, OTHER_ID),
      },
      expected: [],
    },
    {
      title: 'A copied skill whose name was not changed',
      files: {
        [`${EXAMPLE_ID}/SKILL.md`]: exampleSkill(),
        [`${OTHER_ID}/SKILL.md`]: exampleSkill(),
      },
      expected: [
        `${OTHER_ID}/SKILL.md:2:7 Skill name \`${EXAMPLE_ID}\` is already used by ${EXAMPLE_ID}/SKILL.md: give each skill its own name.`,
      ],
    },
  ],
  check({ files, report }) {
    const named = files
      .filter((file): file is FileAnalysis & { facts: { name: string } } => file.facts.name !== undefined)
      .sort((a, b) => compareStrings(a.filePath, b.filePath));
    const root = commonFolder(named.map((file) => file.filePath));
    const firstByName = new Map<string, string>();
    for (const file of named) {
      const first = firstByName.get(file.facts.name);
      if (first === undefined) {
        firstByName.set(file.facts.name, file.filePath);
        continue;
      }
      const shown = path.relative(root, first).split(path.sep).join('/');
      report(
        file.filePath,
        file.facts.nameRange ?? FILE_START,
        `Skill name \`${file.facts.name}\` is already used by ${shown}: give each skill its own name.`,
      );
    }
  },
};

/** The deepest folder that contains every one of the files. */
function commonFolder(filePaths: readonly string[]): string {
  const [first, ...rest] = filePaths.map((filePath) => path.dirname(filePath).split(path.sep));
  if (!first) return path.sep;
  let length = first.length;
  for (const parts of rest) {
    let shared = 0;
    while (shared < Math.min(length, parts.length) && parts[shared] === first[shared]) shared++;
    length = shared;
  }
  return first.slice(0, length).join(path.sep) || path.sep;
}
