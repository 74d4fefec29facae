import type { SkillDocument } from '../parse/skill-document.js';
import type { JsonSchema } from './index.js';
import { FIELD_NAME } from './rule-ids.js';
import { defineOwn, orderedSchema } from './schema-order.js';
import type { FieldVocabulary } from './vocabulary.js';
import { forEachNode } from './walk.js';

export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * The shared job result, plus the fields that `## Output handling` names in code spans and the
 * output vocabulary knows (in the order they are first named). Pure.
 */
export function assembleOutputSchema(doc: SkillDocument, vocabulary: FieldVocabulary): { schema: JsonSchema; named: string[] } {
  const jobResult = vocabulary.jobResult;
  const properties: JsonSchema = {};
  for (const [name, schema] of Object.entries((jobResult['properties'] ?? {}) as Record<string, JsonSchema>)) {
    defineOwn(properties, name, orderedSchema(schema));
  }
  const named = new Set<string>();
  for (const section of doc.sections) {
    if (section.key !== 'output handling') continue;
    forEachNode(section.children, (node) => {
      if (node.type !== 'inlineCode') return;
      if (Object.hasOwn(properties, node.value) || vocabulary.output.has(node.value)) named.add(node.value);
      const entry = vocabulary.output.get(node.value);
      if (entry && FIELD_NAME.test(node.value) && !Object.hasOwn(properties, node.value)) defineOwn(properties, node.value, orderedSchema(entry));
    });
  }
  const schema: JsonSchema = { $schema: SCHEMA_DIALECT };
  if (typeof jobResult['description'] === 'string') schema['description'] = jobResult['description'];
  schema['type'] = 'object';
  schema['properties'] = properties;
  if (Array.isArray(jobResult['required'])) schema['required'] = [...(jobResult['required'] as string[])];
  return { schema, named: [...named] };
}
