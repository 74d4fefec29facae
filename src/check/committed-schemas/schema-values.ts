/** Reading a schema's plain JSON value, shared by the exact comparison and its quick check. */

/** The JSON types a schema allows, in words (`"string"`, `"string" or "array"`); union types and `anyOf` alike. */
export function typeOf(schema: unknown): string | undefined {
  const types = typesOf(objectOr(schema));
  return types.length === 0 ? undefined : types.map((type) => `"${type}"`).join(' or ');
}

function typesOf(schema: Record<string, unknown>): string[] {
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return [...new Set(type.map(String))].sort();
  const branches = schema['anyOf'] ?? schema['oneOf'];
  if (!Array.isArray(branches)) return [];
  return [...new Set(branches.flatMap((branch) => typesOf(objectOr(branch))))].sort();
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function objectOr(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

export function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
