import { fieldKey, inputShapeOf } from './input-shape.js';

/**
 * Each property's field key (fieldKey, the identity of its compiled check), in the schema's order,
 * when the page can check the skill's payloads with the shared shell; undefined when it needs a
 * whole validator of its own. `schema` is the input schema as published (keys in code-unit order).
 * Free of ajv, so the per-file phase of a build can make it (src/publish/prepared-skill.ts).
 */
export function fieldKeysOf(schema: Record<string, unknown>): Map<string, string> | undefined {
  const shape = inputShapeOf(schema);
  if (!shape) return undefined;
  const properties = (schema['properties'] ?? {}) as Record<string, unknown>;
  const keys = new Map<string, string>();
  for (const name of shape.names) {
    const key = fieldKey(properties[name]);
    if (key === undefined) return undefined;
    keys.set(name, key);
  }
  return keys;
}
