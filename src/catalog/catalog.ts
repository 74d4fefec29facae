import type { ValidateFunction } from 'ajv';
import { describePayloadErrorsUpTo } from '../check/payload/describe-errors.js';
import { closestMatches } from '../core/suggest.js';
import { summaryOf } from '../publish/summary.js';
import { createPayloadAjv } from './ajv.js';
import { inputShapeCheck, SharedFieldChecks, type ValueCheck } from './shape-check.js';
import { listFilterOf } from './list-filter.js';
import type { SkillDocument } from './documents.js';
import {
  CatalogError,
  DEFAULT_LIST_LIMIT,
  MAX_LIST_LIMIT,
  type Catalog,
  type CatalogIndex,
  type ListQuery,
  type PayloadError,
  type PublishedSkill,
  type SkillList,
  type SkillSchemas,
  type SkillSummary,
  type ValidateOptions,
  type ValidationResult,
} from './types.js';

interface Entry {
  summary: SkillSummary;
  /** Parses and checks the document; called once, at the skill's first use. */
  parse: () => PublishedSkill;
  opened?: { skill: PublishedSkill; schemas: SkillSchemas } | CatalogError;
  /** The shared-field check of valid payloads, made at first use (null: the schema needs ajv alone). */
  shape?: ValueCheck | null;
  /** The skill's own validator, compiled at its first refused payload. */
  validate?: ValidateFunction;
}

/** Lower-cased id, name, description and tags, one per line, and the tags, for `list`. */
interface Searchable {
  entry: Entry;
  haystack: string;
  tags: ReadonlySet<string>;
}

/** The answer to every valid payload: one frozen object, so the hot path allocates nothing. */
const VALID: ValidationResult = Object.freeze({ valid: true, errors: Object.freeze([]) as unknown as PayloadError[] });

/**
 * A catalog over documents already read and checked (see loadCatalog). Everything it hands out is
 * frozen, so callers share the objects safely; each skill's validator is compiled on first use
 * and kept for the life of this catalog.
 */
export function createCatalog(index: CatalogIndex, skills: readonly PublishedSkill[]): Catalog {
  const byId = new Map(skills.map((skill) => [skill.id, skill]));
  const documents: SkillDocument[] = [];
  for (const { id } of index.skills) {
    const skill = byId.get(id);
    if (!skill) continue;
    const frozen = deepFreeze(structuredClone(skill));
    documents.push({ summary: summaryOf(frozen), parse: () => frozen });
  }
  return catalogOver(index.sha256, documents);
}

/**
 * The catalog over skill documents that are parsed and checked at their first use (get, schema
 * or validateInput): a document that fails is refused then, and at every later use, with the same
 * CatalogError. Documents it parses itself are frozen in place, not copied.
 */
export function catalogOver(sha256: string, documents: readonly SkillDocument[]): Catalog {
  const ordered: Entry[] = documents.map(({ summary, parse }) => ({ summary: freezeSummary(summary), parse }));
  const entries = new Map(ordered.map((entry) => [entry.summary.id, entry]));
  const ids = Object.freeze(ordered.map((entry) => entry.summary.id));
  let searchable: Searchable[] | undefined;
  let ajv: ReturnType<typeof createPayloadAjv> | undefined;
  const fieldChecks = new SharedFieldChecks();

  const open = (entry: Entry): { skill: PublishedSkill; schemas: SkillSchemas } => {
    if (entry.opened === undefined) {
      try {
        const skill = deepFreeze(entry.parse());
        entry.opened = { skill, schemas: Object.freeze({ input_schema: skill.input_schema, output_schema: skill.output_schema }) };
      } catch (error) {
        if (!(error instanceof CatalogError)) throw error;
        entry.opened = error;
      }
    }
    if (entry.opened instanceof CatalogError) throw new CatalogError(entry.opened.message);
    return entry.opened;
  };

  /** The fast yes/no check from shared field checks, when the skill's schema has the derived shape. */
  const shapeCheckFor = (entry: Entry): ValueCheck | null => {
    entry.shape = inputShapeCheck(open(entry).schemas.input_schema, fieldChecks) ?? null;
    return entry.shape;
  };

  const validatorFor = (entry: Entry): ValidateFunction => {
    if (!entry.validate) {
      ajv ??= createPayloadAjv();
      try {
        entry.validate = ajv.compile(open(entry).schemas.input_schema);
      } catch (error) {
        throw new CatalogError(`the input schema of ${entry.summary.id} does not compile: ${(error as Error).message}`);
      }
    }
    return entry.validate;
  };

  return {
    sha256,
    ids,
    list(query: ListQuery = {}): SkillList {
      const limit = checkedCount(query.limit, 'limit', DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
      const offset = checkedCount(query.offset, 'offset', 0, Number.MAX_SAFE_INTEGER);
      const wanted = listFilterOf(query);
      searchable ??= ordered.map((entry) => ({
        entry,
        haystack: [entry.summary.id, entry.summary.name, entry.summary.description, ...entry.summary.tags].join('\n').toLowerCase(),
        tags: new Set(entry.summary.tags.map((tag) => tag.toLowerCase())),
      }));
      const matching = searchable.filter(({ entry, tags, haystack }) => wanted(entry.summary, tags, haystack));
      return { items: matching.slice(offset, offset + limit).map(({ entry }) => entry.summary), total: matching.length, limit, offset };
    },
    get(id) {
      const entry = entries.get(id);
      return entry && open(entry).skill;
    },
    schema(id) {
      const entry = entries.get(id);
      return entry && open(entry).schemas;
    },
    validateInput(id: string, payload: unknown, options: ValidateOptions = {}): ValidationResult | undefined {
      const entry = entries.get(id);
      if (entry === undefined) return undefined;
      // A valid payload needs no messages: the shared checks decide; a refusal is explained by ajv.
      const shape = entry.shape === undefined ? shapeCheckFor(entry) : entry.shape;
      if (shape !== null && shape(payload)) return VALID;
      const validate = validatorFor(entry);
      if (validate(payload)) return VALID;
      const { problems, total } = describePayloadErrorsUpTo(validate.errors ?? [], payload, open(entry).schemas.input_schema, options.maxErrors);
      const errors = problems.map(({ pointer, message, keyword }) => ({ path: pointer, message, keyword }));
      return total > errors.length ? { valid: false, errors, error_count: total } : { valid: false, errors };
    },
    closestIds: (id) => closestMatches(id, ids),
  };
}

function freezeSummary(summary: SkillSummary): SkillSummary {
  Object.freeze(summary.tags);
  return Object.freeze(summary);
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
