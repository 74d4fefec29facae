import type { SkillDocument } from '../../parse/skill-document.js';
import type { SkillFacts } from '../analysis.js';
import { collectPayloadTemplates } from '../payload/templates.js';
import { collectSkillReferences } from '../references/collect-references.js';
import type { CliSurface } from './cli-surface.js';
import { collectDocumentCommands } from './document-commands.js';

/** What the document's examples say, read once per file: payload templates, commands, skill ids. */
export function collectExampleFacts(
  doc: SkillDocument,
  cli: CliSurface,
): Required<Pick<SkillFacts, 'payloadTemplates' | 'commandFindings' | 'runInvocations' | 'references'>> {
  const commands = collectDocumentCommands(doc, cli);
  return {
    payloadTemplates: collectPayloadTemplates(doc),
    commandFindings: commands.findings,
    runInvocations: commands.runs,
    references: collectSkillReferences(doc),
  };
}
