import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT } from '../core/project-files.js';
import type { CatalogIndex, PublishedSkill } from '../publish/model.js';
import { INDEX_PAGE, SITE_SCRIPT, SITE_STYLE, skillPage } from './layout.js';
import { renderIndexPage, renderSkillPage } from './pages.js';
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
 * Every file of the static site, by relative path: the front page, one page per skill with its
 * precompiled validator, and the shared script and stylesheet. Pure but for `script`, read once by
 * the caller.
 */
export function renderSite(index: CatalogIndex, skills: readonly PublishedSkill[], script: string): Map<string, string> {
  const compile = createValidatorCompiler();
  const files = new Map<string, string>();
  files.set(INDEX_PAGE, renderIndexPage(index.skills, index.sha256));
  files.set(SITE_SCRIPT, script);
  files.set(SITE_STYLE, SITE_CSS);
  for (const skill of skills) files.set(skillPage(skill.id), renderSkillPage(skill, compile(skill.input_schema)));
  return files;
}
