import type { SkillDocument } from '../parse/skill-document.js';
import { jsonObjectValue } from './json-text.js';
import { forEachNode } from './walk.js';

/**
 * The JSON objects of the ```json blocks under `## Payload template`, in document order.
 * Blocks that do not parse, or nest too deep to parse, are left out: the payload rules report them. Pure.
 */
export function payloadExamples(doc: SkillDocument): Array<Record<string, unknown>> {
  const examples: Array<Record<string, unknown>> = [];
  for (const section of doc.sections) {
    if (section.key !== 'payload template') continue;
    forEachNode(section.children, (node) => {
      if (node.type !== 'code' || node.lang?.toLowerCase() !== 'json') return;
      const example = jsonObjectValue(node.value);
      if (example !== undefined) examples.push(example);
    });
  }
  return examples;
}
