import type { Nodes } from 'mdast';
import type { SkillDocument } from '../parse/skill-document.js';
import { isPlainObject, parseJson } from './json-text.js';

/**
 * The JSON objects of the ```json blocks under `## Payload template`, in document order.
 * Blocks that do not parse are left out: the payload rules report them. Pure.
 */
export function payloadExamples(doc: SkillDocument): Array<Record<string, unknown>> {
  const examples: Array<Record<string, unknown>> = [];
  for (const section of doc.sections) {
    if (section.key !== 'payload template') continue;
    for (const node of section.children) visitCode(node, (lang, value) => {
      if (lang?.toLowerCase() !== 'json') return;
      const parsed = parseJson(value);
      if (parsed.ok && isPlainObject(parsed.value)) examples.push(parsed.value);
    });
  }
  return examples;
}

function visitCode(node: Nodes, visit: (lang: string | null | undefined, value: string) => void): void {
  if (node.type === 'code') visit(node.lang, node.value);
  else if ('children' in node) for (const child of node.children as Nodes[]) visitCode(child, visit);
}
