import { DIRECTIVE_RULE } from '../../config/directives.js';
import { SAFETY_RULES } from '../../config/safety-rules.js';
import { closestMatches } from '../../core/suggest.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';

const TRAILING_COMMA_TEMPLATE = '```json\n{\n  "prompt": "a lighthouse at dawn",\n  "aspect_ratio": "16:9",\n}\n```';
const TEMPLATE = '```json\n{\n  "prompt": "a lighthouse at dawn",\n  "aspect_ratio": "16:9"\n}\n```';

function withComment(comment: string): string {
  return exampleSkill({ body: EXAMPLE_BODY.replace(TEMPLATE, `${comment}\n${TRAILING_COMMA_TEMPLATE}`) });
}

export const disableDirective: FileRule = {
  id: DIRECTIVE_RULE,
  scope: 'file',
  severity: 'error',
  description: 'A `skillhub-disable` comment names the rules it silences, and only rules that can be silenced.',
  docs: `A comment silences rules in the Markdown it precedes:

- \`<!-- skillhub-disable-next-line <rule> [<rule>...] -- <reason> -->\` silences those rules in the
  next block (a paragraph, a list, a fenced payload template: the whole block);
- \`<!-- skillhub-disable <rule> -->\` ... \`<!-- skillhub-enable <rule> -->\` silences them in the lines
  between (to the end of the file without an \`enable\`).

Name every rule you silence: a bare \`skillhub-disable\` would hide problems nobody looked at, so it is
an error, as is an unknown rule id. The safety rules (${[...SAFETY_RULES].filter((id) => id !== 'internal-error').map((id) => `\`${id}\``).join(', ')})
refuse a file before it is read, so no comment in that file can turn them off, nor can the
configuration. With \`--report-unused-disable-directives\` (or \`"reportUnusedDisableDirectives"\` in
skillhub.config.json) a comment that silences nothing is reported too, under this rule id.`,
  examples: [
    {
      title: 'A named rule with a reason',
      files: { [examplePath()]: withComment('<!-- skillhub-disable-next-line payload-json -- kept to show the trailing-comma mistake -->') },
      expected: [],
    },
    {
      title: 'No rule named, an unknown rule, and a safety rule',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace(
            '## Workflow',
            '<!-- skillhub-disable -->\n\n<!-- skillhub-disable-next-line payload-jsn -->\n\n<!-- skillhub-disable file-size -->\n\n## Workflow',
          ),
        }),
      },
      expected: [
        `${examplePath()}:22:1 \`skillhub-disable\` names no rule: name each rule it silences (\`skillhub rules\` lists them).`,
        `${examplePath()}:24:1 \`skillhub-disable-next-line\` names an unknown rule \`payload-jsn\`. Did you mean \`payload-json\`?`,
        `${examplePath()}:26:1 \`file-size\` is a safety rule: no comment can silence it.`,
      ],
    },
  ],
  check({ analysis, env, report }) {
    const ids = env.rules.map((rule) => rule.id);
    for (const directive of analysis.facts.directives ?? []) {
      const name = `skillhub-${directive.kind}`;
      if (directive.kind !== 'enable' && directive.rules.length === 0) {
        report(directive.range, `\`${name}\` names no rule: name each rule it silences (\`skillhub rules\` lists them).`);
        continue;
      }
      for (const rule of directive.rules) {
        if (SAFETY_RULES.has(rule)) report(directive.range, `\`${rule}\` is a safety rule: no comment can silence it.`);
        else if (rule === DIRECTIVE_RULE) report(directive.range, `\`${DIRECTIVE_RULE}\` cannot be silenced by a comment.`);
        else if (!ids.includes(rule)) {
          const [best] = closestMatches(rule, ids, 1);
          report(directive.range, `\`${name}\` names an unknown rule \`${rule}\`.${best === undefined ? '' : ` Did you mean \`${best}\`?`}`);
        }
      }
    }
  },
};
