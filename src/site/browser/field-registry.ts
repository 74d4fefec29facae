import type { ErrorObject } from 'ajv';
import { checkInputShape, inputShapeOf, type FieldCheck } from '../input-shape.js';

export type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
/** Precompiled ajv standalone code, CommonJS-shaped, as the build writes it into a script. */
export type Factory = (module: { exports: unknown }, exports: unknown, require: (name: string) => unknown) => void;
export type RuntimeRequire = (name: string) => unknown;

/** Runs one precompiled validator's code: its `module.exports`. */
export function loadFactory(factory: Factory, require: RuntimeRequire): unknown {
  const module: { exports: unknown } = { exports: {} };
  factory(module, module.exports, require);
  return module.exports;
}

/**
 * The field checks a page has (from assets/fields.js and the page itself), by id, each run on first
 * use; and a skill's validator made of them and the shell of its input schema (src/site/input-shape.ts).
 * No DOM: the page script (main.ts) holds one, and test/site-shape.test.ts drives it in Node.
 */
export class FieldCheckRegistry {
  private readonly factories = new Map<string, Factory>();
  private readonly loaded = new Map<string, FieldCheck>();

  constructor(private readonly require: RuntimeRequire) {}

  add(checks: Record<string, Factory>): void {
    for (const [id, factory] of Object.entries(checks)) this.factories.set(id, factory);
  }

  private check(id: string): FieldCheck | undefined {
    let check = this.loaded.get(id);
    const factory = this.factories.get(id);
    if (check === undefined && factory !== undefined) this.loaded.set(id, (check = loadFactory(factory, this.require) as FieldCheck));
    return check;
  }

  /** The validator of `schema` from each property's check id (`ids`), or undefined when one is missing. */
  validatorFor(schema: unknown, ids: Record<string, string>): Validate | undefined {
    const shape = inputShapeOf(schema);
    if (!shape) return undefined;
    const checks = new Map<string, FieldCheck>();
    for (const name of shape.names) {
      const check = Object.prototype.hasOwnProperty.call(ids, name) ? this.check(ids[name] as string) : undefined;
      if (!check) return undefined;
      checks.set(name, check);
    }
    const validate: Validate = (data) => {
      validate.errors = checkInputShape(shape, checks, data);
      return validate.errors === null;
    };
    return validate;
  }
}
