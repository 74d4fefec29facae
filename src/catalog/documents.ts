import type { ErrorObject, ValidateFunction } from 'ajv';
import { readProjectJson } from '../core/project-files.js';
import { catalogDigest, summaryOf } from '../publish/build.js';
import { canonicalJson, sha256Hex } from '../publish/canonical-json.js';
import { CATALOG_FILE, SAFE_ID, skillFile } from '../publish/layout.js';
import { createPayloadAjv } from './ajv.js';
import { CatalogError, type CatalogIndex, type PublishedSkill } from './types.js';

/** Reads one file of a catalog by relative path; undefined when it does not exist. */
export type CatalogReader = (relativePath: string) => Promise<string | undefined>;

const PARALLEL_READS = 32;

/**
 * Reads and checks a built catalog: catalog.json and every skills/<id>.json must match their
 * schemas, each skill must agree with its summary, and every digest must match the content, so a
 * hand-edited or half-copied catalog is refused rather than served.
 */
export async function readCatalogDocuments(read: CatalogReader): Promise<{ index: CatalogIndex; skills: PublishedSkill[] }> {
  const { checkIndex, checkSkill } = documentValidators();
  const index = parseChecked(CATALOG_FILE, await read(CATALOG_FILE), checkIndex) as CatalogIndex;
  const seen = new Set<string>();
  for (const summary of index.skills) {
    if (!SAFE_ID.test(summary.id)) throw new CatalogError(`${CATALOG_FILE}: "${summary.id}" is not a skill id`);
    if (seen.has(summary.id)) throw new CatalogError(`${CATALOG_FILE}: the skill ${summary.id} is listed twice`);
    seen.add(summary.id);
  }
  const skills: PublishedSkill[] = [];
  for (let start = 0; start < index.skills.length; start += PARALLEL_READS) {
    const batch = index.skills.slice(start, start + PARALLEL_READS);
    const texts = await Promise.all(batch.map((summary) => read(skillFile(summary.id))));
    batch.forEach((summary, i) => {
      const file = skillFile(summary.id);
      const skill = parseChecked(file, texts[i], checkSkill) as PublishedSkill;
      const { sha256, ...content } = skill;
      if (sha256Hex(canonicalJson(content)) !== sha256) throw new CatalogError(`${file}: its sha256 does not match its content`);
      if (canonicalJson(summaryOf(skill)) !== canonicalJson(summary)) {
        throw new CatalogError(`${file}: it does not agree with its summary in ${CATALOG_FILE}`);
      }
      skills.push(skill);
    });
  }
  if (catalogDigest(skills.map((skill) => skill.sha256)) !== index.sha256) {
    throw new CatalogError(`${CATALOG_FILE}: its sha256 does not match the skills' digests`);
  }
  return { index, skills };
}

function documentValidators(): { checkIndex: ValidateFunction; checkSkill: ValidateFunction } {
  const ajv = createPayloadAjv();
  ajv.addSchema(readProjectJson('skill.schema.json') as object);
  const checkIndex = ajv.compile(readProjectJson('catalog.schema.json') as object);
  const checkSkill = ajv.getSchema('https://popiart.dev/schemas/skill.schema.json');
  if (!checkSkill) throw new Error('schemas/skill.schema.json has no $id');
  return { checkIndex, checkSkill };
}

function parseChecked(file: string, text: string | undefined, check: ValidateFunction): unknown {
  if (text === undefined) throw new CatalogError(`${file} is missing`);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new CatalogError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!check(value)) throw new CatalogError(`${file} does not match its schema: ${summarize(check.errors ?? [])}`);
  return value;
}

function summarize(errors: readonly ErrorObject[]): string {
  const shown = errors.slice(0, 3).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
  return `${shown.join('; ')}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}`;
}
