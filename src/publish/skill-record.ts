import { parseSkillName } from '../check/skill-name.js';
import type { DerivedSkill } from '../derive/index.js';
import { compareStrings } from '../core/diagnostic.js';
import { canonicalJson, sha256Hex, sortKeys } from './canonical-json.js';
import { SAFE_ID } from './layout.js';
import type { PublishedSkill } from './model.js';
import type { SectionSpan } from '../parse/sections.js';
import type { SectionName, SkillSections } from './skill-sections.js';

/** One validated skill, as the build reads it. */
export interface SkillSource {
  /** The SKILL.md, for messages. */
  filePath: string;
  /** The SKILL.md relative to the catalog root, with `/` separators (`skills/<id>/SKILL.md`). */
  path: string;
  /** The front matter as data. */
  frontMatter: Record<string, unknown> | undefined;
  /** The text of the `#` title, the display name when agents/openai.yaml gives none. */
  title: string | undefined;
  derived: DerivedSkill | undefined;
  /** The data of `agents/openai.yaml` beside the SKILL.md, when there is one and it parsed. */
  agents?: Record<string, unknown>;
  /** The published prose sections of the SKILL.md (see skillSectionsOf). */
  sections?: SkillSections;
  /** Where the SKILL.md's sections lie, as its analysis recorded them: cutting them out needs no parse. */
  sectionSpans?: SectionSpan[];
  /** Each published section's HTML for the skill's page, when the per-file phase rendered it (file-step.ts). */
  sectionHtml?: Partial<Record<SectionName, string>>;
}

/**
 * `document` is canonicalJson(skill), the bytes of skills/<id>.json, and `schemas` those of
 * skills/<id>/schema.json: made here from the one sorting of the schemas the digest needs.
 * `inputSchema` is the input schema as published (keys sorted, as the document holds it).
 */
export type SkillRecordResult =
  | { ok: true; skill: PublishedSkill; document: string; schemas: string; inputSchema: Record<string, unknown> }
  | { ok: false; problems: string[] };

/**
 * The published form of one skill. Validation has already passed, so a problem here means a
 * check is missing upstream; it is still reported rather than published half-filled.
 */
export function publishedSkillOf(source: SkillSource): SkillRecordResult {
  const data = source.frontMatter;
  const problems: string[] = [];
  const text = (key: string): string => {
    const value = data?.[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
    problems.push(`front matter \`${key}\` must be non-empty text`);
    return '';
  };
  const id = text('name');
  const description = text('description');
  const version = text('version');
  const modelType = text('model_type');
  const tags = data?.['tags'];
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) problems.push('front matter `tags` must be a list of text');
  const duration = data?.['estimated_duration_s'];
  if (typeof duration !== 'number' || !Number.isInteger(duration)) problems.push('front matter `estimated_duration_s` must be a whole number');
  const parts = id === '' ? undefined : parseSkillName(id).parts;
  if (id !== '' && (!parts || !SAFE_ID.test(id))) problems.push(`\`${id}\` is not a skill id of the form popiskill-<category>-<capability>-<slug>-v<major>`);
  if (!source.derived) problems.push('no input or output schema could be derived from the document');
  if (problems.length > 0 || !parts || !source.derived) return { ok: false, problems };
  const content = {
    id,
    name: displayNameOf(source) ?? id,
    description,
    tags: [...(tags as string[])],
    version,
    model_type: modelType,
    estimated_duration_s: duration as number,
    category: parts.category,
    capability: parts.capability,
    default_profile: data?.['default_profile'] === true,
    path: source.path,
    skill_md_path: source.path,
    sections: { ...source.sections },
    ...profileDescriptionOf(data),
    input_schema: source.derived.inputSchema,
    output_schema: source.derived.outputSchema,
  };
  // canonicalJson(content), with each schema sorted once for the three texts that hold it.
  const inputSchema = sortKeys(content.input_schema);
  const outputSchema = sortKeys(content.output_schema);
  const contentText = `${JSON.stringify(withSortedKeys({ ...content, sections: sortKeys(content.sections), input_schema: inputSchema, output_schema: outputSchema }), null, 2)}\n`;
  const sha256 = sha256Hex(contentText);
  return {
    ok: true,
    skill: { ...content, sha256 },
    document: withDigestLine(contentText, sha256),
    schemas: `{\n  "input_schema": ${topLevelValue(contentText, 'input_schema')},\n  "output_schema": ${topLevelValue(contentText, 'output_schema')}\n}\n`,
    inputSchema: inputSchema as Record<string, unknown>,
  };
}

/** The object's own keys in code-unit order (its values as they are, already canonical), as sortKeys orders them. */
function withSortedKeys(value: Record<string, unknown>): Record<string, unknown> {
  const sorted = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value).sort(compareStrings)) if (value[key] !== undefined) sorted[key] = value[key];
  return sorted;
}

/**
 * The canonical text of the record with its digest from that of the record without it: `sha256`
 * sorts between `sections` and `skill_md_path`, which every record has. Only top-level keys are
 * indented by exactly two spaces, and a JSON string holds no raw line feed, so the line is found
 * by its bytes.
 */
function withDigestLine(contentText: string, sha256: string): string {
  const at = contentText.indexOf(SKILL_MD_PATH_LINE);
  if (at < 0) throw new Error('a record without skill_md_path');
  return `${contentText.slice(0, at)}\n  "sha256": ${JSON.stringify(sha256)},${contentText.slice(at)}`;
}

const SKILL_MD_PATH_LINE = '\n  "skill_md_path": ';

/**
 * The text of a top-level value of a canonical record, as JSON.stringify(value, null, 2) nested
 * one level deep writes it: the same text in skills/<id>/schema.json, where the schemas are also
 * top-level values, so it is cut out rather than made twice. Found by its bytes as withDigestLine
 * finds its line: a top-level key's line starts with a line feed and exactly two spaces, and the
 * value runs to the next such line (`input_schema` and `output_schema` are never last: `path` and
 * `version` follow them).
 */
function topLevelValue(contentText: string, key: string): string {
  const line = `\n  ${JSON.stringify(key)}: `;
  const start = contentText.indexOf(line);
  const end = contentText.indexOf(',\n  "', start + line.length);
  if (start < 0 || end < 0) throw new Error(`a record without ${key}`);
  return contentText.slice(start + line.length, end);
}

function profileDescriptionOf(data: Record<string, unknown> | undefined): { profile_description?: string } {
  const value = data?.['profile_description'];
  return typeof value === 'string' && value.trim() !== '' ? { profile_description: value.trim() } : {};
}

/** `interface.display_name` of agents/openai.yaml when it is set, else the H1. */
function displayNameOf(source: SkillSource): string | undefined {
  if (source.agents !== undefined) {
    const face = source.agents['interface'];
    const name = face !== null && typeof face === 'object' ? (face as Record<string, unknown>)['display_name'] : undefined;
    if (typeof name === 'string' && name.trim() !== '') return name.trim();
  }
  return source.title;
}
