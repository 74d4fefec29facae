import { FILE_START } from '../../core/diagnostic.js';
import type { LoadRule } from '../rule.js';
import { examplePath, exampleSkill } from './example-skill.js';

export const fileReadable: LoadRule = {
  id: 'file-readable',
  scope: 'load',
  severity: 'error',
  description: 'A SKILL.md must be a readable regular file inside the scanned folder.',
  docs: `A \`SKILL.md\` that is, or sits in a folder that is, a symbolic link to a place outside the folder being validated is refused,
so a pull request cannot make the validator or the publishing step read files elsewhere on the
machine (\`/etc/passwd\`, a CI secret). A link within the folder is followed. A path that is not a
regular file, or cannot be read, is reported too. (The bad case needs a real file system, so its
test lives in \`test/load.test.ts\` rather than in an example.)`,
  examples: [{ title: 'A regular file', files: { [examplePath()]: exampleSkill() }, expected: [] }],
  check({ analysis, report }) {
    const problem = analysis.loadProblem;
    if (problem?.kind === 'symlink-outside-root') {
      report(FILE_START, `SKILL.md leads through a symbolic link to ${problem.target}, outside the scanned folder; it was not read.`);
    } else if (problem?.kind === 'unreadable') {
      report(FILE_START, `SKILL.md could not be read (${problem.reason}).`);
    }
  },
};
