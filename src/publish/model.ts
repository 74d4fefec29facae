import type { JsonSchema } from '../derive/index.js';

/**
 * The published catalog's shapes. Field names are those the `popiart` CLI and server read
 * (snake_case), so a document can be served as it is.
 */
export interface SkillSummary {
  id: string;
  /** Display name: `interface.display_name` of agents/openai.yaml, else the H1. */
  name: string;
  description: string;
  tags: string[];
  version: string;
  model_type: string;
  estimated_duration_s: number;
  category: string;
  capability: string;
  default_profile: boolean;
  /** The skill folder, relative to the repository (`skills/<id>`), with `/` separators. */
  path: string;
  /** Hex SHA-256 of the canonical JSON of the full skill without this field. */
  sha256: string;
}

export interface SkillSchemas {
  input_schema: JsonSchema;
  output_schema: JsonSchema;
}

/** What the full record adds to the summary besides the schemas: what a consumer cannot get elsewhere. */
export interface SkillDetails {
  /** The SKILL.md relative to the repository (`skills/<id>/SKILL.md`). */
  skill_md_path: string;
  /** `profile_description` of the front matter, when set. */
  profile_description?: string;
  /** The Markdown of the SKILL.md's prose sections, by name; a missing section is absent. */
  sections: {
    workflow?: string;
    command_pattern?: string;
    output_handling?: string;
    operating_guidance?: string;
  };
}

/** Keys of the full record that the summary leaves out. */
export const DETAIL_KEYS = ['skill_md_path', 'profile_description', 'sections', 'input_schema', 'output_schema'] as const;

/** `GET /skills/<id>`: the summary, the details and both schemas. */
export type PublishedSkill = SkillSummary & SkillDetails & SkillSchemas;

/** `catalog.json`. */
export interface CatalogIndex {
  $schema: string;
  /** The format of this file. */
  version: 1;
  /** Hex SHA-256 over the sorted per-skill digests. */
  sha256: string;
  skills: SkillSummary[];
}

/** `index.json`, in the format the existing PopiArt sync reads. */
export interface SyncIndex {
  version: 1;
  skills: SyncIndexEntry[];
}

export interface SyncIndexEntry {
  name: string;
  path: string;
  origin: string;
  category: string;
  capability: string;
  showcase?: true;
}

export const CATALOG_SCHEMA_ID = 'https://popiart.dev/schemas/catalog.schema.json';
export const SKILL_SCHEMA_ID = 'https://popiart.dev/schemas/skill.schema.json';
