import type { ValidateFunction } from 'ajv';
import { describePayloadErrorsUpTo } from '../check/payload/describe-errors.js';
import { closestMatches } from '../core/suggest.js';
import { summaryOf } from '../publish/build.js';
import { createPayloadAjv } from './ajv.js';
import { inputShapeCheck, SharedFieldChecks, type ValueCheck } from './shape-check.js';
import { listFilterOf } from './list-filter.js';
import {
  CatalogError,
  DEFAULT_LIST_LIMIT,
  MAX_LIST_LIMIT,
  type Catalog,
  type CatalogIndex,
  type ListQuery,
  type PublishedSkill,
  type SkillList,
  type SkillSchemas,
  type SkillSummary,
  type ValidateOptions,
  type ValidationResult,
} from './types.js';

interface Entry {
  summary: SkillSummary;
  skill: PublishedSkill;
  schemas: SkillSchemas;
  /** Lower-cased id, name, description and tags, one per line, for `search`. */
  haystack: string;
  tags: ReadonlySet<string>;
  /** The shared-field check of valid payloads, made at first use (null: the schema needs ajv alone). */
  shape?: ValueCheck | null;
}

/**
 * A catalog over documents already read and checked (see loadCatalog). Everything it hands out is
 * frozen, so callers share the objects safely; each skill's validator is compiled on first use
 * and kept for the life of this catalog.
 */
export function createCatalog(index: CatalogIndex, skills: readonly PublishedSkill[]): Catalog {
  const entries = new Map<string, Entry>();
  for (const skill of skills) {
    const frozen = deepFreeze(structuredClone(skill));
    const { input_schema, output_schema } = frozen;
    entries.set(skill.id, {
      summary: Object.freeze(summaryOf(frozen)),
      skill: frozen,
      schemas: Object.freeze({ input_schema, output_schema }),
      haystack: [skill.id, skill.name, skill.description, ...skill.tags].join('\n').toLowerCase(),
      tags: new Set(skill.tags.map((tag) => tag.toLowerCase())),
    });
  }
  const ordered = index.skills.map((summary) => entries.get(summary.id)).filter((entry): entry is Entry => entry !== undefined);
  const ids = Object.freeze(ordered.map((entry) => entry.summary.id));
  let ajv: ReturnType<typeof createPayloadAjv> | undefined;
  const validators = new Map<string, ValidateFunction>();
  const fieldChecks = new SharedFieldChecks();

  /** The fast yes/no check from shared field checks, when the skill's schema has the derived shape. */
  const shapeCheckFor = (entry: Entry): ValueCheck | null => {
    if (entry.shape === undefined) entry.shape = inputShapeCheck(entry.schemas.input_schema, fieldChecks) ?? null;
    return entry.shape;
  };

  const validatorFor = (entry: Entry): ValidateFunction => {
    let validate = validators.get(entry.summary.id);
    if (!validate) {
      ajv ??= createPayloadAjv();
      try {
        validate = ajv.compile(entry.schemas.input_schema);
      } catch (error) {
        throw new CatalogError(`the input schema of ${entry.summary.id} does not compile: ${(error as Error).message}`);
      }
      validators.set(entry.summary.id, validate);
    }
    return validate;
  };

  return {
    sha256: index.sha256,
    ids,
    list(query: ListQuery = {}): SkillList {
      const limit = checkedCount(query.limit, 'limit', DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
      const offset = checkedCount(query.offset, 'offset', 0, Number.MAX_SAFE_INTEGER);
      const wanted = listFilterOf(query);
      const matching = ordered.filter((entry) => wanted(entry.summary, entry.tags, entry.haystack));
      return { items: matching.slice(offset, offset + limit).map((entry) => entry.summary), total: matching.length, limit, offset };
    },
    get: (id) => entries.get(id)?.skill,
    schema: (id) => entries.get(id)?.schemas,
    validateInput(id: string, payload: unknown, options: ValidateOptions = {}): ValidationResult | undefined {
      const entry = entries.get(id);
      if (!entry) return undefined;
      // A valid payload needs no messages: the shared checks decide; a refusal is explained by ajv.
      if (shapeCheckFor(entry)?.(payload)) return { valid: true, errors: [] };
      const validate = validatorFor(entry);
      if (validate(payload)) return { valid: true, errors: [] };
      const { problems, total } = describePayloadErrorsUpTo(validate.errors ?? [], payload, entry.schemas.input_schema, options.maxErrors);
      const errors = problems.map(({ pointer, message, keyword }) => ({ path: pointer, message, keyword }));
      return total > errors.length ? { valid: false, errors, error_count: total } : { valid: false, errors };
    },
    closestIds: (id) => closestMatches(id, ids),
  };
}

function checkedCount(value: number | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new CatalogError(`\`${name}\` must be a whole number from 0 to ${max}, got ${String(value)}`);
  }
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
