import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

export type ParsedJson = { ok: true; value: unknown } | { ok: false; offset: number; reason: string };

/**
 * Strict JSON: jsonc-parser finds the first error with its offset (comments and trailing commas
 * count as errors); the value then comes from JSON.parse, which keeps a `__proto__` key as an
 * ordinary key where jsonc-parser would set the object's prototype.
 */
export function parseJson(text: string): ParsedJson {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) return { ok: false, offset: first.offset, reason: printParseErrorCode(first.error) };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, offset: 0, reason: (error as Error).message };
  }
}

/** Like parseJson, for text that must hold one JSON object. */
export function parseJsonObject(text: string): ParsedJson {
  const parsed = parseJson(text);
  if (parsed.ok && !isPlainObject(parsed.value)) return { ok: false, offset: 0, reason: 'expected an object' };
  return parsed;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
