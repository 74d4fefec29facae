import type { FileRule } from '../rule.js';
import type { CommandFinding } from './document-commands.js';

/** The check of a command rule: report the document's command findings of one kind. */
export function reportCommandFindings(kind: CommandFinding['kind']): FileRule['check'] {
  return ({ analysis, report }) => {
    for (const finding of analysis.facts.commandFindings ?? []) if (finding.kind === kind) report(finding.range, finding.message);
  };
}
