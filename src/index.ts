/**
 * The package entry: what a Node server or tool imports from `popiart-skillhub` to read a built
 * catalog. The linter and the CLI are not part of it.
 */
export { loadCatalog, catalogFromFiles } from './catalog/load.js';
export { createCatalog } from './catalog/catalog.js';
export {
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
} from './catalog/types.js';
