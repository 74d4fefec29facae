import { createHash } from 'node:crypto';
import { compareStrings } from '../core/diagnostic.js';

/**
 * JSON with object keys in code-unit order at every depth, two-space indent, LF line ends and a
 * final newline: the same value always gives the same bytes, whatever order it was built in.
 */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  // A null prototype makes `__proto__` an ordinary key here, as it is in JSON.
  const sorted = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value).sort(compareStrings)) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry !== undefined) sorted[key] = sortKeys(entry);
  }
  return sorted;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
