import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { MAX_JSON_DEPTH, tooDeepAt } from '../core/json-depth.js';

export type ParsedJson =
  | { ok: true; value: unknown }
  /** `reason` is a jsonc-parser error code (`CommaExpected`), or words for a document nested too deep. */
  | { ok: false; kind: 'syntax' | 'too-deep'; offset: number; reason: string };

/**
 * Strict JSON: jsonc-parser finds the first error with its offset (comments and trailing commas
 * count as errors); the value then comes from JSON.parse, which keeps a `__proto__` key as an
 * ordinary key where jsonc-parser would set the object's prototype. Text nested more than
 * MAX_JSON_DEPTH levels is refused unread: jsonc-parser recurses and would overflow the stack.
 */
export function parseJson(text: string): ParsedJson {
  const deep = tooDeepAt(text);
  if (deep !== undefined) return { ok: false, kind: 'too-deep', offset: deep, reason: `it nests more than ${MAX_JSON_DEPTH} levels deep` };
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) return { ok: false, kind: 'syntax', offset: first.offset, reason: printParseErrorCode(first.error) };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, kind: 'syntax', offset: 0, reason: (error as Error).message };
  }
}

/**
 * The object a text holds when parseJson would accept it and it is an object, else undefined,
 * without jsonc-parser's pass: every text JSON.parse accepts is one jsonc-parser reads without
 * errors under parseJson's options (it is strict JSON; jsonc-parser only accepts more, such as
 * other white space), and parseJson's value is JSON.parse's. test/json-text.test.ts compares both
 * on generated and mutated texts.
 */
export function jsonObjectValue(text: string): Record<string, unknown> | undefined {
  if (tooDeepAt(text) !== undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  return isPlainObject(value) ? value : undefined;
}

/** Like parseJson, for text that must hold one JSON object. */
export function parseJsonObject(text: string): ParsedJson {
  const parsed = parseJson(text);
  if (parsed.ok && !isPlainObject(parsed.value)) return { ok: false, kind: 'syntax', offset: 0, reason: 'expected an object' };
  return parsed;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
