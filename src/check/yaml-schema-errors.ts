import type { ErrorObject } from 'ajv';

/** Helpers for wording ajv errors about YAML data (front matter, agents/openai.yaml). */

/** The data path of an ajv error, as keys and list indexes. */
export function dataPathOf(error: ErrorObject): Array<string | number> {
  if (error.instancePath === '') return [];
  return error.instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** `interface.default_prompt`, `tags[1]`. */
export function dottedPath(path: ReadonlyArray<string | number>): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

export function valueAtPath(data: unknown, path: ReadonlyArray<string | number>): unknown {
  let value = data;
  for (const segment of path) value = (value as Record<string | number, unknown> | undefined)?.[segment];
  return value;
}

/** A value as a message shows it: text quoted, lists and mappings named, the rest in code. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return '`null`';
  if (typeof value === 'object') return 'a mapping';
  return `\`${String(value)}\``;
}
