import { fieldKey, inputShellOf } from '../core/input-shell.js';

/**
 * Each input property's field key (the schema its shared check is compiled from), in the shell's
 * order, when a skill page can check payloads with the shared shell (src/site/input-shape.ts);
 * null when the input schema needs a whole validator of its own.
 */
export function pageFieldKeys(schema: Record<string, unknown>): Array<[string, string]> | null {
  const shape = inputShellOf(schema);
  if (!shape) return null;
  const properties = (schema['properties'] ?? {}) as Record<string, unknown>;
  const keys = new Map<string, string>();
  for (const name of shape.names) {
    const key = fieldKey(properties[name]);
    if (key === undefined) return null;
    keys.set(name, key);
  }
  return [...keys];
}
