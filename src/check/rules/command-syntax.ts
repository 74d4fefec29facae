import { reportCommandFindings } from '../commands/command-rule.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, EXAMPLE_ID, examplePath, exampleSkill } from './example-skill.js';

export const commandSyntax: FileRule = {
  id: 'command-syntax',
  scope: 'file',
  severity: 'error',
  description: 'Shell examples (sh, bash, shell or zsh blocks and `popiart ...` code spans) parse as shell commands.',
  docs: `Agents copy command examples verbatim, so each \`\`\`sh, \`\`\`bash, \`\`\`shell or \`\`\`zsh block, and each inline
code span in prose that starts with \`popiart\`, is split into commands by a real shell parser
(tree-sitter-bash): quotes, escapes, \`\\\` line continuations, comments, pipes, \`&&\`, redirections
and compound commands are understood; \`$VAR\`, \`$(...)\`, backquotes and \`<(...)\` are kept as
they are, never run. A placeholder in angle brackets such as \`<artifact-id>\` is a value, not a
redirection, and here-document bodies are data. An unclosed quote is reported where it opens; a
construct left open at the end (a trailing \`|\` or \`&&\`, an \`if\` without \`fi\`) at the end;
any other syntax error, such as \`&& &&\`, a \`;;\` outside \`case\` or a \`fi\` without \`if\`, on its
line. A single command longer than 8192 characters, or a block longer than 262144, is reported
instead of read (move a long payload to a file: \`--input @file.json\`). A block that uses
\`$'...'\` quoting, whose escapes are not decoded here, is skipped without a report. The popiart commands
found are then checked by the \`cli-*\` and \`run-*\` rules.`,
  examples: [
    { title: 'Commands that parse', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'An inline --input whose closing quote is missing',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace(
            `popiart run ${EXAMPLE_ID} --input @params.json --wait`,
            `popiart run ${EXAMPLE_ID} --input '{"prompt": "a lighthouse"} --wait`,
          ),
        }),
      },
      expected: [`${examplePath()}:30:56 This shell example does not parse: the quote ' opened here is never closed.`],
    },
    {
      title: 'A pipe with nothing after it',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('- Keep prompts short.', '- List the running jobs with `popiart jobs list --status running |`.'),
        }),
      },
      expected: [`${examplePath()}:48:66 This shell example does not parse: the command ends too early (a \`|\`, \`&&\` or \`(\` without what follows).`],
    },
  ],
  check: reportCommandFindings('syntax'),
};
