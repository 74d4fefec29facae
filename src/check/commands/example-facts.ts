import type { SkillDocument } from '../../parse/skill-document.js';
import type { SkillFacts } from '../analysis.js';
import { collectPayloadTemplates } from '../payload/templates.js';
import { collectSkillReferences } from '../references/collect-references.js';
import type { CliSurface } from './cli-surface.js';
import { collectDocumentCommands } from './document-commands.js';
import type { ParsedSnippet } from './document-shell.js';

/** What the document's examples say, read once per file: payload templates, commands, skill ids. */
export function collectExampleFacts(
  doc: SkillDocument,
  cli: CliSurface,
  snippets?: readonly ParsedSnippet[],
): Required<Pick<SkillFacts, 'payloadTemplates' | 'commandFindings' | 'runInvocations' | 'references'>> {
  const commands = collectDocumentCommands(doc, cli, snippets);
  return {
    payloadTemplates: collectPayloadTemplates(doc),
    commandFindings: commands.findings,
    runInvocations: commands.runs,
    references: collectSkillReferences(doc),
  };
}
