import { ALL_RULES } from '../check/rules/index.js';
import type { Rule } from '../check/rule.js';
import { closestMatches } from '../core/suggest.js';
import type { CommandIo } from './io.js';

/** `skillhub rules` lists the rules; `skillhub rules <id>` prints one rule's docs and examples. */
export async function runRules(argv: string[], io: CommandIo): Promise<number> {
  const [id] = argv;
  if (id === undefined) {
    const width = Math.max(...ALL_RULES.map((rule) => rule.id.length));
    for (const rule of ALL_RULES) io.stdout(`${rule.id.padEnd(width)}  ${rule.severity.padEnd(7)}  ${rule.description}\n`);
    return 0;
  }
  const rule = ALL_RULES.find((candidate) => candidate.id === id);
  if (!rule) {
    const near = closestMatches(id, ALL_RULES.map((candidate) => candidate.id));
    io.stderr(`skillhub: no rule "${id}".${near.length > 0 ? ` Closest: ${near.join(', ')}.` : ''} Run \`skillhub rules\` for the list.\n`);
    return 1;
  }
  io.stdout(renderRuleDocs(rule));
  return 0;
}

/** A rule's docs as Markdown, with its examples and what the rule reports on each. */
export function renderRuleDocs(rule: Rule): string {
  const parts = [`# ${rule.id}`, '', `${rule.description} (${rule.severity})`, '', rule.docs, ''];
  for (const example of rule.examples) {
    parts.push(`## ${example.expected.length === 0 ? 'Good' : 'Bad'}: ${example.title}`, '');
    if (example.options?.maxFileSize !== undefined) parts.push(`With \`--max-file-size ${example.options.maxFileSize}\`.`, '');
    for (const [file, content] of Object.entries(example.files)) {
      const text = typeof content === 'string' ? content : `(bytes) ${Buffer.from(content).toString('hex').replace(/(..)/g, '$1 ').trim()}`;
      const fence = text.includes('```') ? '````' : '```';
      parts.push(`\`${file}\`:`, '', `${fence}markdown`, text.replace(/\n$/, ''), fence, '');
    }
    parts.push(example.expected.length === 0 ? 'No diagnostics.' : ['Reports:', '', '```text', ...example.expected, '```'].join('\n'), '');
  }
  return `${parts.join('\n')}`;
}
