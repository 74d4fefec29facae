import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** A yes/no check of one value. */
export type ValueCheck = (value: unknown) => boolean;

/** Keywords that only describe: ajv's verdict does not depend on them. */
const ANNOTATIONS = new Set(['description', 'deprecated', 'examples', 'title', '$comment', 'default', 'readOnly', 'writeOnly']);
/** The top-level keywords a derived input schema uses; any other one sends the skill to ajv alone. */
const SHAPE_KEYWORDS = new Set(['$schema', 'type', 'properties', 'required', 'additionalProperties', 'anyOf', ...ANNOTATIONS]);

/**
 * Field checks shared by every skill of a catalog: each field schema is compiled once, by its
 * validating keywords, however many skills list the field. With the catalog's field vocabulary a
 * few dozen small functions serve thousands of skills, so they stay hot in the JIT whichever skill
 * a payload is for.
 */
export class SharedFieldChecks {
  private ajv: Ajv2020 | undefined;
  private readonly byText = new Map<string, ValueCheck | null>();

  /** The check of one property schema, or undefined when it does not compile on its own. */
  get(schema: unknown): ValueCheck | undefined {
    const validating = typeof schema === 'object' && schema !== null && !Array.isArray(schema) ? withoutAnnotations(schema as Record<string, unknown>) : schema;
    const text = JSON.stringify(validating);
    let check = this.byText.get(text);
    if (check === undefined) {
      check = text.includes('"$ref"') || text.includes('"$dynamicRef"') ? null : this.compile(validating);
      this.byText.set(text, check);
    }
    return check ?? undefined;
  }

  private compile(schema: unknown): ValueCheck | null {
    // The catalog's settings (catalog/ajv.ts) without allErrors: a verdict needs only the first failure.
    this.ajv ??= addFormats.default(new Ajv2020({ strict: true, allowUnionTypes: true }));
    try {
      // Called as it is: a wrapper would be one more call on the hot path.
      return this.ajv.compile(schema as object) as ValueCheck;
    } catch {
      return null;
    }
  }
}

function withoutAnnotations(schema: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema).filter(([keyword]) => !ANNOTATIONS.has(keyword)));
}

/**
 * The verdict of a derived input schema (an object with properties, required fields,
 * `additionalProperties: false` and `anyOf` groups of required fields) from shared field checks,
 * with exactly ajv's semantics for those keywords. Undefined when the schema uses anything else, so
 * the caller uses ajv alone. Only a `true` is final: a payload this check refuses goes to the
 * skill's full validator, which gives the errors (test/catalog-shape-check.test.ts holds the two to
 * the same verdicts).
 */
export function inputShapeCheck(schema: unknown, fields: SharedFieldChecks): ValueCheck | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return undefined;
  const top = schema as Record<string, unknown>;
  if (!Object.keys(top).every((keyword) => SHAPE_KEYWORDS.has(keyword)) || top['type'] !== 'object') return undefined;
  const properties = top['properties'] ?? {};
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) return undefined;
  const names = Object.keys(properties);
  const required = stringList(top['required'] ?? []);
  const groups = top['anyOf'] === undefined ? [] : anyOfGroups(top['anyOf']);
  const additional = top['additionalProperties'];
  if (!required || !groups || (additional !== undefined && typeof additional !== 'boolean')) return undefined;
  if (!required.every((name) => Object.hasOwn(properties, name))) return undefined;
  // Names the prototype of every object knows would read differently from ajv's code.
  const all = [...names, ...required, ...groups.flat()];
  if (all.some((name) => name in Object.prototype)) return undefined;
  const checks: ValueCheck[] = [];
  for (const name of names) {
    const check = fields.get((properties as Record<string, unknown>)[name]);
    if (!check) return undefined;
    checks.push(check);
  }
  const known = new Set(names);
  const closed = additional === false;
  // Each listed name of an `anyOf` group gets a bit, so a group is one mask test; a group naming a
  // field that is not listed (or more than 30 such names) is tested name by name instead.
  const grouped = [...new Set(groups.flat())];
  const bitwise = grouped.length <= 30 && grouped.every((name) => known.has(name));
  const masks = bitwise ? groups.map((group) => group.reduce((mask, name) => mask | (1 << grouped.indexOf(name)), 0)) : [];
  // One flat array per skill, [name, check, flags] per field: a server checking payloads for
  // thousands of skills touches a few cache lines per payload, not one array per attribute.
  // flags: bit 0 = required, the others = the field's group bit, shifted by one.
  const plan: Array<string | ValueCheck | number> = [];
  names.forEach((name, index) => {
    const groupBit = bitwise && grouped.includes(name) ? 1 << grouped.indexOf(name) : 0;
    plan.push(name, checks[index] as ValueCheck, (groupBit << 1) | (required.includes(name) ? 1 : 0));
  });
  return (data) => {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
    const record = data as Record<string, unknown>;
    let present = 0;
    for (let index = 0; index < plan.length; index += 3) {
      const value = record[plan[index] as string];
      const flags = plan[index + 2] as number;
      if (value === undefined) {
        if ((flags & 1) === 1) return false;
      } else {
        if (!(plan[index + 1] as ValueCheck)(value)) return false;
        present |= flags;
      }
    }
    // ajv walks the keys with for...in too.
    if (closed) for (const key in record) if (!known.has(key)) return false;
    if (groups.length === 0) return true;
    if (!bitwise) return someGroupPresent(groups, record);
    present >>= 1;
    for (let index = 0; index < masks.length; index++) if ((present & (masks[index] as number)) === masks[index]) return true;
    return false;
  };
}

function someGroupPresent(groups: readonly string[][], record: Record<string, unknown>): boolean {
  for (const group of groups) {
    let present = true;
    for (let index = 0; index < group.length && present; index++) present = record[group[index] as string] !== undefined;
    if (present) return true;
  }
  return false;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
}

/** `anyOf` branches of the form `{properties: {a: true, ...}, required: [a, ...]}`. */
function anyOfGroups(anyOf: unknown): string[][] | undefined {
  if (!Array.isArray(anyOf) || anyOf.length === 0) return undefined;
  const groups: string[][] = [];
  for (const branch of anyOf) {
    if (typeof branch !== 'object' || branch === null || Array.isArray(branch)) return undefined;
    const { required, properties, ...rest } = branch as Record<string, unknown>;
    if (Object.keys(rest).length > 0) return undefined;
    if (properties !== undefined && (typeof properties !== 'object' || properties === null || !Object.values(properties).every((value) => value === true))) {
      return undefined;
    }
    const names = stringList(required ?? []);
    // As ajv's strict mode (strictRequired) wants it, each required name is listed in the branch.
    if (!names || !names.every((name) => Object.hasOwn(properties ?? {}, name))) return undefined;
    groups.push(names);
  }
  return groups;
}
