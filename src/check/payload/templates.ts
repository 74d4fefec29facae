import type { SkillDocument } from '../../parse/skill-document.js';
import { codeBlocksInSection } from '../commands/code-snippets.js';
import { parseEmbeddedJson, type EmbeddedJson } from './embedded-json.js';
import { codeBlockText } from './embedded-text.js';

export const PAYLOAD_SECTION = 'payload template';

/** Every ```json block under `## Payload template`, parsed with positions in the SKILL.md. */
export function collectPayloadTemplates(doc: SkillDocument): EmbeddedJson[] {
  return codeBlocksInSection(doc, PAYLOAD_SECTION, 'json').map((node) => parseEmbeddedJson(doc.source, codeBlockText(doc.source, node)));
}
