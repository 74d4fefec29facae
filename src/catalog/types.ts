import type { CatalogIndex, PublishedSkill, SkillSchemas, SkillSummary } from '../publish/model.js';

export type { CatalogIndex, PublishedSkill, SkillSchemas, SkillSummary };

/** `popiart skills list` filters: all optional. */
export interface ListQuery {
  /** Only skills with exactly this tag; several tags: only skills with all of them. */
  tag?: string | readonly string[];
  /** Only skills of this model type (`image`, `video`, ...). */
  model_type?: string;
  /** Only skills of this category (the id's `<category>` word). */
  category?: string;
  /** Only skills of this capability (the id's `<capability>` word). */
  capability?: string;
  /** Only default-profile skills (true) or only the others (false). */
  default_profile?: boolean;
  /** Words that must all occur (case-insensitively) in the id, name, description or tags. */
  search?: string;
  /** Page size, 0 to MAX_LIST_LIMIT; default DEFAULT_LIST_LIMIT. */
  limit?: number;
  /** Skills to skip, default 0. */
  offset?: number;
}

export interface SkillList {
  items: SkillSummary[];
  /** How many skills match, before paging. */
  total: number;
  limit: number;
  offset: number;
}

export interface PayloadError {
  /** JSON Pointer into the payload (`""` for the payload itself). */
  path: string;
  /** One sentence for a person that says what was expected. */
  message: string;
  /** The JSON Schema keyword that failed (`anyOf` for a group of alternatives). */
  keyword: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: PayloadError[];
  /** Present when `errors` was cut at `maxErrors`: how many problems the payload has in all. */
  error_count?: number;
}

export interface ValidateOptions {
  /** Describe at most this many problems (the server uses 100); the rest are only counted. */
  maxErrors?: number;
}

export interface Catalog {
  /** The catalog digest (catalog.json `sha256`). */
  readonly sha256: string;
  /** The ids, sorted. */
  readonly ids: readonly string[];
  list(query?: ListQuery): SkillList;
  /** The full skill, or undefined for an unknown id. */
  get(id: string): PublishedSkill | undefined;
  /** `{input_schema, output_schema}`, or undefined for an unknown id. */
  schema(id: string): SkillSchemas | undefined;
  /** Checks a payload against the skill's input schema; undefined for an unknown id. */
  validateInput(id: string, payload: unknown, options?: ValidateOptions): ValidationResult | undefined;
  /** Known ids close to a mistyped one, best first. */
  closestIds(id: string): string[];
}

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 1000;

/** A catalog that cannot be read, or a query that cannot be answered. */
export class CatalogError extends Error {
  override name = 'CatalogError';
}
