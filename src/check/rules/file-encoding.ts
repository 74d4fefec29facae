import { createSourceText, positionAt } from '../../core/source-text.js';
import type { LoadRule } from '../rule.js';
import { examplePath, exampleSkill } from './example-skill.js';

const invalid = new Uint8Array([...Buffer.from('---\nname: caf'), 0xe9, ...Buffer.from('\n---\n')]);

export const fileEncoding: LoadRule = {
  id: 'file-encoding',
  scope: 'load',
  severity: 'error',
  description: 'A SKILL.md must be valid UTF-8.',
  docs: `The catalog is published as UTF-8 JSON, so every SKILL.md must be UTF-8 (a byte-order mark is
allowed and ignored). The diagnostic points at the first byte that is not UTF-8; re-save the file as
UTF-8 in your editor.`,
  examples: [
    { title: 'A UTF-8 file', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'A Latin-1 "é" on line 2',
      files: { [examplePath()]: invalid },
      expected: [`${examplePath()}:2:10 File is not valid UTF-8: byte 0xE9 at byte offset 13; re-save it as UTF-8.`],
    },
  ],
  check({ analysis, report }) {
    const problem = analysis.loadProblem;
    if (problem?.kind !== 'encoding') return;
    const before = createSourceText(problem.textBefore);
    const at = positionAt(before, problem.textBefore.length);
    const byte = problem.byte.toString(16).toUpperCase().padStart(2, '0');
    report(
      { start: at, end: { line: at.line, column: at.column + 1 } },
      `File is not valid UTF-8: byte 0x${byte} at byte offset ${problem.byteOffset}; re-save it as UTF-8.`,
    );
  },
};
