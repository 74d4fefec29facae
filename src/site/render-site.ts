import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT } from '../core/project-files.js';
import type { CatalogIndex, PublishedSkill } from '../publish/model.js';
import { fieldKey, inputShapeOf } from './input-shape.js';
import { FIELD_SCRIPT, INDEX_PAGE, SITE_SCRIPT, SITE_STYLE, skillPage } from './layout.js';
import { fieldChecksScript, renderIndexPage, renderSkillPage, type PageValidation, type SectionHtml } from './pages.js';
import { SITE_CSS } from './style.js';
import { createValidatorCompiler } from './validator-code.js';

export class SiteAssetError extends Error {}

/** The bundled page script (scripts/build-site-assets.mjs writes it at `npm run build`). */
export function readSiteScript(): string {
  try {
    return readFileSync(new URL('dist/site/assets/site.js', PACKAGE_ROOT), 'utf8');
  } catch {
    throw new SiteAssetError('the catalog page script (dist/site/assets/site.js) is missing; run `npm run build`');
  }
}

/** Each property's field key, when the page can check the skill's payloads with the shared shell. */
function fieldKeysOf(schema: Record<string, unknown>): Map<string, string> | undefined {
  const shape = inputShapeOf(schema);
  if (!shape) return undefined;
  const properties = (schema['properties'] ?? {}) as Record<string, unknown>;
  const keys = new Map<string, string>();
  for (const name of shape.names) {
    const key = fieldKey(properties[name]);
    if (key === undefined) return undefined;
    keys.set(name, key);
  }
  return keys;
}

/**
 * Every file of the static site, by relative path: the front page, one page per skill, the shared
 * script and stylesheet, and assets/fields.js. Payload checks are compiled once per distinct field
 * schema, not per skill: a check that two or more skills use goes into assets/fields.js, one only a
 * single skill uses into that skill's page; a skill whose input schema is more than the shell
 * (src/site/input-shape.ts) gets a whole validator of its own. `sectionHtml` holds, by skill id,
 * sections already rendered (by the per-file phase); the others are rendered here. Pure but for
 * `script`, read once by the caller.
 */
export function renderSite(
  index: CatalogIndex,
  skills: readonly PublishedSkill[],
  script: string,
  sectionHtml: ReadonlyMap<string, SectionHtml> = new Map(),
): Map<string, string> {
  const compile = createValidatorCompiler();
  const codeByKey = new Map<string, string>();
  const codeOf = (key: string) => {
    let code = codeByKey.get(key);
    if (code === undefined) codeByKey.set(key, (code = compile(JSON.parse(key))));
    return code;
  };
  const plans = skills.map((skill) => fieldKeysOf(skill.input_schema));
  const skillsUsing = new Map<string, number>();
  for (const keys of plans) for (const key of new Set(keys?.values())) skillsUsing.set(key, (skillsUsing.get(key) ?? 0) + 1);
  const shared = new Map<string, string>();
  for (const keys of plans) {
    for (const key of keys?.values() ?? []) if ((skillsUsing.get(key) ?? 0) > 1 && !shared.has(key)) shared.set(key, `s${shared.size}`);
  }
  const files = new Map<string, string>();
  files.set(INDEX_PAGE, renderIndexPage(index.skills, index.sha256));
  files.set(SITE_SCRIPT, script);
  files.set(FIELD_SCRIPT, fieldChecksScript([...shared].map(([key, id]) => [id, codeOf(key)])));
  files.set(SITE_STYLE, SITE_CSS);
  skills.forEach((skill, at) => {
    const keys = plans[at];
    let validation: PageValidation;
    if (keys) {
      const fields = Object.create(null) as Record<string, string>;
      const local = new Map<string, string>();
      for (const [name, key] of keys) {
        let id = shared.get(key) ?? local.get(key);
        if (id === undefined) local.set(key, (id = `l${local.size}`));
        fields[name] = id;
      }
      validation = { fields, local: [...local].map(([key, id]) => [id, codeOf(key)]) };
    } else {
      validation = { validator: compile(skill.input_schema) };
    }
    files.set(skillPage(skill.id), renderSkillPage(skill, validation, sectionHtml.get(skill.id)));
  });
  return files;
}
