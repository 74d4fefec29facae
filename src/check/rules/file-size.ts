import { FILE_START } from '../../core/diagnostic.js';
import type { LoadRule } from '../rule.js';
import { examplePath, exampleSkill } from './example-skill.js';

export const fileSize: LoadRule = {
  id: 'file-size',
  scope: 'load',
  severity: 'error',
  description: 'A SKILL.md must not exceed the size limit (1 MiB by default).',
  docs: `Skill documents arrive in pull requests and are read by every agent that uses the skill, so the
validator refuses to parse oversized files instead of spending memory on them. The limit is 1 MiB;
\`--max-file-size <bytes>\` changes it. Move long reference material into separate files.`,
  examples: [
    { title: 'A file within the limit', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'A file over a 100-byte limit',
      files: { [examplePath()]: exampleSkill() },
      options: { maxFileSize: 100 },
      expected: [`${examplePath()}:1:1 File is ${Buffer.byteLength(exampleSkill())} bytes, over the limit of 100 bytes; it was not parsed.`],
    },
  ],
  check({ analysis, report }) {
    const problem = analysis.loadProblem;
    if (problem?.kind !== 'too-large') return;
    report(FILE_START, `File is ${problem.size} bytes, over the limit of ${problem.limit} bytes; it was not parsed.`);
  },
};
