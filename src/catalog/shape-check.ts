import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { fieldKey, inputShellOf, withoutAnnotations } from '../core/input-shell.js';

/** A yes/no check of one value. */
export type ValueCheck = (value: unknown) => boolean;


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
    const key = fieldKey(schema);
    if (key === undefined) return undefined;
    let check = this.byText.get(key);
    if (check === undefined) {
      check = this.compile(withoutAnnotations(schema));
      this.byText.set(key, check);
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

/**
 * The verdict of a derived input schema (an object with properties, required fields,
 * `additionalProperties: false` and `anyOf` groups of required fields) from shared field checks,
 * with exactly ajv's semantics for those keywords. Undefined when the schema uses anything else, so
 * the caller uses ajv alone. Only a `true` is final: a payload this check refuses goes to the
 * skill's full validator, which gives the errors (test/catalog-shape-check.test.ts holds the two to
 * the same verdicts).
 */
export function inputShapeCheck(schema: unknown, fields: SharedFieldChecks): ValueCheck | undefined {
  const shell = inputShellOf(schema);
  if (!shell) return undefined;
  const { names, properties, required, groups, closed } = shell;
  // Names the prototype of every object knows would read differently from ajv's code.
  const all = [...names, ...required, ...groups.flat()];
  if (all.some((name) => name in Object.prototype)) return undefined;
  const checks: ValueCheck[] = [];
  for (const name of names) {
    const check = fields.get(properties[name]);
    if (!check) return undefined;
    checks.push(check);
  }
  const known = new Set(names);
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
