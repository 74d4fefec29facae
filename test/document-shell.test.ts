import { describe, expect, it } from 'vitest';
import { collectBundledPaths } from '../src/check/bundled/bundled-paths.js';
import { collectDocumentCommands } from '../src/check/commands/document-commands.js';
import { parseDocumentShell } from '../src/check/commands/document-shell.js';
import { loadPopiartCli } from '../src/check/commands/cli-surface.js';
import { MAX_DOCUMENT_SHELL } from '../src/check/commands/shell-words.js';
import { parseSkillDocument } from '../src/parse/skill-document.js';

const block = (script: string) => ['```bash', script, '```', ''].join('\n');
// Three blocks of 12,000 characters: the third goes over the document's shell budget, and so does the last.
const long = `# ${'x'.repeat(11998)}`;
const text = ['---', 'name: popiskill-a-v1', '---', '# A', '', block(long), block(long), block(long), block('python scripts/run.py')].join('\n');

describe('the shell examples of a document are parsed once for every reader', () => {
  const doc = parseSkillDocument('/catalog/popiskill-a-v1/SKILL.md', text);
  const snippets = parseDocumentShell(doc);

  it('marks the snippets the shell budget refused', () => {
    expect(3 * long.length).toBeGreaterThan(MAX_DOCUMENT_SHELL);
    expect(snippets.map((snippet) => [snippet.parsed.ok, snippet.overBudget])).toEqual([
      [true, false],
      [true, false],
      [false, true],
      [false, true],
    ]);
  });

  it('the commands see the refusals; the scripts run are still found in a refused block', () => {
    const commands = collectDocumentCommands(doc, loadPopiartCli(), snippets);
    expect(commands.findings.map((finding) => `${finding.range.start.line}:${finding.range.start.column} ${finding.kind}`)).toEqual(['15:1 syntax', '19:1 syntax']);
    expect(collectBundledPaths(doc, snippets)).toEqual([
      { path: 'scripts/run.py', range: { start: { line: 19, column: 8 }, end: { line: 19, column: 22 } }, how: 'script' },
    ]);
    expect(collectBundledPaths(doc)).toEqual(collectBundledPaths(doc, snippets));
  });
});
