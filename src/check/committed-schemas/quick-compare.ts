import { MAX_JSON_DEPTH, mayNestDeeperThan } from '../../core/json-depth.js';
import type { DerivedSide } from './compare-schemas.js';
import { isObject, objectOr, stringArray, typeOf } from './schema-values.js';

/**
 * Whether a committed schema file certainly has no drift from the derived side, decided on
 * `JSON.parse`'s value alone: the common case (a file written by `--write-schemas`) then costs a
 * parse instead of jsonc-parser's tree, a line index and node lookups (about 8 us against 55 us a
 * file). False means "not certain": compareCommittedSchema then compares with positions as before.
 *
 * It mirrors compareCommittedSchema's checks on the same values. Texts where the two readings
 * could differ are left to it: `__proto__` (jsonc-parser's values assign it, JSON.parse defines it),
 * a key the comparison looks up given twice (the tree finds the first, JSON.parse keeps the last),
 * anything JSON.parse refuses, and nesting deeper than MAX_JSON_DEPTH.
 */
export function certainlyNoDrift(text: string, derived: DerivedSide): boolean {
  if (text.includes('"__proto__"')) return false;
  for (const key of LOOKED_UP_KEYS) {
    const first = text.indexOf(key);
    if (first !== -1 && text.indexOf(key, first + key.length) !== -1) return false;
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return false;
  }
  if (!isObject(root) || (mayNestDeeperThan(text, MAX_JSON_DEPTH) && deeperThan(root, MAX_JSON_DEPTH))) return false;

  const derivedProperties = objectOr(derived.schema['properties']);
  const committedProperties = isObject(root['properties']) ? root['properties'] : {};
  for (const name of Object.keys(derivedProperties)) {
    if (!(name in committedProperties) && !derived.sharedFields?.has(name)) return false;
  }
  for (const name of Object.keys(committedProperties)) {
    if (!(name in derivedProperties)) return false;
    if (typeOf(committedProperties[name]) !== typeOf(derivedProperties[name])) return false;
  }

  if (derived.sharedFields === undefined) {
    const derivedRequired = stringArray(derived.schema['required']);
    const committedRequired: unknown[] = Array.isArray(root['required']) ? root['required'] : [];
    if (derivedRequired.some((name) => !committedRequired.includes(name))) return false;
    if (committedRequired.some((name) => typeof name === 'string' && !derivedRequired.includes(name))) return false;
  }

  const key = (members: readonly string[]) => [...members].sort().join('\u0000');
  const committedKeys = new Set(groupsOf(root).map(key));
  const derivedKeys = new Set(derived.groups.map(key));
  for (const derivedKey of derivedKeys) if (!committedKeys.has(derivedKey)) return false;
  for (const committedKey of committedKeys) if (!derivedKeys.has(committedKey)) return false;
  return true;
}

const LOOKED_UP_KEYS = ['"properties"', '"required"', '"anyOf"', '"oneOf"', '"allOf"'];

/** compare-schemas.ts's groupsOf on values: top-level `anyOf`/`oneOf` and those under `allOf`, by their branches' `required`. */
function groupsOf(root: Record<string, unknown>): string[][] {
  const candidates: unknown[] = [];
  for (const keyword of ['anyOf', 'oneOf']) if (Object.hasOwn(root, keyword)) candidates.push(root[keyword]);
  const allOf = root['allOf'];
  for (const part of Array.isArray(allOf) ? allOf : []) {
    if (!isObject(part)) continue;
    for (const keyword of ['anyOf', 'oneOf']) if (Object.hasOwn(part, keyword)) candidates.push(part[keyword]);
  }
  const groups: string[][] = [];
  for (const candidate of candidates) {
    const branches = Array.isArray(candidate) ? candidate : [];
    const members = branches.flatMap((branch) => stringArray(objectOr(branch)['required']));
    if (members.length > 0) groups.push(members);
  }
  return groups;
}

function deeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit === 0) return true;
  for (const entry of Array.isArray(value) ? value : Object.values(value)) if (deeperThan(entry, limit - 1)) return true;
  return false;
}
