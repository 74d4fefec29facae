import { joinOr } from '../../core/words.js';
/**
 * JSON Schema fragments and JSON values in words, for messages a person reads:
 * `{type: number, minimum: 0, maximum: 1}` is "a number from 0 to 1".
 */
type Schema = Record<string, unknown>;

const FORMAT_WORDS: Record<string, string> = {
  uri: 'a URL',
  url: 'a URL',
  'uri-reference': 'a URL or a relative reference',
  email: 'an email address',
  'date-time': 'a date and time (RFC 3339)',
  date: 'a date (YYYY-MM-DD)',
  uuid: 'a UUID',
};

/** Follows a local `$ref` (`#/...`) inside the root schema; other references stay unresolved. */
export function resolveRef(schema: unknown, root: unknown): unknown {
  let current = schema;
  for (let hops = 0; hops < 16 && isSchema(current) && typeof current['$ref'] === 'string'; hops++) {
    const ref = current['$ref'];
    if (!ref.startsWith('#')) return current;
    current = schemaAtPath(root, ref);
  }
  return current;
}

/** The schema at an ajv schema path such as `#/properties/strength/type` (the keyword dropped by the caller). */
export function schemaAtPath(root: unknown, path: string): unknown {
  const body = path.startsWith('#') ? path.slice(1) : path;
  if (body === '') return root;
  let current = root;
  for (const raw of body.slice(1).split('/')) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

export function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A noun phrase for what a value of this schema must be. */
export function describeSchema(schema: unknown, root: unknown): string {
  const resolved = resolveRef(schema, root);
  if (resolved === true || resolved === undefined) return 'any value';
  if (resolved === false) return 'nothing (no value is allowed)';
  if (!isSchema(resolved)) return 'a valid value';
  if ('const' in resolved) return `exactly ${showJson(resolved['const'])}`;
  if (Array.isArray(resolved['enum'])) return `one of ${joinOr(resolved['enum'].map(showJson))}`;
  const alternatives = (resolved['anyOf'] ?? resolved['oneOf']) as unknown;
  const types = typeList(resolved['type']);
  if (types.length === 0 && Array.isArray(alternatives)) {
    return joinOr(alternatives.map((alternative) => describeSchema(alternative, root)));
  }
  if (types.length === 0) return 'a valid value';
  return joinOr(types.map((type) => describeType(type, resolved, root)));
}

function describeType(type: string, schema: Schema, root: unknown): string {
  switch (type) {
    case 'string':
      return describeString(schema);
    case 'number':
      return withRange('a number', schema);
    case 'integer':
      return withRange('a whole number', schema);
    case 'boolean':
      return '`true` or `false`';
    case 'null':
      return '`null`';
    case 'array':
      return describeArray(schema, root);
    case 'object':
      return 'an object';
    default:
      return `a ${type}`;
  }
}

function describeString(schema: Schema): string {
  const format = typeof schema['format'] === 'string' ? FORMAT_WORDS[schema['format']] : undefined;
  let phrase = format ?? 'a string';
  const minLength = numberOr(schema['minLength']);
  const maxLength = numberOr(schema['maxLength']);
  if (format === undefined && minLength === 1 && maxLength === undefined) phrase = 'a non-empty string';
  else if (minLength !== undefined && maxLength !== undefined) phrase += ` of ${minLength} to ${maxLength} characters`;
  else if (minLength !== undefined && minLength > 1) phrase += ` of at least ${minLength} characters`;
  else if (maxLength !== undefined) phrase += ` of at most ${maxLength} characters`;
  if (typeof schema['pattern'] === 'string') {
    const example = Array.isArray(schema['examples']) ? schema['examples'][0] : undefined;
    phrase += typeof example === 'string' ? ` like ${JSON.stringify(example)}` : ` matching \`${schema['pattern']}\``;
  }
  return phrase;
}

function withRange(noun: string, schema: Schema): string {
  const min = numberOr(schema['minimum']);
  const max = numberOr(schema['maximum']);
  const exclusiveMin = numberOr(schema['exclusiveMinimum']);
  const exclusiveMax = numberOr(schema['exclusiveMaximum']);
  const parts: string[] = [];
  if (min !== undefined && max !== undefined) parts.push(`from ${min} to ${max}`);
  else if (min !== undefined) parts.push(`of ${min} or more`);
  else if (max !== undefined) parts.push(`of ${max} or less`);
  if (exclusiveMin !== undefined) parts.push(`greater than ${exclusiveMin}`);
  if (exclusiveMax !== undefined) parts.push(`less than ${exclusiveMax}`);
  const multipleOf = numberOr(schema['multipleOf']);
  if (multipleOf !== undefined) parts.push(`a multiple of ${multipleOf}`);
  return parts.length === 0 ? noun : `${noun} ${parts.join(' and ')}`;
}

function describeArray(schema: Schema, root: unknown): string {
  let phrase = 'a list';
  const items = resolveRef(schema['items'], root);
  if (isSchema(items)) {
    const item = describeSchema(items, root);
    phrase += PLURALS[item] ? ` of ${PLURALS[item]}` : ` whose items are each ${item}`;
  }
  const minItems = numberOr(schema['minItems']);
  const maxItems = numberOr(schema['maxItems']);
  if (minItems !== undefined && maxItems !== undefined) phrase += ` with ${minItems} to ${maxItems} items`;
  else if (minItems !== undefined && minItems > 0) phrase += ` with at least ${minItems} item${minItems === 1 ? '' : 's'}`;
  else if (maxItems !== undefined) phrase += ` with at most ${maxItems} items`;
  return phrase;
}

const PLURALS: Record<string, string> = {
  'a string': 'strings',
  'a non-empty string': 'non-empty strings',
  'a URL': 'URLs',
  'a number': 'numbers',
  'a whole number': 'whole numbers',
  'an object': 'objects',
  '`true` or `false`': 'booleans',
};

/** A value as the message quotes it: `the string "high"`, `the number 1.5`, `a list`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `\`${value}\``;
  if (value === null) return '`null`';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

export function showJson(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : `\`${JSON.stringify(value)}\``;
}

/** `a`, `a or b`, `a, b or c`. */

function typeList(type: unknown): string[] {
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((item): item is string => typeof item === 'string') : [];
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

export { joinOr };
