import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT } from '../core/project-files.js';
import type { CatalogIndex, PublishedSkill } from '../publish/model.js';
import { fieldKeysOf } from './page-plan.js';
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

/**
 * Every file of the static site, by relative path, each as a function that makes it: the front
 * page, one page per skill, the shared script and stylesheet, and assets/fields.js. `documents`
 * are the skills' published documents (skills/<id>.json) in the index's order; a page parses its
 * skill's document when it is made, so a build holds one page at a time. Payload checks are compiled
 * once per distinct field schema, not per skill: a check that two or more skills use goes into
 * assets/fields.js, one only a single skill uses into that skill's page; a skill whose input schema
 * is more than the shell (src/site/input-shape.ts) gets a whole validator of its own. Checks are
 * compiled here, in the index's order (ajv numbers what it compiles), not when the pages are made.
 * `sectionHtml` holds, by skill id, sections already rendered (by the per-file phase); the others
 * are rendered with their page. `fieldKeys`, when given, holds each skill's fieldKeysOf (in the
 * index's order), made already (by the per-file phase): the documents are then not parsed for it.
 * Pure but for `script`, read once by the caller.
 */
export function siteFiles(
  index: CatalogIndex,
  documents: readonly string[],
  script: string,
  sectionHtml: ReadonlyMap<string, SectionHtml> = new Map(),
  fieldKeys?: ReadonlyArray<ReadonlyMap<string, string> | undefined>,
): Array<[string, () => string]> {
  const compile = createValidatorCompiler();
  const codeByKey = new Map<string, string>();
  const codeOf = (key: string) => {
    let code = codeByKey.get(key);
    if (code === undefined) codeByKey.set(key, (code = compile(JSON.parse(key))));
    return code;
  };
  const inputSchemaOf = (at: number) => (JSON.parse(documents[at] as string) as PublishedSkill).input_schema;
  const plans = fieldKeys ?? documents.map((_, at) => fieldKeysOf(inputSchemaOf(at)));
  const skillsUsing = new Map<string, number>();
  for (const keys of plans) for (const key of new Set(keys?.values())) skillsUsing.set(key, (skillsUsing.get(key) ?? 0) + 1);
  const shared = new Map<string, string>();
  for (const keys of plans) {
    for (const key of keys?.values() ?? []) if ((skillsUsing.get(key) ?? 0) > 1 && !shared.has(key)) shared.set(key, `s${shared.size}`);
  }
  const fieldScript = fieldChecksScript([...shared].map(([key, id]) => [id, codeOf(key)]));
  const validations = plans.map((keys, at): PageValidation => {
    if (!keys) return { validator: compile(inputSchemaOf(at)) };
    const fields = Object.create(null) as Record<string, string>;
    const local = new Map<string, string>();
    for (const [name, key] of keys) {
      let id = shared.get(key) ?? local.get(key);
      if (id === undefined) local.set(key, (id = `l${local.size}`));
      fields[name] = id;
    }
    return { fields, local: [...local].map(([key, id]) => [id, codeOf(key)]) };
  });
  const files: Array<[string, () => string]> = [
    [INDEX_PAGE, () => renderIndexPage(index.skills, index.sha256)],
    [SITE_SCRIPT, () => script],
    [FIELD_SCRIPT, () => fieldScript],
    [SITE_STYLE, () => SITE_CSS],
  ];
  index.skills.forEach((summary, at) => {
    files.push([
      skillPage(summary.id),
      () => {
        const skill = JSON.parse(documents[at] as string) as PublishedSkill;
        return renderSkillPage(skill, validations[at] as PageValidation, sectionHtml.get(skill.id));
      },
    ]);
  });
  return files;
}
