import { rangeAt } from '../../core/source-text.js';
import { frontMatterRange } from '../../parse/skill-document.js';
import { offsetAt } from '../../core/source-text.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, EXAMPLE_FRONT_MATTER, examplePath, exampleSkill } from './example-skill.js';

const INTEGER = /^[+-]?[0-9]+$/;

export const popiartLoader: FileRule = {
  id: 'popiart-loader',
  scope: 'file',
  severity: 'warning',
  description: 'The SKILL.md must pass the popiart CLI\'s strict loader, which reads the skills bundled by `skillhub build --bundle`.',
  docs: `The \`popiart\` CLI embeds skills from a folder \`popiskills/<id>/\` (\`SKILL.md\`,
\`input_schema.json\`, \`output_schema.json\`; \`skillhub build --bundle <dir>\` writes it) and reads
them with its own strict loader, which is stricter than YAML: the file must start with a line \`---\`
at byte 0, the front matter must end with a line \`---\` followed by a line feed,
\`estimated_duration_s\` must be written as a whole number and \`tags\` must be a list of strings.

The bundle takes care of what it can: it writes the SKILL.md without a byte order mark and with
LF line ends, and writes both schema files as JSON objects (the derived schemas). This rule reports
the rest, at the place to change:

- a first line other than \`---\` (\`---yaml\`, trailing blanks);
- a front matter closed by \`---\` with trailing blanks, or by \`---\` at the very end of the file;
- \`estimated_duration_s\` written as \`150.0\`, \`1.5e2\` or \`0x96\` (YAML reads a number, the loader wants an integer);
- \`tags\` that are not a list of strings are already errors of \`frontmatter-schema\`.

A warning, since the catalog can still publish the skill; \`skillhub build --bundle\` refuses to
write a bundle while any skill has it.`,
  examples: [
    { title: 'What the loader reads', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'A language after the opening line',
      files: { [examplePath()]: `---yaml\n${EXAMPLE_FRONT_MATTER}\n---\n\n${EXAMPLE_BODY}` },
      expected: [`${examplePath()}:1:1 The popiart loader needs the file to start with the line \`---\`; this one starts with \`---yaml\`.`],
    },
    {
      title: 'Nothing after the closing `---`, not even a line feed',
      files: { [examplePath()]: `---\n${EXAMPLE_FRONT_MATTER}\n---` },
      expected: [`${examplePath()}:10:1 The popiart loader needs a line feed after the \`---\` that ends the front matter.`],
    },
    {
      title: 'Blanks after the closing `---`',
      files: { [examplePath()]: `---\n${EXAMPLE_FRONT_MATTER}\n--- \n\n${EXAMPLE_BODY}` },
      expected: [`${examplePath()}:10:1 The popiart loader needs the front matter to end with the line \`---\`, not \`--- \`.`],
    },
    {
      title: 'CRLF line ends and a negative duration are for other rules (the bundle writes LF)',
      files: { [examplePath()]: exampleSkill({ frontMatter: EXAMPLE_FRONT_MATTER.replace('estimated_duration_s: 60', 'estimated_duration_s: -5') }).replace(/\n/g, '\r\n') },
      expected: [],
    },
    {
      title: 'A duration written as a decimal number',
      files: { [examplePath()]: exampleSkill({ frontMatter: EXAMPLE_FRONT_MATTER.replace('estimated_duration_s: 60', 'estimated_duration_s: 60.0') }) },
      expected: [`${examplePath()}:9:23 The popiart loader reads \`estimated_duration_s\` as an integer; write \`60\`, not \`60.0\`.`],
    },
  ],
  check({ doc, report }) {
    const fm = doc.frontMatter;
    // No front matter, an unclosed one or another language: other rules report it, once.
    if (!fm || !fm.closed || fm.language !== 'yaml') return;
    const text = doc.source.text;
    const firstEnd = lineEnd(text, 0);
    const first = text.slice(0, firstEnd);
    if (first !== '---') {
      report(rangeAt(doc.source, 0, firstEnd), `The popiart loader needs the file to start with the line \`---\`; this one starts with \`${first.slice(0, 40)}\`.`);
    }
    const closer = closingLine(text);
    if (closer) {
      const line = text.slice(closer.start, closer.end);
      const range = rangeAt(doc.source, closer.start, closer.end);
      if (line !== '---') report(range, `The popiart loader needs the front matter to end with the line \`---\`, not \`${line}\`.`);
      else if (closer.end === text.length) report(range, 'The popiart loader needs a line feed after the `---` that ends the front matter.');
    }
    const duration = fm.data?.['estimated_duration_s'];
    if (typeof duration === 'number') {
      const range = frontMatterRange(doc, ['estimated_duration_s'], 'value');
      const raw = text.slice(offsetAt(doc.source, range.start), offsetAt(doc.source, range.end));
      if (!INTEGER.test(raw) && Number.isInteger(duration)) {
        report(range, `The popiart loader reads \`estimated_duration_s\` as an integer; write \`${duration}\`, not \`${raw}\`.`);
      }
    }
  },
};

/** Where the line that starts at `start` ends: before its LF, CRLF or lone CR (the bundle writes each as LF). */
function lineEnd(text: string, start: number): number {
  const match = /\r\n?|\n/.exec(text.slice(start));
  return match ? start + match.index : text.length;
}

function nextLineStart(text: string, start: number): number | undefined {
  const end = lineEnd(text, start);
  if (end === text.length) return undefined;
  return end + (text.startsWith('\r\n', end) ? 2 : 1);
}

/** The line that closes the front matter: the first later line that is `---` or `...`, maybe with trailing blanks. */
function closingLine(text: string): { start: number; end: number } | undefined {
  let start = nextLineStart(text, 0);
  while (start !== undefined) {
    const end = lineEnd(text, start);
    if (/^(?:---|\.\.\.)[ \t]*$/.test(text.slice(start, end))) return { start, end };
    start = nextLineStart(text, start);
  }
  return undefined;
}
